/// Writes a finished response's head and body into one buffer, so it leaves in one `send`.
package enum ResponseSerializer {
    /// Appends `response` to `buffer`: status line, fields, empty line, body. The fields go
    /// straight from `FinishedResponse.forEachField` into the buffer.
    package static func append(_ response: FinishedResponse, to buffer: inout [UInt8]) {
        append("HTTP/1.1 ", to: &buffer)
        FinishedResponse.withDecimalDigits(of: response.status.code) { buffer.append(contentsOf: $0) }
        buffer.append(ASCII.space)
        var reason = response.reasonPhrase
        reason.withUTF8 { buffer.append(contentsOf: $0) }
        append("\r\n", to: &buffer)
        response.forEachField { name, value in
            // Separators byte by byte: cheaper than a copy for two bytes.
            buffer.append(contentsOf: name)
            buffer.append(ASCII.colon)
            buffer.append(ASCII.space)
            buffer.append(contentsOf: value)
            buffer.append(ASCII.cr)
            buffer.append(ASCII.lf)
        }
        buffer.append(ASCII.cr)
        buffer.append(ASCII.lf)
        buffer.append(contentsOf: response.body)
    }

    /// The bytes of an interim `100 Continue` response.
    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Appends the bytes of `text`.
    private static func append(_ text: StaticString, to buffer: inout [UInt8]) {
        text.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }
}
