/// A token's bytes as the store compares and hashes them: any format (a UUID, hex, a prefixed
/// token, a JWT), up to `maximumLength` bytes of UTF-8. Kept in the slot itself when short: a
/// token in the canonical lower-case UUID form (what the generator makes) packed into 16 bytes,
/// any other of up to 20 bytes as it is; longer ones in `TokenStore.longKeys`.
struct TokenKey: Sendable {
    /// The longest token the store holds; a longer one is unknown.
    static let maximumLength = 4096
    /// The bytes a slot holds as they are.
    static let inlineLength = 20
    /// `TokenSlot.keyLength` of a packed UUID.
    static let uuidLength = UInt8.max - 1
    /// `TokenSlot.keyLength` of a long key.
    static let longLength = UInt8.max

    private(set) var words: (UInt64, UInt64, UInt32) = (0, 0, 0)
    /// What `TokenSlot.keyLength` holds: the length of an inline key, or `uuidLength` or
    /// `longLength`.
    let marker: UInt8
    /// The bytes of a long key; nil for one held in the slot.
    let long: [UInt8]?

    /// nil for an empty token or one longer than `maximumLength`.
    init?(_ token: String) {
        let utf8 = token.utf8
        let length = utf8.count
        guard length > 0, length <= Self.maximumLength else { return nil }
        if let packed = Self.packedUUID(token) {
            marker = Self.uuidLength
            long = nil
            words = (packed.0, packed.1, 0)
        } else if length <= Self.inlineLength {
            marker = UInt8(truncatingIfNeeded: length)
            long = nil
            var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &buffer) { raw in
                for (offset, byte) in utf8.enumerated() { raw[offset] = byte }
            }
            words = (buffer.0, buffer.1, UInt32(truncatingIfNeeded: buffer.2))
        } else {
            marker = Self.longLength
            long = Array(utf8)
        }
    }

    /// The key of the UUID whose 128 bits are `high` and `low`: what `init(_:)` makes of its
    /// canonical lower-case text.
    init(uuidHigh high: UInt64, low: UInt64) {
        marker = Self.uuidLength
        long = nil
        words = (high, low, 0)
    }

    /// The 32 hex digits of a canonical lower-case UUID as two words; nil for anything else.
    private static func packedUUID(_ token: String) -> (UInt64, UInt64)? {
        guard token.utf8.count == 36 else { return nil }
        var token = token
        return token.withUTF8 { bytes -> (UInt64, UInt64)? in
            var high: UInt64 = 0
            var low: UInt64 = 0
            var digits = 0
            for (offset, byte) in bytes.enumerated() {
                if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                    guard byte == UInt8(ascii: "-") else { return nil }
                    continue
                }
                let value: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
                default: return nil
                }
                if digits < 16 { high = high << 4 | UInt64(value) } else { low = low << 4 | UInt64(value) }
                digits += 1
            }
            return (high, low)
        }
    }

    /// The key a slot holds; `longKeys` holds the long ones.
    init(_ slot: TokenSlot, longKeys: [[UInt8]]) {
        marker = slot.keyLength
        if slot.keyLength == Self.longLength {
            long = longKeys.indices.contains(Int(slot.key0)) ? longKeys[Int(slot.key0)] : []
        } else {
            long = nil
            words = (slot.key0, slot.key1, slot.key2)
        }
    }

    /// The token's text.
    var text: String {
        if let long { return String(decoding: long, as: UTF8.self) }
        if marker == Self.uuidLength { return TokenGenerator.uuidText(words.0, words.1) }
        var buffer = (words.0, words.1, UInt64(words.2))
        return withUnsafeBytes(of: &buffer) { raw in String(decoding: raw.prefix(Int(marker)), as: UTF8.self) }
    }

    /// Whether `slot` holds this key.
    func isHeld(by slot: TokenSlot, longKeys: [[UInt8]]) -> Bool {
        guard slot.keyLength == marker else { return false }
        if let long { return longKeys.indices.contains(Int(slot.key0)) && longKeys[Int(slot.key0)] == long }
        return slot.key0 == words.0 && slot.key1 == words.1 && slot.key2 == words.2
    }

    /// Writes a key held in the slot into `slot`; a long key is written by the store (its index).
    func writeInline(into slot: inout TokenSlot) {
        slot.keyLength = marker
        (slot.key0, slot.key1, slot.key2) = words
    }

    /// The key's hash, with the process's random seed (`Hasher`): no outside token can aim at
    /// one bucket. Nothing the store shows depends on it, so seeded runs stay repeatable.
    var hash: Int {
        var hasher = Hasher()
        hasher.combine(marker)
        if let long {
            hasher.combine(long)
        } else {
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
        }
        return hasher.finalize()
    }
}
