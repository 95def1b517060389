/// Byte constants and classifications for HTTP/1.1 syntax (RFC 9110 §5.6, RFC 9112).
/// Everything here is ASCII-only on purpose: no Unicode case folding ever reaches the parser.
package enum ASCII {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let comma: UInt8 = 0x2C
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let question: UInt8 = 0x3F
    static let backslash: UInt8 = 0x5C
    static let star: UInt8 = 0x2A
    static let delete: UInt8 = 0x7F

    /// Bit `b` set when byte `b` (0..<64) is a tchar.
    private static let tcharLow: UInt64 = 0x03FF_6CFA_0000_0000
    /// Bit `b - 64` set when byte `b` (64..<128) is a tchar.
    private static let tcharHigh: UInt64 = 0x57FF_FFFF_C7FF_FFFE

    /// `tchar` of RFC 9110 §5.6.2: the bytes a token (method, field name) may contain.
    @inline(__always)
    package static func isTokenByte(_ byte: UInt8) -> Bool {
        if byte < 64 { return (tcharLow >> UInt64(byte)) & 1 == 1 }
        if byte < 128 { return (tcharHigh >> UInt64(byte &- 64)) & 1 == 1 }
        return false
    }

    /// SP or HTAB.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// A byte allowed in a field value: HTAB, SP, visible ASCII and obs-text (0x80-0xFF).
    @inline(__always)
    package static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte >= space ? byte != delete : byte == tab
    }

    /// A byte allowed in a request-target: visible ASCII only (0x21-0x7E).
    @inline(__always)
    static func isTargetByte(_ byte: UInt8) -> Bool {
        byte &- 0x21 < 0x5E
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10
    }

    @inline(__always)
    static func isUppercaseLetter(_ byte: UInt8) -> Bool {
        byte &- 0x41 < 26
    }

    @inline(__always)
    static func isLowercaseLetter(_ byte: UInt8) -> Bool {
        byte &- 0x61 < 26
    }

    /// Folds `A`-`Z` to `a`-`z`; every other byte (including non-ASCII) is returned unchanged.
    @inlinable
    package static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// The value of a hexadecimal digit, or -1 for any other byte.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> Int {
        if byte &- 0x30 < 10 { return Int(byte &- 0x30) }
        let folded = byte | 0x20
        if folded &- 0x61 < 6 { return Int(folded &- 0x61) + 10 }
        return -1
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether `self[range]` equals `lowercaseLiteral` after ASCII-only case folding.
    /// `lowercaseLiteral` must already be lower-case ASCII. `range` must lie inside the buffer.
    @inline(__always)
    func equalsIgnoringASCIICase(_ range: Range<Int>, _ lowercaseLiteral: StaticString) -> Bool {
        let count = lowercaseLiteral.utf8CodeUnitCount
        guard range.count == count else { return false }
        let literal = lowercaseLiteral.utf8Start
        var offset = 0
        while offset < count {
            if ASCII.lowercased(self[range.lowerBound + offset]) != literal[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Calls `body` with each element of the comma-separated list in `range`, OWS trimmed.
    /// Empty elements are passed too (as empty ranges), so callers can reject them.
    func forEachListElement(in range: Range<Int>, _ body: (Range<Int>) -> Void) {
        var elementStart = range.lowerBound
        var index = range.lowerBound
        while index <= range.upperBound {
            if index == range.upperBound || self[index] == ASCII.comma {
                var low = elementStart
                var high = index
                while low < high && ASCII.isWhitespace(self[low]) { low += 1 }
                while high > low && ASCII.isWhitespace(self[high - 1]) { high -= 1 }
                body(low..<high)
                elementStart = index + 1
            }
            index += 1
        }
    }
}
