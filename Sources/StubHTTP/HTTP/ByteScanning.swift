/// Word-at-a-time scanning (eight bytes per step) for the parser's long runs: the LF search,
/// field values and request-targets. Each fast check may flag a word falsely, never miss a byte;
/// a flagged word is re-checked byte by byte.
extension UnsafeBufferPointer where Element == UInt8 {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    private func word(at index: Int) -> UInt64 {
        // Callers guarantee index + 8 <= count, so baseAddress is non-nil here.
        guard let base = baseAddress else { return 0 }
        return UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
    }

    /// Bytes of `word` below `limit` (limit <= 128) get their high bit set (plus possibly others).
    @inline(__always)
    private static func flagBelow(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highBits
    }

    /// Index of the first `byte` in `from..<to`, or `to` if there is none.
    func firstIndex(of byte: UInt8, from: Int, to: Int) -> Int {
        var index = from
        let pattern = Self.ones &* UInt64(byte)
        while to - index >= 8 {
            let found = Self.flagBelow(word(at: index) ^ pattern, 1)
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        if index < to && to - from >= 8 {
            // The last eight bytes, overlapping ones already searched (which hold no match, so
            // the lowest match found is at or after `index`).
            let found = Self.flagBelow(word(at: to - 8) ^ pattern, 1)
            return found != 0 ? to - 8 + found.trailingZeroBitCount / 8 : to
        }
        while index < to && self[index] != byte { index += 1 }
        return index
    }

    /// Whether every byte in `from..<to` may appear in a field value (HTAB, SP, VCHAR, obs-text).
    func allFieldValueBytes(from: Int, to: Int) -> Bool {
        var index = from
        let delete = Self.ones &* UInt64(ASCII.delete)
        while to - index >= 8 {
            let chunk = word(at: index)
            if Self.flagBelow(chunk, 0x20) | Self.flagBelow(chunk ^ delete, 1) != 0 {
                for offset in index..<(index + 8) where !ASCII.isFieldValueByte(self[offset]) { return false }
            }
            index += 8
        }
        if index < to && to - from >= 8 {
            // The last eight bytes, overlapping ones already checked.
            index = to - 8
            let chunk = word(at: index)
            if Self.flagBelow(chunk, 0x20) | Self.flagBelow(chunk ^ delete, 1) == 0 { return true }
        }
        while index < to {
            guard ASCII.isFieldValueByte(self[index]) else { return false }
            index += 1
        }
        return true
    }

    /// The first index in `from..<to` whose byte is not allowed in a request-target, or `to`.
    func firstNonTargetByte(from: Int, to: Int) -> Int {
        var index = from
        let delete = Self.ones &* UInt64(ASCII.delete)
        while to - index >= 8 {
            let chunk = word(at: index)
            let flagged = Self.flagBelow(chunk, 0x21) | Self.flagBelow(chunk ^ delete, 1) | (chunk & Self.highBits)
            if flagged != 0 { break }
            index += 8
        }
        while index < to && ASCII.isTargetByte(self[index]) { index += 1 }
        return index
    }
}
