/// Writes a finished response's head and body into one buffer, so it leaves in one `send`.
package enum ResponseSerializer {
    /// Appends `response` to `buffer`: status line, fields, empty line, body.
    package static func append(_ response: FinishedResponse, to buffer: inout [UInt8]) {
        append("HTTP/1.1 \(response.status) \(response.reasonPhrase)\r\n", to: &buffer)
        response.fields.forEachRawField { name, value in
            buffer.append(contentsOf: name)
            buffer.append(contentsOf: [ASCII.colon, ASCII.space])
            buffer.append(contentsOf: value)
            buffer.append(contentsOf: [ASCII.cr, ASCII.lf])
        }
        buffer.append(contentsOf: [ASCII.cr, ASCII.lf])
        buffer.append(contentsOf: response.body)
    }

    /// The bytes of an interim `100 Continue` response.
    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private static func append(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: text.utf8)
    }
}
