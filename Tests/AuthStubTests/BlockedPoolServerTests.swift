import AuthStub
import StubHTTP
import TestSupport
import Testing

/// A test suite can keep Swift's cooperative pool busy (blocking waits in tasks are common in
/// tests); the fake it embeds must answer anyway, over its socket.
@Suite("Server: answers with the cooperative pool blocked")
struct BlockedPoolServerTests {
    @Test("a wice login and a control status call are answered while every thread of the pool is held")
    func answersWithPoolBlocked() async throws {
        let server = try await AuthStubServer.start()
        let port = try #require(server.port)
        let answered = await onOwnThread {
            blockingCooperativePool { () -> [String] in
                let login =
                    "POST /m2m/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\nContent-Length: 39\r\n\r\n"
                    + #"{"username":"user","password":"secret"}"#
                return [login, "GET /__control/status HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n"].map { Self.statusLine(answering: $0, port: port) }
            }
        }
        await server.stop()
        let lines: [String] = try answered.get()
        #expect(lines == ["HTTP/1.1 201 Created", "HTTP/1.1 200 OK"])
    }

    /// The status line of the answer to `request` on a new connection, or what went wrong.
    private static func statusLine(answering request: String, port: Int) -> String {
        do {
            let socket = try ClientSocket(port: port)
            defer { socket.close() }
            try socket.send(request)
            var received: [UInt8] = []
            while !received.contains(UInt8(ascii: "\n")) {
                let bytes = try socket.receive(timeout: .seconds(5))
                if bytes.isEmpty { break }
                received += bytes
            }
            return String(decoding: received.prefix { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
        } catch {
            return "\(error)"
        }
    }
}
