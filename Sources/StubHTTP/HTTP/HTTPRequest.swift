/// A complete request as a handler sees it: the parsed message plus where it came from.
public struct HTTPRequest: Sendable {
    /// The method exactly as sent, e.g. `POST`.
    public var method: HTTPMethod
    /// The raw request-target, e.g. `/v1/auth/login?x=1`.
    public var target: String
    /// The target's path, without the query (for an absolute-form target, only its path).
    public var path: String
    /// The part after the first `?`, or nil when there is none.
    public var query: String?
    /// `HTTP/1.0` or `HTTP/1.1`.
    public var version: HTTPVersion
    /// Header fields in arrival order, looked up case-insensitively.
    public var headers: HTTPHeaders
    /// The body, de-chunked.
    public var body: [UInt8]
    /// The client's address, e.g. `127.0.0.1:53122` or `[::1]:53122`.
    public var peer: String
    /// Identifies the connection the request arrived on; unique within one server.
    public var connectionID: UInt64

    /// Builds a request by hand (for tests and transports that do not use a socket).
    public init(
        method: HTTPMethod,
        path: String,
        query: String? = nil,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        peer: String = "in-process",
        connectionID: UInt64 = 0
    ) {
        self.method = method
        self.target = query.map { "\(path)?\($0)" } ?? path
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.peer = peer
        self.connectionID = connectionID
    }

    /// The request `parsed` came to be, from `peer` on connection `connectionID`.
    package init(_ parsed: ParsedRequest, peer: String, connectionID: UInt64) {
        method = parsed.method
        target = parsed.target
        path = parsed.path
        query = parsed.query
        version = parsed.version
        headers = parsed.headers
        body = parsed.body
        self.peer = peer
        self.connectionID = connectionID
    }
}

extension HTTPRequest {
    /// The `host[:port]` of an absolute-form target (`GET http://host:8080/x`), or nil for an
    /// origin-form target. RFC 9112 §3.2.2 makes it, not the `Host` field, name the server the
    /// request is for.
    public var targetAuthority: String? {
        let lowered = target.prefix(8).lowercased()
        let schemeLength = lowered.hasPrefix("http://") ? 7 : lowered.hasPrefix("https://") ? 8 : 0
        guard schemeLength > 0 else { return nil }
        let authority = target.dropFirst(schemeLength).prefix { $0 != "/" && $0 != "?" }
        return authority.isEmpty ? nil : String(authority)
    }
}
