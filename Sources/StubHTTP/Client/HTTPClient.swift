/// A blocking HTTP/1.1 client over plain TCP (`ClientSocket`): sends one request at a time and
/// returns its final response, read by `HTTPResponseParser`. HTTPS is not spoken here: that is
/// left to the platform's URLSession.
///
/// - It never follows redirects: a 3xx is returned like any other response.
/// - Interim 1xx responses are read and skipped.
/// - `timeout` bounds each exchange, connecting included; `limits` bound each response.
/// - The connection is reused while the server keeps it open (with `keepAlive`), and closed
///   after any error. It never retries: a request that gets no complete answer throws, and the
///   next request connects again.
///
/// Its calls block, so run them on a thread of their own, never on Swift's cooperative pool
/// (an in-process server needs those threads to answer). One client serves one thread.
package final class HTTPClient {
    /// The host to connect to: an IPv4 or IPv6 literal, or a name the resolver knows.
    package let host: String
    /// The port to connect to.
    package let port: Int
    /// How long one exchange may take, from connecting to the last byte of the response.
    package let timeout: Duration
    /// Whether connections are kept open between requests; without it every request says
    /// `Connection: close`.
    package let keepAlive: Bool
    private var socket: ClientSocket?
    private var parser: HTTPResponseParser
    private let limits: HTTPResponseParser.Limits
    /// Connections made so far.
    package private(set) var connectionCount = 0

    /// A client for `host:port`; it connects at the first request.
    package init(
        host: String = "127.0.0.1",
        port: Int,
        timeout: Duration = .seconds(30),
        keepAlive: Bool = true,
        limits: HTTPResponseParser.Limits = HTTPResponseParser.Limits()
    ) {
        self.host = host
        self.port = port
        self.timeout = timeout
        self.keepAlive = keepAlive
        self.limits = limits
        parser = HTTPResponseParser(limits: limits)
    }

    /// `host:port` as a `Host` field gives it: IPv6 literals in brackets, no port for 80.
    package var authority: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? bracketed : "\(bracketed):\(port)"
    }

    /// Sends `request` and returns its final response.
    package func send(_ request: HTTPClientRequest) throws(HTTPClientError) -> ParsedResponse {
        let bytes = try RequestSerializer.bytes(request, authority: authority, closing: !keepAlive)
        let deadline = ContinuousClock.now + timeout
        let socket = try connected(until: deadline)
        do {
            try socket.send(bytes)
        } catch {
            close()
            throw HTTPClientError(.sendFailed, error.reason)
        }
        do {
            let response = try receive(on: socket, answeringHead: request.method == .head, until: deadline)
            if !response.keepAlive || !keepAlive { close() }
            return response
        } catch {
            close()
            throw error
        }
    }

    /// Closes the connection, if open; the next request connects again.
    package func close() {
        socket?.close()
        socket = nil
        parser = HTTPResponseParser(limits: limits)
    }

    private func connected(until deadline: ContinuousClock.Instant) throws(HTTPClientError) -> ClientSocket {
        if let socket { return socket }
        do {
            let fresh = try ClientSocket(host: host, port: port, timeout: deadline - .now)
            connectionCount += 1
            socket = fresh
            return fresh
        } catch {
            throw HTTPClientError(ClientSocket.isTimeout(error) ? .timedOut : .connectFailed, error.reason)
        }
    }

    /// Reads until the parser has a final (not 1xx) response.
    private func receive(
        on socket: ClientSocket,
        answeringHead: Bool,
        until deadline: ContinuousClock.Instant
    ) throws(HTTPClientError) -> ParsedResponse {
        while true {
            switch parser.next(answeringHead: answeringHead) {
            case .response(let response) where response.status.kind == .informational:
                continue
            case .response(let response):
                return response
            case .error(let error):
                throw error
            case .needMore:
                let left = deadline - .now
                guard left > .zero else { throw HTTPClientError(.timedOut, "no complete response within \(timeout)") }
                let chunk: [UInt8]
                do {
                    chunk = try socket.receive(timeout: left)
                } catch {
                    throw ClientSocket.isTimeout(error)
                        ? HTTPClientError(.timedOut, "no complete response within \(timeout)")
                        : HTTPClientError(.closed, ClientSocket.isReset(error) ? "the connection was reset" : error.reason)
                }
                guard !chunk.isEmpty else { return try finishAtClose() }
                parser.append(chunk)
            }
        }
    }

    /// The server closed the connection: the response it ends, unless that is an interim one.
    private func finishAtClose() throws(HTTPClientError) -> ParsedResponse {
        while true {
            let response = try parser.finish()
            if response.status.kind != .informational { return response }
        }
    }
}
