/// A complete response as the client's parser produced it.
package struct ParsedResponse: Sendable, Equatable {
    /// HTTP/1.0 or HTTP/1.1.
    package var version: HTTPVersion
    /// The status code, e.g. 201.
    package var status: HTTPStatus
    /// The reason phrase as sent (possibly empty), decoded as UTF-8 with repair.
    package var reason: String
    /// The header fields in arrival order (trailer fields are never merged in).
    package var headers: HTTPHeaders
    /// The body, de-chunked; empty for `HEAD`, 1xx, 204 and 304.
    package var body: [UInt8]
    /// Whether the connection may carry another request: HTTP/1.1 unless `Connection: close`,
    /// HTTP/1.0 only with `Connection: keep-alive`, and never after a body that ended with the
    /// connection.
    package var keepAlive: Bool

    /// A response with every part given.
    package init(version: HTTPVersion, status: HTTPStatus, reason: String, headers: HTTPHeaders, body: [UInt8], keepAlive: Bool) {
        self.version = version
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
    }

    /// An empty response for the parser to fill in.
    init() {
        self.init(version: .http1_1, status: 0, reason: "", headers: HTTPHeaders(), body: [], keepAlive: true)
    }
}

/// What `HTTPResponseParser.next(answeringHead:)` found in the bytes buffered so far.
package enum HTTPResponseEvent: Sendable {
    /// Nothing complete yet: append more bytes (or call `finish()` at the end of input).
    case needMore
    /// One complete response, an interim 1xx included; call `next` again for the next one.
    case response(ParsedResponse)
    /// The bytes are not a response the client accepts. Repeated on every later call.
    case error(HTTPClientError)
}
