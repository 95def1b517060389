import Foundation
import StubHTTP
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The connection faults a handler can ask for, seen by raw sockets and by URLSession.
@Suite("Live: handler actions")
struct LiveActionTests {
    static let byPath: HTTPServer.Handler = { request in
        let ok = HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], text: "0123456789")
        switch request.path {
        case "/drop": return .drop
        case "/reset": return .reset
        case "/truncated": return .truncated(ok, bodyBytes: 4)
        case "/slow": return .respond(ok, after: .milliseconds(300))
        case "/slow-drop": return .delayed(.milliseconds(100), then: .drop)
        default: return .respond(ok)
        }
    }

    @Test("drop closes without a byte; the connection's server keeps serving")
    func drop() async throws {
        try await withLiveServer(handler: Self.byPath) { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("GET /drop HTTP/1.1\r\nHost: a\r\n\r\n")
            let (bytes, closed) = await connection.receiveUntilClosed()
            #expect(bytes.isEmpty)
            #expect(closed)
            let next = try await RawConnection.connect(port: port)
            try await next.send("GET /fine HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try await next.response().status == 200)
        }
    }

    @Test("reset sends a TCP RST")
    func reset() async throws {
        try await withLiveServer(handler: Self.byPath) { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("GET /reset HTTP/1.1\r\nHost: a\r\n\r\n")
            do {
                let bytes = try await connection.receive()
                Issue.record("expected a reset, got \(bytes.count) bytes")
            } catch let error as SystemError {
                #expect(ClientSocket.isReset(error), "got \(error)")
            }
        }
    }

    @Test("truncated sends the head and part of the body, then closes")
    func truncated() async throws {
        try await withLiveServer(handler: Self.byPath) { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("GET /truncated HTTP/1.1\r\nHost: a\r\n\r\n")
            let (bytes, closed) = await connection.receiveUntilClosed()
            #expect(closed)
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains("Content-Length: 10\r\n"))
            #expect(text.hasSuffix("\r\n\r\n0123"))
        }
    }

    @Test("delayed waits at least the delay before answering")
    func delayed() async throws {
        try await withLiveServer(handler: Self.byPath) { _, port in
            let connection = try await RawConnection.connect(port: port)
            let began = ContinuousClock.now
            try await connection.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try await connection.response().status == 200)
            #expect(ContinuousClock.now - began >= .milliseconds(300))
        }
    }

    /// What the README's StubHTTP section says URLSession reports: on Linux (FoundationNetworking,
    /// on libcurl) an empty reply is `badServerResponse` and a body short of its
    /// `Content-Length` curl's partial-file error, code -1; macOS loses the connection each time.
    static func expectedCode(_ path: String) -> URLError.Code {
        #if os(Linux)
        switch path {
        case "/drop", "/slow-drop": .badServerResponse
        case "/reset": .networkConnectionLost
        default: .unknown
        }
        #else
        .networkConnectionLost
        #endif
    }

    @Test("URLSession sees drop, reset and truncation as the URLErrors the README names", arguments: ["/drop", "/reset", "/truncated", "/slow-drop"])
    func urlSessionErrors(path: String) async throws {
        try await withLiveServer(handler: Self.byPath) { _, port in
            let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
            do {
                let (data, _) = try await makeTestSession().data(from: url)
                Issue.record("expected a URLError, got \(data.count) bytes")
            } catch let error as URLError {
                #expect(error.code == Self.expectedCode(path), "got \(error.code)")
            }
        }
    }
}
