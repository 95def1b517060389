/// UTF-8 validation and the wording and position of syntax errors.
extension JSONParser {
    /// An error at byte `offset`, with its line (counting LF) and byte column, both 1-based.
    func error(_ message: String, at offset: Int) -> JSONSyntaxError {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < offset, index < bytes.count {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return JSONSyntaxError(message: message, line: line, column: offset - lineStart + 1, offset: offset)
    }

    func endOfInput(expecting what: String) -> JSONSyntaxError {
        error("unexpected end of input; expected \(what)", at: bytes.count)
    }

    /// The error for the byte at `position` (or the end of input) when only `what` may come next.
    func expected(_ what: String) -> JSONSyntaxError {
        guard position < bytes.count else { return endOfInput(expecting: what) }
        return unexpected { _ in "expected \(what)" }
    }

    /// The error for the byte at `position`, which must exist: a comment or invalid UTF-8 is reported as such,
    /// anything else with `message`, given a description of the byte such as `'x'`.
    func unexpected(_ message: (String) -> String) -> JSONSyntaxError {
        let byte = bytes[position]
        if byte == UInt8(ascii: "/"), position + 1 < bytes.count,
            bytes[position + 1] == UInt8(ascii: "/") || bytes[position + 1] == UInt8(ascii: "*")
        {
            return error("comments are not allowed", at: position)
        }
        if byte >= 0x80 {
            do {
                _ = try utf8SequenceLength(at: position)
            } catch {
                return error
            }
        }
        return error(message(describe(at: position)), at: position)
    }

    /// The character starting at `offset` for a message: `'x'`, `control character U+0000`, `'é' (U+00E9)` or `byte 0xFF`.
    func describe(at offset: Int) -> String {
        let byte = bytes[offset]
        switch byte {
        case 0x20..<0x7F:
            return "'\(Character(Unicode.Scalar(byte)))'"
        case ..<0x80:
            return "control character \(Self.codePoint(UInt32(byte)))"
        default:
            guard let length = try? utf8SequenceLength(at: offset) else { return "byte \(Self.hexByte(byte))" }
            var value = UInt32(byte) & (0x7F >> length)
            for index in offset + 1..<offset + length {
                value = value << 6 | UInt32(bytes[index] & 0x3F)
            }
            guard let scalar = Unicode.Scalar(value) else { return "byte \(Self.hexByte(byte))" }
            return "'\(Character(scalar))' (\(Self.codePoint(value)))"
        }
    }

    /// The length of the well-formed UTF-8 sequence whose lead byte (0x80 or above) is at `offset`.
    /// Rejects stray continuation bytes, overlong forms, encoded surrogates, code points above U+10FFFF
    /// and sequences cut short, reporting the lead byte's position.
    func utf8SequenceLength(at offset: Int) throws(JSONSyntaxError) -> Int {
        let lead = bytes[offset]
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0x80...0xBF:
            throw error("invalid UTF-8: unexpected continuation byte \(Self.hexByte(lead))", at: offset)
        case 0xC0, 0xC1:
            throw error("invalid UTF-8: overlong encoding", at: offset)
        case 0xC2...0xDF:
            length = 2
        case 0xE0:
            length = 3
            lowest = 0xA0
        case 0xED:
            length = 3
            highest = 0x9F
        case 0xE1...0xEF:
            length = 3
        case 0xF0:
            length = 4
            lowest = 0x90
        case 0xF1...0xF3:
            length = 4
        case 0xF4:
            length = 4
            highest = 0x8F
        case 0xF5...0xF7:
            throw error("invalid UTF-8: code point above U+10FFFF", at: offset)
        default:
            throw error("invalid UTF-8 byte \(Self.hexByte(lead))", at: offset)
        }
        for index in offset + 1..<offset + length {
            guard index < bytes.count, bytes[index] & 0xC0 == 0x80 else {
                throw error("invalid UTF-8: incomplete multi-byte sequence", at: offset)
            }
        }
        let second = bytes[offset + 1]
        if second < lowest { throw error("invalid UTF-8: overlong encoding", at: offset) }
        if second > highest {
            throw error(lead == 0xED ? "invalid UTF-8: encoded surrogate" : "invalid UTF-8: code point above U+10FFFF", at: offset)
        }
        return length
    }

    /// `U+00E9`: at least four uppercase hex digits.
    static func codePoint(_ value: UInt32) -> String {
        "U+" + hex(value)
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" : "") + digits
    }
}
