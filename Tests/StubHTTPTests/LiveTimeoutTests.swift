import Foundation
import StubHTTP
import TestSupport
import Testing

/// Request and idle timeouts, and slow clients that must not hold up anyone else.
///
/// The fast clients' answers are awaited with `RawConnection`'s default 30 s: these servers'
/// handlers are tasks on Swift's cooperative pool, which other tests of the process hold
/// whole for up to about 20 s (`blockingCooperativePool`); with 10 s, two of these tests
/// timed out together in CI while `BlockedPoolServerTests` held it for 16.6 s. A client the
/// server failed would never be answered, so the longer wait loses nothing.
@Suite("Live: timeouts and slow clients")
struct LiveTimeoutTests {
    @Test("A request begun but not finished gets 408, then the connection closes")
    func requestTimeout() async throws {
        try await withLiveServer(configure: { $0.requestTimeout = .milliseconds(200) }) { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("GET /slow HTTP/1.1\r\nHost: a\r\n")
            let (bytes, closed) = await connection.receiveUntilClosed(timeout: .seconds(10))
            #expect(closed)
            #expect(try #require(RawResponse.parse(bytes[...], isHead: false)).0.status == 408)
        }
    }

    @Test("A kept-alive connection that sends nothing is closed quietly at the idle timeout")
    func idleTimeout() async throws {
        try await withLiveServer(configure: { $0.idleTimeout = .milliseconds(500) }) { _, port in
            let connection = try await RawConnection.connect(port: port, sending: "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try await connection.response().status == 200)
            let (bytes, closed) = await connection.receiveUntilClosed(timeout: .seconds(10))
            #expect(closed)
            #expect(bytes.isEmpty)

            // Catalogue row #31: a client that connects and never sends a byte.
            let silent = try await RawConnection.connect(port: port)
            let (silentBytes, silentClosed) = await silent.receiveUntilClosed(timeout: .seconds(30))
            #expect(silentClosed)
            #expect(silentBytes.isEmpty)
        }
    }

    @Test("A client trickling its headers does not delay a fast client")
    func slowClientBesideFastOne() async throws {
        // The slow request must outlive the loop below however loaded the machine is: its
        // request timeout is not what this test is about.
        try await withLiveServer(configure: {
            $0.eventLoopCount = 1
            $0.requestTimeout = .seconds(600)
        }) { _, port in
            let slow = try await RawConnection.connect(port: port)
            try await slow.send("GET /slow HTTP/1.1\r\nHost: a\r\nX-Slow: ")
            for index in 0..<20 {
                let fast = try await RawConnection.connect(port: port)
                try await fast.send("GET /fast\(index) HTTP/1.1\r\nHost: a\r\n\r\n")
                #expect(try await fast.response().text == "GET /fast\(index) ")
                try await slow.send("x")
            }
            try await slow.send("\r\n\r\n")
            #expect(try await slow.response().text == "GET /slow ")
        }
    }

    @Test("A client that never reads its responses does not stall the others")
    func nonReadingClient() async throws {
        let big = HTTPResponse(status: 200, body: [UInt8](repeating: 0x61, count: 1 << 20))
        let handler: HTTPServer.Handler = { request in
            request.path == "/big" ? .respond(big) : .respond(HTTPResponse(status: 200, text: "small"))
        }
        try await withLiveServer(configure: { $0.eventLoopCount = 1 }, handler: handler) { _, port in
            let hog = try await RawConnection.connect(port: port)
            try await hog.send(String(repeating: "GET /big HTTP/1.1\r\nHost: a\r\n\r\n", count: 16))
            let fast = try await RawConnection.connect(port: port)
            for _ in 0..<10 {
                try await fast.send("GET /small HTTP/1.1\r\nHost: a\r\n\r\n")
                #expect(try await fast.response().text == "small")
            }
        }
    }
}
