import Foundation
import StubHTTP
import Synchronization
import TestSupport
import Testing

/// The output limits: clients that ask for large responses and never read them cannot make the
/// server hold more than `maxPendingOutputBytes` each and `maxPendingOutputBytesTotal` in all.
///
/// A response is counted whole until all of it is sent: what the kernel has taken of it (up to
/// about 4 MiB in socket buffers for a client that does not read) still occupies its buffer.
@Suite("Live: output limits for clients that do not read")
struct LiveOutputLimitTests {
    static let mebibyte = 1 << 20
    static let big = HTTPResponse(status: 200, body: [UInt8](repeating: 0x61, count: 10 * mebibyte))
    static let huge = HTTPResponse(status: 200, body: [UInt8](repeating: 0x62, count: 11 * mebibyte + mebibyte / 2))

    /// Counts the requests for each path, and answers `/big`, `/huge` or `small`.
    final class Counting: Sendable {
        let counts = Mutex<[String: Int]>([:])

        var handler: HTTPServer.Handler {
            { [self] request in
                counts.withLock { $0[request.path, default: 0] += 1 }
                switch request.path {
                case "/big": return .respond(LiveOutputLimitTests.big)
                case "/huge": return .respond(LiveOutputLimitTests.huge)
                default: return .respond(HTTPResponse(status: 200, text: "small"))
                }
            }
        }

        func count(_ path: String) -> Int { counts.withLock { $0[path, default: 0] } }
    }

    static func limits(_ configuration: inout HTTPServer.Configuration) {
        configuration.maxPendingOutputBytes = 11 * mebibyte
        configuration.maxPendingOutputBytesTotal = 12 * mebibyte
    }

    /// Waits (up to 30 s, a wait rather than a speed limit) until `condition` holds.
    static func waitUntil(_ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("the condition never held", sourceLocation: sourceLocation)
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test(
        "a response that would pass the server's budget is a 503 with Retry-After, then close; a reader still gets small ones, and a closed hog frees its share"
    )
    func serverBudget() async throws {
        let counting = Counting()
        try await withLiveServer(configure: Self.limits, handler: counting.handler) { server, port in
            let hog = try await RawConnection.connect(port: port)
            try await hog.send("GET /big HTTP/1.1\r\nHost: a\r\n\r\n")
            try await Self.waitUntil { server.pendingOutputBytes > 0 }

            // Another 10 MiB does not fit beside the hog's, which is held until all of it is sent.
            let second = try await RawConnection.connect(port: port)
            try await second.send("GET /big HTTP/1.1\r\nHost: a\r\n\r\nGET /small HTTP/1.1\r\nHost: a\r\n\r\n")
            let (bytes, closed) = await second.receiveUntilClosed(timeout: .seconds(30))
            #expect(closed)
            let (refused, rest) = try #require(RawResponse.parse(bytes[...], isHead: false))
            #expect(refused.status == 503)
            #expect(refused.header("Retry-After") == "1")
            #expect(refused.header("Connection") == "close")
            #expect(refused.text.contains("maxPendingOutputBytesTotal"))
            #expect(rest.isEmpty, "the pipelined request after the refusal is not answered")
            #expect(server.pendingOutputBytes > 10 * Self.mebibyte)
            #expect(server.pendingOutputBytes <= 10 * Self.mebibyte + 1024)

            let reader = try await RawConnection.connect(port: port)
            try await reader.send("GET /small HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try await reader.response().text == "small")

            await hog.close()
            try await Self.waitUntil { server.pendingOutputBytes == 0 }
            try await reader.send("GET /big HTTP/1.1\r\nHost: a\r\n\r\n")
            let answer = try await reader.response()
            #expect(answer.status == 200)
            #expect(answer.body.count == 10 * Self.mebibyte)
            try await Self.waitUntil { server.pendingOutputBytes == 0 }
        }
    }

    @Test("a response larger than one connection may queue is a 500 naming the limit, then close")
    func connectionLimit() async throws {
        let counting = Counting()
        try await withLiveServer(configure: Self.limits, handler: counting.handler) { server, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("GET /huge HTTP/1.1\r\nHost: a\r\n\r\n")
            let (bytes, closed) = await connection.receiveUntilClosed(timeout: .seconds(30))
            #expect(closed)
            let (refused, rest) = try #require(RawResponse.parse(bytes[...], isHead: false))
            #expect(refused.status == 500)
            #expect(refused.text.contains("maxPendingOutputBytes"))
            #expect(refused.text.contains(String(11 * Self.mebibyte)))
            #expect(rest.isEmpty)
            try await Self.waitUntil { server.pendingOutputBytes == 0 }
        }
    }

    @Test("pipelined requests from a client that never reads wait unread: one response at a time is queued")
    func pipelinedNeverRead() async throws {
        let counting = Counting()
        try await withLiveServer(
            configure: {
                Self.limits(&$0)
                $0.eventLoopCount = 1
            },
            handler: counting.handler
        ) { server, port in
            let hog = try await RawConnection.connect(port: port)
            try await hog.send(String(repeating: "GET /big HTTP/1.1\r\nHost: a\r\n\r\n", count: 50))
            try await Self.waitUntil { server.pendingOutputBytes > 0 }

            // The one loop has served someone else since, and has still not looked at the rest.
            let reader = try await RawConnection.connect(port: port)
            for _ in 0..<3 {
                try await reader.send("GET /small HTTP/1.1\r\nHost: a\r\n\r\n")
                #expect(try await reader.response().text == "small")
            }
            #expect(counting.count("/big") == 1)
            #expect(server.pendingOutputBytes > 10 * Self.mebibyte)
            #expect(server.pendingOutputBytes <= 10 * Self.mebibyte + 1024)
        }
    }
}
