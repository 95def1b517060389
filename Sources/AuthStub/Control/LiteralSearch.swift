/// A non-empty run of bytes found in a text left to right in linear time (Knuth–Morris–Pratt):
/// on a mismatch the search falls back within the literal, using a table built once, and never
/// reads a byte of the text twice. `PathPattern` uses one for each piece between two stars.
struct LiteralSearch: Sendable {
    /// What is searched for.
    let literal: [UInt8]
    /// `borders[i]`: the length of the longest proper prefix of `literal[0...i]` that also ends it.
    private let borders: [Int32]

    init(_ literal: [UInt8]) {
        self.literal = literal
        var borders = [Int32](repeating: 0, count: literal.count)
        var length = 0
        var index = 1
        while index < literal.count {
            if literal[index] == literal[length] {
                length += 1
                borders[index] = Int32(truncatingIfNeeded: length)
                index += 1
            } else if length > 0 {
                length = Int(borders[length - 1])
            } else {
                index += 1
            }
        }
        self.borders = borders
    }

    /// The bytes it holds: the literal and its table.
    var heldBytes: Int { literal.count + borders.count * MemoryLayout<Int32>.size }

    /// The index just past the first occurrence of the literal in `text[from..<to]`; nil when
    /// there is none. `from` and `to` lie within `text`.
    func end(in text: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard !literal.isEmpty else { return from }
        var matched = 0
        var index = from
        while index < to {
            if text[index] == literal[matched] {
                matched += 1
                index += 1
                if matched == literal.count { return index }
            } else if matched > 0 {
                matched = Int(borders[matched - 1])
            } else {
                index += 1
            }
        }
        return nil
    }
}
