/// A handler's response as the HTTP layer sends it: the one rule for the status, the fields the
/// layer adds or drops, whether a body goes out, and whether the connection stays open. The
/// socket writer (`ResponseSerializer`) and AuthStub's in-process transport both send what it
/// says, so the two transports agree by construction.
///
/// - The status is the handler's when it is 100-999, else 500.
/// - `Date` and `Server` come first unless the handler set its own (any case).
/// - The handler's fields follow in order, except `Content-Length`, `Transfer-Encoding` and
///   `Connection`, which are the layer's.
/// - `Content-Length` is the body's length, on every response but 1xx, 204 and 304 (a `HEAD`
///   answer announces the length a `GET` would get).
/// - `Connection: close` when the connection closes after this response (the request asked,
///   the handler's `Connection` has `close`, or the body is cut short); `Connection: keep-alive`
///   when an HTTP/1.0 connection stays open.
/// - The body goes out for every status that may have one, except in answer to `HEAD`.
package struct FinishedResponse: Sendable {
    /// What the request being answered decides about its response.
    package struct Request: Sendable {
        /// A `HEAD` request: the fields a `GET` would get, no body.
        package var isHead: Bool
        /// The request's version: an HTTP/1.0 connection kept open is told so.
        package var version: HTTPVersion
        /// Whether the request lets the connection stay open afterwards.
        package var keepAlive: Bool

        package init(method: HTTPMethod, version: HTTPVersion, keepAlive: Bool) {
            self.isHead = method == .head
            self.version = version
            self.keepAlive = keepAlive
        }
    }

    /// The status sent.
    package let status: HTTPStatus
    /// Every field sent, in order.
    package let fields: HTTPHeaders
    /// The body bytes sent: none for `HEAD`, 1xx, 204 and 304, at most `bodyLimit` otherwise.
    package let body: ArraySlice<UInt8>
    /// Whether the connection stays open for another request.
    package let keepAlive: Bool

    /// Finishes `response` as the answer to `request`. `date` and `server` are the values used
    /// unless the response sets its own. With `bodyLimit`, only that many body bytes go out
    /// (the fields still announce the full length) and the connection closes.
    package init(_ response: HTTPResponse, answering request: Request, date: String, server: String, bodyLimit: Int? = nil) {
        let status: HTTPStatus = (100...999).contains(response.status.code) ? response.status : .internalServerError
        let mayHaveBody = status.permitsBody
        let keepAlive = request.keepAlive && bodyLimit == nil && !Self.requestsClose(response)
        var fields = HTTPHeaders()
        if !response.headers.contains("Date") { fields.add(name: "Date", value: date) }
        if !response.headers.contains("Server") { fields.add(name: "Server", value: server) }
        response.headers.forEachRawField { name, value in
            if !Self.isManagedByLayer(name) { fields.add(rawName: name, rawValue: value) }
        }
        if mayHaveBody { fields.add(name: "Content-Length", value: String(response.body.count)) }
        if !keepAlive {
            fields.add(name: "Connection", value: "close")
        } else if request.version == .http1_0 {
            fields.add(name: "Connection", value: "keep-alive")
        }
        let bodyCount = mayHaveBody && !request.isHead ? max(0, min(bodyLimit ?? response.body.count, response.body.count)) : 0
        self.status = status
        self.fields = fields
        self.body = response.body[0..<bodyCount]
        self.keepAlive = keepAlive
    }

    /// The reason phrase for `status` (empty for codes without one).
    package var reasonPhrase: String { status.reasonPhrase }

    /// Whether `name` (any case) is a field the layer sets from the body, so a handler's own is
    /// never sent: `Content-Length` and `Transfer-Encoding`.
    package static func isSetFromBody(_ name: String) -> Bool {
        bodyFields.contains { equalsIgnoringCase(name.utf8, $0) }
    }

    /// Fields set from the body, in lower case.
    private static let bodyFields = ["content-length", "transfer-encoding"]
    /// Fields the layer sets itself, in lower case: those set from the body, and `Connection`.
    private static let managedFields = bodyFields + ["connection"]

    /// Whether `name` (any case) is a field the layer sets itself, so a handler's (or a client
    /// caller's) own is not sent: `Content-Length`, `Transfer-Encoding`, `Connection`. A
    /// handler's `Connection: close` is still honoured.
    static func isManagedByLayer(_ name: ArraySlice<UInt8>) -> Bool {
        managedFields.contains { equalsIgnoringCase(name, $0) }
    }

    /// Whether the response asks for the connection to close.
    private static func requestsClose(_ response: HTTPResponse) -> Bool {
        response.headers.values(for: "Connection").contains { value in
            value.utf8.split(separator: ASCII.comma).contains { equalsIgnoringCase(trimmed($0), "close") }
        }
    }

    /// `bytes` equals the lower-case ASCII `literal`, ignoring ASCII case.
    private static func equalsIgnoringCase(_ bytes: some Collection<UInt8>, _ literal: String) -> Bool {
        bytes.elementsEqual(literal.utf8) { ASCII.lowercased($0) == $1 }
    }

    /// Without leading and trailing SP and HTAB.
    private static func trimmed(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        var slice = bytes
        while let first = slice.first, ASCII.isWhitespace(first) { slice = slice.dropFirst() }
        while let last = slice.last, ASCII.isWhitespace(last) { slice = slice.dropLast() }
        return slice
    }
}
