/// Writes a response's head and body into one buffer, so it leaves in one `send`.
enum ResponseSerializer {
    /// How the connection shapes the response.
    struct Context {
        /// The request was `HEAD`: send the headers a GET would get, no body.
        var isHeadRequest: Bool
        /// Keep the connection open after this response.
        var keepAlive: Bool
        /// The request's version: HTTP/1.0 clients are told `Connection: keep-alive` explicitly.
        var requestVersion: HTTPVersion
        /// The current `Date` value, used unless the response sets its own.
        var date: String
        /// The `Server` value, used unless the response sets its own.
        var server: String
    }

    /// Appends `response` to `buffer`. With `bodyLimit`, at most that many body bytes are
    /// written (the head still announces the full length).
    static func append(_ response: HTTPResponse, context: Context, bodyLimit: Int? = nil, to buffer: inout [UInt8]) {
        let status = (100...999).contains(response.status) ? response.status : 500
        append("HTTP/1.1 \(status) \(HTTPStatusText.reason(for: status))\r\n", to: &buffer)
        if !response.headers.contains("Date") { appendField("Date", context.date, to: &buffer) }
        if !response.headers.contains("Server") { appendField("Server", context.server, to: &buffer) }
        for field in response.headers where !isManagedByLayer(field.name) {
            appendField(field.name, field.value, to: &buffer)
        }
        let isInterimOrNoContent = status < 200 || status == 204
        let mayHaveBody = !isInterimOrNoContent && status != 304
        if mayHaveBody {
            appendField("Content-Length", String(response.body.count), to: &buffer)
        }
        if !context.keepAlive {
            append("Connection: close\r\n", to: &buffer)
        } else if context.requestVersion == .http1_0 {
            append("Connection: keep-alive\r\n", to: &buffer)
        }
        append("\r\n", to: &buffer)
        if mayHaveBody && !context.isHeadRequest {
            let count = max(0, min(bodyLimit ?? response.body.count, response.body.count))
            buffer.append(contentsOf: response.body[0..<count])
        }
    }

    /// The bytes of an interim `100 Continue` response.
    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Whether the response asks for the connection to close.
    static func requestsClose(_ response: HTTPResponse) -> Bool {
        response.headers.values(for: "Connection").contains { value in
            value.utf8.split(separator: ASCII.comma).contains { equalsIgnoringCase(trimmed($0), "close") }
        }
    }

    /// Headers the layer writes itself; a handler's own are not sent.
    private static let managedHeaders = ["content-length", "transfer-encoding", "connection"]

    private static func isManagedByLayer(_ name: String) -> Bool {
        managedHeaders.contains { equalsIgnoringCase(name.utf8[...], $0) }
    }

    /// `bytes` equals the lower-case ASCII `literal`, ignoring ASCII case.
    private static func equalsIgnoringCase(_ bytes: Substring.UTF8View, _ literal: String) -> Bool {
        bytes.count == literal.utf8.count && zip(bytes, literal.utf8).allSatisfy { ASCII.lowercased($0) == $1 }
    }

    /// Without leading and trailing SP and HTAB.
    private static func trimmed(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        var slice = bytes
        while let first = slice.first, ASCII.isWhitespace(first) { slice = slice.dropFirst() }
        while let last = slice.last, ASCII.isWhitespace(last) { slice = slice.dropLast() }
        return slice
    }

    private static func appendField(_ name: String, _ value: String, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: name.utf8)
        buffer.append(contentsOf: [0x3A, 0x20])
        buffer.append(contentsOf: value.utf8)
        buffer.append(contentsOf: [0x0D, 0x0A])
    }

    private static func append(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: text.utf8)
    }
}
