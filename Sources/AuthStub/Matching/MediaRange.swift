/// One element of an Accept header (RFC 9110 §12.5.1): `type/subtype` (either may be `*`, but a
/// `*` type needs a `*` subtype), its parameters, and its weight.
///
/// Parsing works on the UTF-8 bytes and never traps: an element that breaks the grammar is left
/// out of the list, and the rest of the header still counts.
struct MediaRange: Sendable, Equatable {
    /// One `name=value` parameter other than the weight.
    struct Parameter: Sendable, Equatable {
        /// Lowercased ASCII.
        var name: String
        /// As sent, with the quotes and backslash escapes of a quoted-string removed.
        var value: String
    }

    /// Lowercased ASCII.
    var type: String
    /// Lowercased ASCII.
    var subtype: String
    /// Every parameter except `q`, in the order sent.
    var parameters: [Parameter]
    /// The weight in thousandths: `q=0.5` is 500; 1000 when no `q` was sent.
    var quality: Int

    /// The media ranges of one Accept field value, in order. Empty elements (`,,`) and invalid
    /// ones (not `token/token`, a malformed parameter, a `q` outside `0`-`1` or with more than
    /// three decimals, a second `q`) are skipped.
    static func parseList(_ header: String) -> [MediaRange] {
        let bytes = Array(header.utf8)
        var ranges: [MediaRange] = []
        var start = 0
        while start <= bytes.count {
            let end = elementEnd(in: bytes, from: start)
            var parser = Parser(bytes: bytes, position: start, end: end)
            if let range = parser.element() {
                ranges.append(range)
            }
            start = end + 1
        }
        return ranges
    }

    /// A single media type such as `application/json; charset=utf-8` (one element, no list);
    /// nil when it is not one.
    static func parseMediaType(_ text: String) -> MediaRange? {
        let bytes = Array(text.utf8)
        var parser = Parser(bytes: bytes, position: 0, end: bytes.count)
        return parser.element()
    }

    /// Where the element starting at `start` ends: the next comma outside a quoted-string, or the
    /// end of the bytes. A quoted-string left open runs to the end.
    private static func elementEnd(in bytes: [UInt8], from start: Int) -> Int {
        var inQuotes = false
        var escaped = false
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if escaped {
                    escaped = false
                } else if byte == Byte.backslash {
                    escaped = true
                } else if byte == Byte.quote {
                    inQuotes = false
                }
            } else if byte == Byte.comma {
                return index
            } else if byte == Byte.quote {
                inQuotes = true
            }
            index += 1
        }
        return bytes.count
    }

    private enum Byte {
        static let tab: UInt8 = 0x09
        static let space: UInt8 = 0x20
        static let quote: UInt8 = 0x22
        static let asterisk: UInt8 = 0x2A
        static let comma: UInt8 = 0x2C
        static let dot: UInt8 = 0x2E
        static let slash: UInt8 = 0x2F
        static let zero: UInt8 = 0x30
        static let one: UInt8 = 0x31
        static let semicolon: UInt8 = 0x3B
        static let letterQ: UInt8 = 0x71
        static let equals: UInt8 = 0x3D
        static let backslash: UInt8 = 0x5C
        static let delete: UInt8 = 0x7F

        static func isDigit(_ byte: UInt8) -> Bool {
            byte >= 0x30 && byte <= 0x39
        }

        /// `tchar` of RFC 9110 §5.6.2.
        static func isTokenByte(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A:
                return true
            case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E:
                return true
            default:
                return false
            }
        }

        /// A byte a quoted-string may carry after a backslash: HTAB, SP, VCHAR, obs-text.
        static func isQuotablePair(_ byte: UInt8) -> Bool {
            byte == tab || (byte >= space && byte != delete)
        }

        /// `qdtext`: HTAB, SP, `!`, `#`-`[`, `]`-`~`, obs-text.
        static func isQuotedText(_ byte: UInt8) -> Bool {
            isQuotablePair(byte) && byte != quote && byte != backslash
        }

        static func lowercased(_ byte: UInt8) -> UInt8 {
            byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }
    }

    /// Reads one element from `bytes[position..<end]`. Every read goes through `peek()`, which
    /// checks the bounds, so no input can make it index out of range.
    private struct Parser {
        let bytes: [UInt8]
        var position: Int
        let end: Int

        init(bytes: [UInt8], position: Int, end: Int) {
            self.bytes = bytes
            self.end = min(end, bytes.count)
            self.position = max(0, position)
        }

        func peek() -> UInt8? {
            position < end ? bytes[position] : nil
        }

        mutating func skipWhitespace() {
            while let byte = peek(), byte == Byte.space || byte == Byte.tab {
                position += 1
            }
        }

        mutating func consume(_ expected: UInt8) -> Bool {
            guard peek() == expected else { return false }
            position += 1
            return true
        }

        /// One or more tchar bytes, lowercased when asked.
        mutating func token(lowercase: Bool) -> [UInt8]? {
            var result: [UInt8] = []
            while let byte = peek(), Byte.isTokenByte(byte) {
                result.append(lowercase ? Byte.lowercased(byte) : byte)
                position += 1
            }
            return result.isEmpty ? nil : result
        }

        /// A quoted-string, opening quote included; its content unescaped.
        mutating func quotedString() -> [UInt8]? {
            guard consume(Byte.quote) else { return nil }
            var result: [UInt8] = []
            while let byte = peek() {
                position += 1
                if byte == Byte.quote {
                    return result
                }
                if byte == Byte.backslash {
                    guard let escaped = peek(), Byte.isQuotablePair(escaped) else { return nil }
                    position += 1
                    result.append(escaped)
                } else if Byte.isQuotedText(byte) {
                    result.append(byte)
                } else {
                    return nil
                }
            }
            return nil
        }

        /// The whole of `position..<end` as one media range, or nil when it is empty or invalid.
        mutating func element() -> MediaRange? {
            skipWhitespace()
            guard let type = token(lowercase: true), consume(Byte.slash), let subtype = token(lowercase: true) else {
                return nil
            }
            if type == [Byte.asterisk] && subtype != [Byte.asterisk] {
                return nil
            }
            var parameters: [Parameter] = []
            var quality: Int?
            while true {
                skipWhitespace()
                guard let byte = peek() else { break }
                guard byte == Byte.semicolon else { return nil }
                position += 1
                skipWhitespace()
                // `[ parameter ]`: an empty parameter between semicolons, or a trailing one.
                guard let next = peek(), next != Byte.semicolon else { continue }
                guard let name = token(lowercase: true) else { return nil }
                skipWhitespace()
                guard consume(Byte.equals) else { return nil }
                skipWhitespace()
                if name == [Byte.letterQ] {
                    // The weight: a bare qvalue (never quoted), and only one of them.
                    guard quality == nil, let raw = token(lowercase: false), let value = Self.quality(raw) else {
                        return nil
                    }
                    quality = value
                } else if peek() == Byte.quote {
                    guard let value = quotedString() else { return nil }
                    parameters.append(
                        Parameter(
                            name: String(decoding: name, as: UTF8.self),
                            value: String(decoding: value, as: UTF8.self)
                        )
                    )
                } else {
                    guard let value = token(lowercase: false) else { return nil }
                    parameters.append(
                        Parameter(
                            name: String(decoding: name, as: UTF8.self),
                            value: String(decoding: value, as: UTF8.self)
                        )
                    )
                }
            }
            return MediaRange(
                type: String(decoding: type, as: UTF8.self),
                subtype: String(decoding: subtype, as: UTF8.self),
                parameters: parameters,
                quality: quality ?? 1000
            )
        }

        /// `qvalue` of RFC 9110 §12.4.2: `0[.ddd]` or `1[.000]` (0-3 decimals), in thousandths.
        static func quality(_ raw: [UInt8]) -> Int? {
            guard let first = raw.first, first == Byte.zero || first == Byte.one else { return nil }
            let rest = raw.dropFirst()
            var value = first == Byte.one ? 1000 : 0
            guard let dot = rest.first else { return value }
            let decimals = rest.dropFirst()
            guard dot == Byte.dot, decimals.count <= 3 else { return nil }
            var scale = 100
            for digit in decimals {
                guard Byte.isDigit(digit) else { return nil }
                if first == Byte.one {
                    guard digit == Byte.zero else { return nil }
                } else {
                    value += Int(digit - Byte.zero) * scale
                }
                scale /= 10
            }
            return value
        }
    }
}
