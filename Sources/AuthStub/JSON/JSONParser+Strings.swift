/// Strings: the fast path for text without escapes, and escape decoding.
extension JSONParser {
    /// Reads a string starting at its opening quote; the result holds no escapes.
    mutating func string() throws(JSONSyntaxError) -> String {
        let open = position
        position += 1
        let contentStart = position
        // Fast path: no escapes, so the string is the validated bytes between the quotes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") {
                return try escapedString(open: open, contentStart: contentStart)
            }
            try advanceInString()
        }
        throw error("unterminated string", at: open)
    }

    /// The rest of a string from its first backslash, decoded into a byte buffer run by run.
    private mutating func escapedString(open: Int, contentStart: Int) throws(JSONSyntaxError) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(position - contentStart + 16)
        var runStart = contentStart
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    return String(decoding: decoded, as: UTF8.self)
                }
                try escape(into: &decoded, open: open)
                runStart = position
            } else {
                try advanceInString()
            }
        }
        throw error("unterminated string", at: open)
    }

    /// Steps over one unescaped character of a string, which must not be a control character.
    private mutating func advanceInString() throws(JSONSyntaxError) {
        let byte = bytes[position]
        if byte < 0x20 {
            throw error("unescaped control character \(Self.codePoint(UInt32(byte))) in a string", at: position)
        }
        if byte < 0x80 {
            position += 1
        } else {
            position += try utf8SequenceLength(at: position)
        }
    }

    /// Decodes the escape sequence at `position` (a backslash) and appends its UTF-8 bytes.
    private mutating func escape(into decoded: inout [UInt8], open: Int) throws(JSONSyntaxError) {
        let backslash = position
        guard position + 1 < bytes.count else { throw error("unterminated string", at: open) }
        let letter = bytes[position + 1]
        position += 2
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(letter)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hexQuad(escapeAt: backslash, open: open)
            switch unit {
            case 0xD800...0xDBFF:
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else {
                    if position == bytes.count || (position + 1 == bytes.count && bytes[position] == UInt8(ascii: "\\")) {
                        throw error("unterminated string", at: open)
                    }
                    throw error("high surrogate \\u\(Self.hex(unit)) is not followed by a low surrogate", at: backslash)
                }
                let second = position
                position += 2
                let low = try hexQuad(escapeAt: second, open: open)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("high surrogate \\u\(Self.hex(unit)) is not followed by a low surrogate", at: backslash)
                }
                Self.appendUTF8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), to: &decoded)
            case 0xDC00...0xDFFF:
                throw error("low surrogate \\u\(Self.hex(unit)) without a high surrogate before it", at: backslash)
            default:
                Self.appendUTF8(unit, to: &decoded)
            }
        default:
            position = backslash
            if letter >= 0x21, letter < 0x7F {
                throw error("invalid escape '\\\(Character(Unicode.Scalar(letter)))'", at: backslash)
            }
            throw error("invalid escape: backslash followed by \(describe(at: backslash + 1))", at: backslash)
        }
    }

    /// The four hex digits of a `\u` escape at `position`, which it steps over.
    private mutating func hexQuad(escapeAt backslash: Int, open: Int) throws(JSONSyntaxError) -> UInt32 {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.count else { throw error("unterminated string", at: open) }
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape: expected four hex digits", at: backslash)
            }
            unit = unit << 4 | UInt32(digit)
            position += 1
        }
        return unit
    }

    static func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            bytes.append(UInt8(scalar))
        case ..<0x800:
            bytes.append(0xC0 | UInt8(scalar >> 6))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        case ..<0x10000:
            bytes.append(0xE0 | UInt8(scalar >> 12))
            bytes.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        default:
            bytes.append(0xF0 | UInt8(scalar >> 18 & 0x07))
            bytes.append(0x80 | UInt8(scalar >> 12 & 0x3F))
            bytes.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        }
    }
}
