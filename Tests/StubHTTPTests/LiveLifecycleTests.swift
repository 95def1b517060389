import Foundation
import StubHTTP
import TestSupport
import Testing

/// Start, stop, binding, and many servers and connections in one process.
@Suite("Live: lifecycle")
struct LiveLifecycleTests {
    @Test("Port 0 gives a real port, known when start returns")
    func ephemeralPort() async throws {
        try await withLiveServer { server, port in
            #expect(port > 0)
            #expect(server.port == port)
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try await connection.response().status == 200)
        }
    }

    @Test("IPv6 loopback")
    func ipv6() async throws {
        try await withLiveServer(configure: { $0.host = "::1" }) { _, port in
            let connection = try await RawConnection.connect(port: port, host: "::1")
            try await connection.send("GET /six HTTP/1.1\r\nHost: [::1]\r\n\r\n")
            #expect(try await connection.response().text == "GET /six ")
        }
    }

    @Test("A port in use fails at once with the OS reason and the address")
    func bindFailure() async throws {
        try await withLiveServer { _, port in
            let second = HTTPServer(configuration: .init(host: "127.0.0.1", port: port), handler: echoHandler)
            do throws(HTTPServerError) {
                try await second.start()
                Issue.record("second bind on \(port) succeeded")
                await second.stop()
            } catch {
                #expect(error.description == "127.0.0.1:\(port): Address already in use")
            }
        }
    }

    @Test("stop closes open connections, idle and mid-request, and is safe twice")
    func stopClosesConnections() async throws {
        let server = HTTPServer { _ in .respond(HTTPResponse(status: 200), after: .seconds(30)) }
        try await server.start()
        let port = try #require(server.port)
        let idle = try await RawConnection.connect(port: port)
        let waiting = try await RawConnection.connect(port: port)
        try await waiting.send("GET /never HTTP/1.1\r\nHost: a\r\n\r\n")
        try await Task.sleep(for: .milliseconds(50))
        await server.stop()
        await server.stop()
        #expect(await idle.receiveUntilClosed().closed)
        #expect(await waiting.receiveUntilClosed().closed)
        await #expect(throws: (any Error).self) { try await RawConnection.connect(port: port) }
    }

    @Test("stop before start, and start after stop, are harmless")
    func stopWithoutStart() async throws {
        let server = HTTPServer(handler: echoHandler)
        await server.stop()
        await #expect(throws: HTTPServerError.self) { try await server.start() }
    }

    @Test("A client reset mid-request leaves the server serving")
    func resetMidRequest() async throws {
        try await withLiveServer { _, port in
            let rude = try await RawConnection.connect(port: port)
            try await rude.send("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nabc")
            await rude.reset()
            let polite = try await RawConnection.connect(port: port)
            try await polite.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try await polite.response().status == 200)
        }
    }

    @Test("50 servers in parallel in one process each answer only their own requests")
    func fiftyServers() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask {
                    let handler: HTTPServer.Handler = { _ in .respond(HTTPResponse(status: 200, text: "server \(index)")) }
                    try await withLiveServer(handler: handler) { _, port in
                        let connection = try await RawConnection.connect(port: port)
                        for _ in 0..<3 {
                            try await connection.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
                            #expect(try await connection.response().text == "server \(index)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test("1,000 idle keep-alive connections are held and all answer again")
    func thousandKeepAliveConnections() async throws {
        let count = 1_000
        let limit = raiseOpenFileLimit(to: 2 * count + 256)
        try #require(limit >= 2 * count + 64, "open-file limit \(limit) is too low for this test")
        try await withLiveServer(configure: { $0.backlog = 2048 }) { _, port in
            var connections: [RawConnection] = []
            for _ in 0..<count { connections.append(try await RawConnection.connect(port: port)) }
            // Every connection sends before any reads, so all 1,000 are open and waiting at once.
            for round in 0..<2 {
                for (index, connection) in connections.enumerated() {
                    try await connection.send("GET /\(index) HTTP/1.1\r\nHost: a\r\n\r\n")
                }
                var answered = 0
                for (index, connection) in connections.enumerated()
                where try await connection.response(timeout: .seconds(20)).text == "GET /\(index) " {
                    answered += 1
                }
                #expect(answered == count, "round \(round)")
            }
            for connection in connections { await connection.close() }
        }
    }
}
