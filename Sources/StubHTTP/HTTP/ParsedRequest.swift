/// A complete request as the parser produced it.
package struct ParsedRequest: Sendable, Equatable {
    /// The method exactly as sent (a token of upper-case letters, digits or symbols).
    package var method: HTTPMethod
    /// The raw request-target.
    package var target: String
    /// The target up to `?`; for absolute-form (`http://host/x?y`) just `/x` (or `/` if the URI
    /// has no path); `*` for `OPTIONS *`. Never percent-decoded.
    package var path: String
    /// Everything after the first `?`, or nil when the target has none.
    package var query: String?
    /// HTTP/1.0 or HTTP/1.1.
    package var version: HTTPVersion
    /// The header fields (trailer fields are never merged in).
    package var headers: HTTPHeaders
    /// The body, de-chunked.
    package var body: [UInt8]
    /// HTTP/1.1: true unless `Connection` has the token `close`; HTTP/1.0: true only with the
    /// token `keep-alive` (and without `close`).
    package var keepAlive: Bool

    package init(
        method: HTTPMethod,
        target: String,
        path: String,
        query: String?,
        version: HTTPVersion,
        headers: HTTPHeaders,
        body: [UInt8],
        keepAlive: Bool
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
    }
}

extension ParsedRequest: CustomStringConvertible {
    /// Every field on one line, for test and fuzzer failure messages.
    package var description: String {
        "\(method) \(target) \(version) path=\(path) query=\(query ?? "nil") keepAlive=\(keepAlive) "
            + "headers=[\(headers.map { "\($0.name): \($0.value)" }.joined(separator: ", "))] body=\(body.count)B"
    }
}

/// What `HTTPRequestParser.next()` found in the bytes buffered so far.
package enum HTTPParseEvent: Sendable {
    /// Nothing complete yet: append more bytes.
    case needMore
    /// The head is complete with `Expect: 100-continue` and the body is not yet fully buffered:
    /// the caller sends `100 Continue`. Returned at most once per request.
    case continueExpected
    /// One complete request; call `next()` again for a pipelined one.
    case request(ParsedRequest)
    /// The request cannot be served; answer with `status`, then close. Repeated on every later call.
    case error(HTTPParseError)
}
