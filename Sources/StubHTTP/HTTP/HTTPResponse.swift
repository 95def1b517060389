/// A response for the HTTP layer to send. `Content-Length`, `Date`, `Server` and `Connection`
/// are added by the layer; a `Date` or `Server` the handler sets wins (a frozen clock can give
/// byte-identical responses), and a `Connection: close` it sets closes the connection.
public struct HTTPResponse: Sendable, Equatable {
    /// The status, e.g. 201.
    public var status: HTTPStatus
    /// Header fields, sent in this order after `Date` and `Server`.
    public var headers: HTTPHeaders
    /// The body. It is not sent for `HEAD` requests or 1xx, 204 and 304 responses.
    public var body: [UInt8]

    /// A response with raw body bytes.
    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose body is `text` in UTF-8.
    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), text: String) {
        self.init(status: status, headers: headers, body: Array(text.utf8))
    }

    /// A JSON body `{"error": message}`: the HTTP layer's own answer to a request it refuses.
    public static func error(status: HTTPStatus, message: String) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: ["Content-Type": "application/json"],
            text: "{\"error\":\(JSONText.quoted(message))}"
        )
    }
}
