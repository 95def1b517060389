/// The few JSON text helpers the HTTP layer needs for its own error bodies, and the one home of
/// JSON string escaping.
package enum JSONText {
    /// `text` as a JSON string literal, quotes included, with every character JSON requires escaped.
    package static func quoted(_ text: String) -> String {
        // Most strings (tokens, times, messages) need no escaping: copy them whole.
        if !text.utf8.contains(where: needsEscape) {
            return "\"" + text + "\""
        }
        var bytes: [UInt8] = [ASCII.quote]
        appendEscaped(text, to: &bytes)
        bytes.append(ASCII.quote)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as the inside of a JSON string (no quotes): `"` and `\` escaped, `\n`, `\r`,
    /// `\t` by name, other control characters as `\u00XX`; every other byte as it is (UTF-8
    /// lead and continuation bytes are all 0x80 or more, so none is escaped).
    package static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped($0, to: &bytes) }
    }

    /// `appendEscaped` for UTF-8 bytes: runs that need no escape are copied whole.
    private static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var start = 0
        while let offset = utf8[start...].firstIndex(where: needsEscape) {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<offset]))
            appendEscape(of: utf8[offset], to: &bytes)
            start = offset + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }

    /// The escape sequence of one byte that needs one.
    private static func appendEscape(of byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(ASCII.backslash)
        switch byte {
        case ASCII.quote, ASCII.backslash: bytes.append(byte)
        case ASCII.lf: bytes.append(UInt8(ascii: "n"))
        case ASCII.cr: bytes.append(UInt8(ascii: "r"))
        case ASCII.tab: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0xF)])
        }
    }

    /// Whether JSON requires `byte` escaped inside a string.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == ASCII.quote || byte == ASCII.backslash
    }

    /// The lower-case hexadecimal digits, by value.
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
