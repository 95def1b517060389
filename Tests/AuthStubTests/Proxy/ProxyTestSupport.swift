import Foundation
import StubHTTP
import Testing

@testable import AuthStub

/// An upstream server started by a test: a StubHTTP `HTTPServer` on 127.0.0.1 whose handler
/// the test writes, keeping every request it received.
final class TestUpstream: Sendable {
    private let server: HTTPServer
    private let received = Locked<[HTTPRequest]>([])

    /// An upstream answering with `answer`.
    init(_ answer: @escaping @Sendable (HTTPRequest) -> HTTPAction) {
        var configuration = HTTPServer.Configuration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let received = self.received
        server = HTTPServer(configuration: configuration) { request in
            received.withLock { $0.append(request) }
            return answer(request)
        }
    }

    /// `http://127.0.0.1:port` once started.
    var url: URL { URL(string: "http://127.0.0.1:\(server.port ?? 0)") ?? URL(fileURLWithPath: "/") }

    /// The requests it received, oldest first.
    var requests: [HTTPRequest] { received.withLock { $0 } }

    /// Starts an upstream, runs `body`, always stops it.
    static func with<Result>(
        _ answer: @escaping @Sendable (HTTPRequest) -> HTTPAction,
        _ body: (TestUpstream) async throws -> Result
    ) async throws -> Result {
        let upstream = TestUpstream(answer)
        try await upstream.server.start()
        do {
            let result = try await body(upstream)
            await upstream.server.stop()
            return result
        } catch {
            await upstream.server.stop()
            throw error
        }
    }
}

/// A listener that answers every connection with bytes that are not HTTP, then closes it.
final class GarbageUpstream: Sendable {
    private let listener: Socket.Listener
    private let stopped = Locked(false)

    init() throws {
        listener = try Socket.listen(host: "127.0.0.1", port: 0, backlog: 8)
        let (listener, stopped) = (listener, stopped)
        // A thread of its own: on Linux a Dispatch worker held here is one fewer for Swift's tasks.
        Thread {
            while !stopped.withLock({ $0 }) {
                guard case .accepted(let fd, _) = Socket.accept(listener.fd) else {
                    Thread.sleep(forTimeInterval: 0.005)
                    continue
                }
                Thread.sleep(forTimeInterval: 0.02)  // let the request arrive, so closing sends no reset
                var buffer = [UInt8](repeating: 0, count: 4096)
                _ = buffer.withUnsafeMutableBytes { Socket.read(fd, into: $0) }
                _ = Array("this is not HTTP at all\r\n\r\n".utf8).withUnsafeBytes { Socket.send(fd, $0) }
                closeDescriptor(fd)
            }
            closeDescriptor(listener.fd)
        }
        .start()
    }

    /// `http://127.0.0.1:port`.
    var url: URL { URL(string: "http://127.0.0.1:\(listener.port)") ?? URL(fileURLWithPath: "/") }

    /// Stops accepting and closes the listener.
    func stop() {
        stopped.withLock { $0 = true }
    }
}

/// The fixture folder of a small service under `/api` whose unmatched requests go to `proxy`:
/// `GET /api/me` is faked, anything else under `/api` goes upstream.
enum ProxyFixtures {
    static func service(proxy: String) -> String {
        """
        { "kind": "service", "name": "api", "basePaths": ["/api"], "proxy": "\(proxy)",
          "credentials": { "scheme": "jsonBody" }, "token": { "scheme": "bearer" },
          "errors": { "mediaType": "application/json", "body": { "error": "{{message}}" } } }
        """
    }

    static let me = """
        { "kind": "endpoint", "name": "me", "method": "GET", "path": "/me", "role": "public",
          "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" }, "body": {"faked": true} } ] }
        """

    /// `GET /api/things?kind=a`: the only request the route's one endpoint matches.
    static let thingsOfKindA = """
        { "kind": "endpoint", "name": "things-a", "method": "GET", "path": "/things", "role": "public", "match": {"query.kind": "a"},
          "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" }, "body": {"kind": "a"} } ] }
        """

    /// Writes the service into `folder/api` and returns that folder.
    static func write(proxy: String, in folder: URL) throws -> URL {
        try AuthStubTests.write(service(proxy: proxy), to: "api/service.json", in: folder)
        try AuthStubTests.write(me, to: "api/me.json", in: folder)
        try AuthStubTests.write(thingsOfKindA, to: "api/things-a.json", in: folder)
        return folder.appendingPathComponent("api")
    }
}
