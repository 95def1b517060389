import Foundation

extension HTTPServer {
    /// How a server listens, what it accepts, and how long it waits.
    public struct Configuration: Sendable {
        /// The address to bind: an IPv4 or IPv6 literal (`127.0.0.1`, `::1`) or `localhost`.
        public var host: String = "127.0.0.1"
        /// The port; 0 asks the system for a free one (read it from `HTTPServer.port`).
        public var port: Int = 0
        /// Size limits on requests, each with its own status.
        public var limits = HTTPLimits()
        /// A request begun but not complete after this long gets 408 and the connection closes.
        public var requestTimeout: Duration = .seconds(30)
        /// A kept-alive connection with no request in progress closes quietly after this long;
        /// a client that stops reading a response is dropped after this long too.
        public var idleTimeout: Duration = .seconds(75)
        /// After an error response, how long input is drained before the close (RFC 9112 §9.6).
        public var lingerTimeout: Duration = .seconds(1)
        /// How many threads serve connections; each runs one poll loop.
        public var eventLoopCount: Int = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        /// The listen backlog.
        public var backlog: Int32 = 1024
        /// The most response bytes one connection may hold until they are sent. A response
        /// larger than this is not sent: the client gets a `500` naming the limit, and the
        /// connection closes. A connection queues one response at a time (pipelined requests
        /// wait unread until it has gone), so this bounds what one client that never reads can
        /// pin.
        public var maxPendingOutputBytes = 32 * 1024 * 1024
        /// The most response bytes all connections together may hold until they are sent. A
        /// response that would go past it gets a `503` with `Retry-After: 1` instead, and the
        /// connection closes; a response's share is freed once all of it is sent (or its
        /// connection closes). The layer's own short error answers (400, 408, …) are not counted.
        public var maxPendingOutputBytesTotal = 64 * 1024 * 1024
        /// The `Server` header on every response that does not set its own.
        public var serverName: String = "AuthStub"
        /// Where the layer reports conditions an operator should know about (e.g. running out
        /// of file descriptors). It is called on an event-loop thread, so it must not wait.
        /// Defaults to standard error, written only when it can take the line at once: a line
        /// the host's reader has no room for is dropped, and a closed stream raises no SIGPIPE.
        public var log: @Sendable (String) -> Void = { message in
            _ = writeToStream(STDERR_FILENO, Array("authstub: \(message)\n".utf8), patience: .zero)
        }

        /// The defaults: `127.0.0.1`, an ephemeral port.
        public init(host: String = "127.0.0.1", port: Int = 0) {
            self.host = host
            self.port = port
        }
    }
}
