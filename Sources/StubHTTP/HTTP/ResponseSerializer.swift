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
            value.split(separator: ",").contains { $0.trimmingSpaces().lowercasedASCII() == "close" }
        }
    }

    private static func isManagedByLayer(_ name: String) -> Bool {
        name.utf8.count >= 10 && (equalsASCIICaseInsensitive(name, "Content-Length")
            || equalsASCIICaseInsensitive(name, "Transfer-Encoding")
            || equalsASCIICaseInsensitive(name, "Connection"))
    }

    private static func equalsASCIICaseInsensitive(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { asciiLower($0) == asciiLower($1) }
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
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

extension Substring {
    func trimmingSpaces() -> Substring {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }

    func lowercasedASCII() -> String {
        String(decoding: utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
