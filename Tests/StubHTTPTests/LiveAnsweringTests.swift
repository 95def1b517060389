import Dispatch
import Foundation
import StubHTTP
import Synchronization
import TestSupport
import Testing

/// A server made with `HTTPServer(configuration:answering:)`: answers worked out on the event
/// loop's own thread, or delivered later from elsewhere, over real sockets.
@Suite("Live: answering on the loop")
struct LiveAnsweringTests {
    /// Starts an answering server with one event loop (so every connection shares it), runs
    /// `body`, and always stops it.
    private func withAnsweringServer(
        _ handler: @escaping HTTPServer.AnsweringHandler,
        _ body: (Int) async throws -> Void
    ) async throws {
        var configuration = HTTPServer.Configuration()
        configuration.eventLoopCount = 1
        let server = HTTPServer(configuration: configuration, answering: handler)
        try await server.start()
        let port = try #require(server.port)
        do {
            try await body(port)
            await server.stop()
        } catch {
            await server.stop()
            throw error
        }
    }

    private static func text(_ text: String) -> HTTPAction {
        .respond(HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], text: text))
    }

    @Test("a finished answer is worked out on a loop thread; a pending one is delivered from another thread; pipelined, they leave in order")
    func finishedAndPending() async throws {
        let threads = Mutex<[String: String]>([:])
        let waiter = DispatchQueue(label: "delivers-later")
        try await withAnsweringServer({ request in
            let name = Thread.current.name ?? ""
            threads.withLock { $0[request.path] = name }
            guard request.path == "/later" else { return .finished(Self.text("now \(request.path)")) }
            return .pending { deliver in
                waiter.asyncAfter(deadline: .now() + .milliseconds(50)) {
                    threads.withLock { $0["delivered"] = Thread.current.name ?? "" }
                    deliver(Self.text("later"))
                }
            }
        }) { port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /later HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n")
            let responses = try await connection.responses(3)
            #expect(responses.map(\.text) == ["now /a", "later", "now /b"])
        }
        let seen = threads.withLock { $0 }
        #expect(seen["/a"]?.hasPrefix("authstub-io-") == true, "answered on \(seen["/a"] ?? "?")")
        #expect(seen["/b"]?.hasPrefix("authstub-io-") == true, "answered on \(seen["/b"] ?? "?")")
        #expect(seen["delivered"]?.hasPrefix("authstub-io-") == false, "delivered on \(seen["delivered"] ?? "?")")
    }

    @Test("2,000 requests pipelined on one connection are all answered on the loop, in order")
    func manyPipelined() async throws {
        try await withAnsweringServer({ request in .finished(Self.text(request.path)) }) { port in
            let connection = try await RawConnection.connect(port: port)
            let requests = (0..<2_000).map { "GET /\($0) HTTP/1.1\r\nHost: a\r\n\r\n" }.joined()
            try await connection.send(requests)
            let responses = try await connection.responses(2_000)
            #expect(responses.map(\.text) == (0..<2_000).map { "/\($0)" })
        }
    }

    @Test("a delay a finished answer asks for is waited out off the loop: another connection is answered first, the delayed one after the delay")
    func delayedOnLoop() async throws {
        try await withAnsweringServer({ request in
            request.path == "/slow" ? .finished(.delayed(.seconds(2), then: Self.text("slow"))) : .finished(Self.text("fast"))
        }) { port in
            // Blocking sockets on a thread of the test's own, so the order seen is the server's,
            // whatever keeps Swift's pool busy meanwhile.
            let seen = try await onOwnThread { () throws -> [String] in
                let slow = try ClientSocket(port: port)
                let fast = try ClientSocket(port: port)
                defer {
                    slow.close()
                    fast.close()
                }
                let started = ContinuousClock.now
                try slow.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
                try fast.send("GET /fast HTTP/1.1\r\nHost: a\r\n\r\n")
                var order: [String] = []
                let fastBytes = try fast.receive(timeout: .seconds(30))
                order.append(RawResponse.parse(fastBytes[...], isHead: false)?.0.text ?? "?")
                // A loop that slept through the delay would have sent the slow answer first.
                do throws(SystemError) {
                    let early = try slow.receive(timeout: .milliseconds(1))
                    order.append("the slow answer was there already (\(early.count) bytes)")
                } catch {
                    guard ClientSocket.isTimeout(error) else { throw error }
                }
                let slowBytes = try slow.receive(timeout: .seconds(30))
                order.append(RawResponse.parse(slowBytes[...], isHead: false)?.0.text ?? "?")
                order.append(ContinuousClock.now - started >= .seconds(2) ? "after the delay" : "too early")
                return order
            }
            #expect(seen == ["fast", "slow", "after the delay"])
        }
    }

    @Test("answers on the loop while every thread of Swift's cooperative pool is blocked")
    func poolBlocked() async throws {
        try await withAnsweringServer({ request in .finished(Self.text(request.path)) }) { port in
            let answered = await onOwnThread { () -> Result<String, PoolBlockError> in
                blockingCooperativePool { () -> String in
                    guard let socket = try? ClientSocket(port: port) else { return "cannot connect" }
                    defer { socket.close() }
                    do {
                        try socket.send("GET /while-blocked HTTP/1.1\r\nHost: a\r\n\r\n")
                        let bytes = try socket.receive(timeout: .seconds(5))
                        return RawResponse.parse(bytes[...], isHead: false)?.0.text ?? "no response in \(bytes.count) bytes"
                    } catch {
                        return "\(error)"
                    }
                }
            }
            let text: String = try answered.get()
            #expect(text == "/while-blocked")
        }
    }
}
