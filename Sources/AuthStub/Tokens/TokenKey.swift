/// A token's bytes as the store compares and hashes them: any format (a UUID, hex, a prefixed
/// token, a JWT), up to `maximumLength` bytes of UTF-8. Up to 36 bytes live inline in the
/// slot; longer ones in `TokenStore.longKeys`.
struct TokenKey: Sendable, Equatable {
    /// The longest token the store holds; a longer one is unknown.
    static let maximumLength = 4096
    /// The bytes a slot holds inline.
    static let inlineLength = 36
    /// `TokenSlot.keyLength` of a long key.
    static let longLength = UInt8.max

    private(set) var words: (UInt64, UInt64, UInt64, UInt64, UInt32) = (0, 0, 0, 0, 0)
    let length: Int
    /// The bytes of a key longer than `inlineLength`; nil for an inline one.
    let long: [UInt8]?

    /// nil for an empty token or one longer than `maximumLength`.
    init?(_ token: String) {
        let utf8 = token.utf8
        length = utf8.count
        guard length > 0, length <= Self.maximumLength else { return nil }
        guard length <= Self.inlineLength else {
            long = Array(utf8)
            return
        }
        long = nil
        var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            for (offset, byte) in utf8.enumerated() { raw[offset] = byte }
        }
        words = (buffer.0, buffer.1, buffer.2, buffer.3, UInt32(truncatingIfNeeded: buffer.4))
    }

    /// The key a slot holds; `longKeys` holds the long ones.
    init(_ slot: TokenSlot, longKeys: [[UInt8]]) {
        if slot.keyLength == Self.longLength {
            let bytes = longKeys.indices.contains(Int(slot.key0)) ? longKeys[Int(slot.key0)] : []
            length = bytes.count
            long = bytes
        } else {
            length = Int(slot.keyLength)
            long = nil
            words = (slot.key0, slot.key1, slot.key2, slot.key3, slot.key4)
        }
    }

    /// The token's text.
    var text: String {
        if let long { return String(decoding: long, as: UTF8.self) }
        var buffer = (words.0, words.1, words.2, words.3, UInt64(words.4))
        return withUnsafeBytes(of: &buffer) { raw in String(decoding: raw.prefix(length), as: UTF8.self) }
    }

    /// Whether `slot` holds this key.
    func isHeld(by slot: TokenSlot, longKeys: [[UInt8]]) -> Bool {
        if let long {
            return slot.keyLength == Self.longLength && longKeys.indices.contains(Int(slot.key0)) && longKeys[Int(slot.key0)] == long
        }
        return Int(slot.keyLength) == length && slot.key0 == words.0 && slot.key1 == words.1 && slot.key2 == words.2
            && slot.key3 == words.3 && slot.key4 == words.4
    }

    /// Writes an inline key into `slot`; a long key is written by the store (its index).
    func writeInline(into slot: inout TokenSlot) {
        slot.keyLength = UInt8(truncatingIfNeeded: length)
        (slot.key0, slot.key1, slot.key2, slot.key3, slot.key4) = words
    }

    static func == (left: TokenKey, right: TokenKey) -> Bool {
        left.length == right.length && left.long == right.long && left.words.0 == right.words.0 && left.words.1 == right.words.1
            && left.words.2 == right.words.2 && left.words.3 == right.words.3 && left.words.4 == right.words.4
    }

    /// The key's hash, with the process's random seed (`Hasher`): no outside token can aim at
    /// one bucket. Nothing the store shows depends on it, so seeded runs stay repeatable.
    var hash: Int {
        var hasher = Hasher()
        if let long {
            hasher.combine(long)
        } else {
            hasher.combine(length)
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(words.3)
            hasher.combine(words.4)
        }
        return hasher.finalize()
    }
}
