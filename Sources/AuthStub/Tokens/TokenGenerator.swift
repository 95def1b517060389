import StubHTTP

/// Makes token values in a `TokenFormat` (random version-4 UUIDs in lower case by default),
/// from the system's generator, or from a seeded one so that a run with a frozen clock is
/// byte-for-byte repeatable.
struct TokenGenerator: Sendable {
    private var seeded: SplitMix64?
    /// Words from the system's generator not used yet, from `unused` on: filled 32 at a time,
    /// since a system call for every word (two a UUID) was most of a token's cost, under the
    /// engine's lock.
    private var systemWords: [UInt64] = []
    private var unused = 0

    /// `seed` nil: the system's cryptographic generator (`getrandom`, no file descriptor needed).
    init(seed: UInt64?) {
        seeded = seed.map(SplitMix64.init)
    }

    /// A token in `format`.
    mutating func next(_ format: TokenFormat = .uuid) -> String {
        let alphabet = format.characters.alphabet
        guard !alphabet.isEmpty else { return format.prefix + uuid() }
        // Six random bits a character (four for hex): exact for 16 and 64 characters; base62
        // skips the two values past its alphabet, so no character is likelier than another.
        let bits: UInt64 = alphabet.count <= 16 ? 4 : 6
        var characters: [UInt8] = []
        characters.reserveCapacity(format.length)
        var pool: UInt64 = 0
        var left: UInt64 = 0
        while characters.count < format.length {
            if left < bits {
                pool = random()
                left = 64
            }
            let value = Int(pool & ((1 << bits) - 1))
            pool >>= bits
            left -= bits
            if value < alphabet.count { characters.append(alphabet[value]) }
        }
        return format.prefix + String(decoding: characters, as: UTF8.self)
    }

    private mutating func random() -> UInt64 {
        if var generator = seeded {
            let value = generator.next()
            seeded = generator
            return value
        }
        if unused == systemWords.count {
            if systemWords.isEmpty { systemWords = Array(repeating: 0, count: 32) }
            fillRandomly(&systemWords)
            unused = 0
        }
        defer { unused += 1 }
        return systemWords[unused]
    }

    /// A version-4 UUID in lower case.
    private mutating func uuid() -> String {
        let bits = uuidBits()
        return Self.uuidText(bits.high, bits.low)
    }

    /// The 128 bits of a random version-4 UUID (`uuidText` writes them out).
    mutating func uuidBits() -> (high: UInt64, low: UInt64) {
        let high = (random() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000  // version 4
        let low = (random() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // RFC 4122 variant
        return (high, low)
    }

    /// The 128 bits `high`, `low` in the canonical lower-case UUID form (8-4-4-4-12 hex digits),
    /// written byte by byte into the string's own storage: one allocation, for every token issued
    /// (and every UUID token the control API lists, `TokenKey.text`).
    static func uuidText(_ high: UInt64, _ low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 36) { bytes in
            // A byte at a time, its two digits by arithmetic: a table read each digit (a lazy
            // global and a bounds check) cost about 30 instructions a digit, under the lock.
            func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble }
            var index = 0
            for position in 0..<16 {
                if position == 4 || position == 6 || position == 8 || position == 10 {
                    bytes[index] = UInt8(ascii: "-")
                    index += 1
                }
                let word = position < 8 ? high : low
                let byte = UInt8(truncatingIfNeeded: word >> UInt64(56 - 8 * (position % 8)))
                bytes[index] = digit(byte >> 4)
                bytes[index + 1] = digit(byte & 0xF)
                index += 2
            }
            return index
        }
    }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): small, fast and good enough for test tokens.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(_ seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
