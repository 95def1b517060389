/// Numbers and the literals `true`, `false` and `null`.
extension JSONParser {
    /// Reads `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` and returns it as written.
    mutating func number() throws(JSONSyntaxError) -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, JSONNumberLiteral.isDigit(bytes[position]) else {
            throw expected("a digit after '-'")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, JSONNumberLiteral.isDigit(bytes[position]) {
                throw error("leading zeros are not allowed in numbers", at: position - 1)
            }
        } else {
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, JSONNumberLiteral.isDigit(bytes[position]) else {
                throw expected("a digit after the decimal point")
            }
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, JSONNumberLiteral.isDigit(bytes[position]) else {
                throw expected("a digit in the exponent")
            }
            skipDigits()
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private mutating func skipDigits() {
        while position < bytes.count, JSONNumberLiteral.isDigit(bytes[position]) { position += 1 }
    }

    /// Reads `true`, `false` or `null`, or reports what stands where a value should be.
    mutating func literal() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        guard Self.isLetter(bytes[start]) else {
            switch bytes[start] {
            case UInt8(ascii: "+"), UInt8(ascii: "."):
                throw error("a number must start with a digit or '-'", at: start)
            case UInt8(ascii: "'"):
                throw error("strings must be in double quotes", at: start)
            default:
                throw unexpected { "unexpected \($0); expected a JSON value" }
            }
        }
        var end = start
        while end < bytes.count, Self.isLetter(bytes[end]) || JSONNumberLiteral.isDigit(bytes[end]) || bytes[end] == UInt8(ascii: "_") {
            end += 1
        }
        let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
        let name: String
        let value: JSONValue
        switch bytes[start] {
        case UInt8(ascii: "t"): (name, value) = ("true", .bool(true))
        case UInt8(ascii: "f"): (name, value) = ("false", .bool(false))
        case UInt8(ascii: "n"): (name, value) = ("null", .null)
        default: (name, value) = ("", .null)
        }
        if !name.isEmpty {
            if word.elementsEqual(name.utf8) {
                position = end
                return value
            }
            if end == bytes.count, name.utf8.starts(with: word) {
                throw error("unexpected end of input; expected '\(name)'", at: end)
            }
        }
        let shown = String(decoding: word.prefix(24), as: UTF8.self) + (word.count > 24 ? "…" : "")
        throw error("invalid literal '\(shown)'", at: start)
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
