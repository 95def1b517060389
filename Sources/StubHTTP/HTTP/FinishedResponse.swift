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
    /// The body bytes sent: none for `HEAD`, 1xx, 204 and 304, at most `bodyLimit` otherwise.
    package let body: ArraySlice<UInt8>
    /// Whether the connection stays open for another request.
    package let keepAlive: Bool
    /// The handler's fields; those the layer sets itself are left out when the fields are listed.
    private let handlerFields: HTTPHeaders
    /// The `Date` value sent first, or nil when the handler set its own.
    private let date: String?
    /// The `Server` value sent next, or nil when the handler set its own.
    private let server: String?
    /// The `Content-Length` value, or nil for a status without a body.
    private let contentLength: Int?
    /// The layer's `Connection` value, or nil when none is sent.
    private let connection: StaticString?

    /// Finishes `response` as the answer to `request`. `date` and `server` are the values used
    /// unless the response sets its own. With `bodyLimit`, only that many body bytes go out
    /// (the fields still announce the full length) and the connection closes.
    package init(_ response: HTTPResponse, answering request: Request, date: String, server: String, bodyLimit: Int? = nil) {
        let status: HTTPStatus = (100...999).contains(response.status.code) ? response.status : .internalServerError
        let mayHaveBody = status.permitsBody
        // One pass over the handler's fields: did it set `Date` or `Server`, does it ask to close?
        var setsDate = false
        var setsServer = false
        var asksClose = false
        response.headers.forEachRawField { name, value in
            name.withUnsafeBufferPointer { name in
                let whole = 0..<name.count
                setsDate = setsDate || name.equalsIgnoringASCIICase(whole, "date")
                setsServer = setsServer || name.equalsIgnoringASCIICase(whole, "server")
                if name.equalsIgnoringASCIICase(whole, "connection") { asksClose = asksClose || Self.listsClose(value) }
            }
        }
        let keepAlive = request.keepAlive && bodyLimit == nil && !asksClose
        let bodyCount = mayHaveBody && !request.isHead ? max(0, min(bodyLimit ?? response.body.count, response.body.count)) : 0
        self.status = status
        self.body = response.body[0..<bodyCount]
        self.keepAlive = keepAlive
        self.handlerFields = response.headers
        self.date = setsDate ? nil : date
        self.server = setsServer ? nil : server
        self.contentLength = mayHaveBody ? response.body.count : nil
        if !keepAlive {
            self.connection = "close"
        } else if request.version == .http1_0 {
            self.connection = "keep-alive"
        } else {
            self.connection = nil
        }
    }

    /// Calls `body` with every field sent, name and value, in order: the one list both
    /// transports send (`ResponseSerializer` writes it to the wire as it goes, `fields` collects it).
    package func forEachField(_ body: (_ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> Void) {
        if var date { Self.withLiteral("Date") { name in date.withUTF8 { body(name, $0) } } }
        if var server { Self.withLiteral("Server") { name in server.withUTF8 { body(name, $0) } } }
        handlerFields.forEachRawField { name, value in
            guard !Self.isManagedByLayer(name) else { return }
            name.withUnsafeBufferPointer { name in value.withUnsafeBufferPointer { body(name, $0) } }
        }
        if let contentLength {
            Self.withLiteral("Content-Length") { name in Self.withDecimalDigits(of: contentLength) { body(name, $0) } }
        }
        if let connection { Self.withLiteral("Connection") { name in connection.withUTF8Buffer { body(name, $0) } } }
    }

    /// Every field sent, in order (what the in-process transport hands URLSession).
    package var fields: HTTPHeaders {
        var fields = HTTPHeaders()
        forEachField { fields.add(rawName: $0, rawValue: $1) }
        return fields
    }

    /// The reason phrase for `status` (empty for codes without one).
    package var reasonPhrase: String { status.reasonPhrase }

    /// Calls `body` with the bytes of `literal`.
    private static func withLiteral(_ literal: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        literal.withUTF8Buffer(body)
    }

    /// Calls `body` with the decimal digits of `value`, or of 0 when it is negative.
    static func withDecimalDigits(of value: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = max(0, value)
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = 0x30 + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0 && start > 0
            body(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Whether `name` (any case) is a field the layer sets from the body, so a handler's own is
    /// never sent: `Content-Length` and `Transfer-Encoding`.
    package static func isSetFromBody(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { isSetFromBody($0) }
    }

    /// Whether the bytes `name` (any case) are `Content-Length` or `Transfer-Encoding`.
    private static func isSetFromBody(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let whole = 0..<name.count
        return name.equalsIgnoringASCIICase(whole, "content-length") || name.equalsIgnoringASCIICase(whole, "transfer-encoding")
    }

    /// Whether `name` (any case) is a field the layer sets itself, so a handler's (or a client
    /// caller's) own is not sent: `Content-Length`, `Transfer-Encoding`, `Connection`. A
    /// handler's `Connection: close` is still honoured.
    static func isManagedByLayer(_ name: ArraySlice<UInt8>) -> Bool {
        name.withUnsafeBufferPointer { isSetFromBody($0) || $0.equalsIgnoringASCIICase(0..<$0.count, "connection") }
    }

    /// Whether the `Connection` value `value` lists the option `close` (any case).
    private static func listsClose(_ value: ArraySlice<UInt8>) -> Bool {
        value.withUnsafeBufferPointer { value in
            var found = false
            value.forEachListElement(in: 0..<value.count) { option in
                found = found || value.equalsIgnoringASCIICase(option, "close")
            }
            return found
        }
    }
}
