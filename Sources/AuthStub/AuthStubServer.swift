public import Foundation
public import StubHTTP

/// A running fake of HTTP authentication APIs, listening on a real socket.
///
/// ```swift
/// let stub = AuthStubServer()
/// try await stub.start()            // 127.0.0.1, an ephemeral port
/// print(stub.baseURL)               // http://127.0.0.1:53122
/// await stub.stop()
/// ```
public final class AuthStubServer: Sendable {
    /// How a server is set up.
    public struct Options: Sendable {
        /// Address to bind; loopback by default.
        public var host: String = "127.0.0.1"
        /// Port to bind; 0 picks a free one.
        public var port: Int = 0
        /// Where the control API lives on the same port.
        public var controlPrefix: String = "/__control"
        /// The HTTP layer's limits and timeouts; `host` and `port` above take precedence.
        public var http = HTTPServer.Configuration()

        /// Defaults: `127.0.0.1`, an ephemeral port, control under `/__control`.
        public init(host: String = "127.0.0.1", port: Int = 0) {
            self.host = host
            self.port = port
        }
    }

    /// The options the server was made with.
    public let options: Options
    private let http: HTTPServer
    private let router: Router

    /// A server that is not yet listening; call `start()`.
    public init(options: Options = Options()) {
        self.options = options
        let router = Router(controlPrefix: options.controlPrefix)
        var configuration = options.http
        configuration.host = options.host
        configuration.port = options.port
        configuration.serverName = "AuthStub/\(AuthStubVersion.current)"
        self.router = router
        self.http = HTTPServer(configuration: configuration) { request in await router.handle(request) }
    }

    /// Starts listening; returns once requests are accepted.
    /// - Throws: `HTTPServerError`, e.g. `127.0.0.1:8080: Address already in use`.
    public func start() async throws {
        try await http.start()
    }

    /// Closes the listener and every connection. Safe to call twice.
    public func stop() async {
        await http.stop()
    }

    /// The bound port (after `start()`).
    public var port: Int? { http.port }

    /// `http://host:port`, with IPv6 hosts in brackets.
    public var baseURL: URL {
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        return URL(string: "http://\(host):\(port ?? options.port)") ?? URL(fileURLWithPath: "/")
    }

    /// The control API's URL, e.g. `http://127.0.0.1:8080/__control`.
    public var controlURL: URL { baseURL.appendingPathComponent(String(options.controlPrefix.drop { $0 == "/" })) }
}
