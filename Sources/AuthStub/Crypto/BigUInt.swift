/// A non-negative integer as large as RSA needs, for RSA's arithmetic only (`BigUInt+Arithmetic`,
/// `MontgomeryModulus`). Not constant time: AuthStub signs with published test keys, so timing
/// leaks nothing worth hiding.
struct BigUInt: Sendable, Equatable, Comparable {
    /// The 64-bit limbs, least significant first, with no zero limb at the top (zero has none).
    private(set) var limbs: [UInt64]

    /// The number whose limbs (least significant first) are `limbs`; zero limbs at the top are dropped.
    init(limbs: [UInt64]) {
        var trimmed = limbs
        while trimmed.last == 0 { trimmed.removeLast() }
        self.limbs = trimmed
    }

    /// A number of one limb.
    init(_ value: UInt64) {
        self.init(limbs: [value])
    }

    /// The number `bytes` writes in big-endian order (leading zero bytes allowed, as in JWK members).
    init(bigEndian bytes: [UInt8]) {
        var limbs = [UInt64](repeating: 0, count: (bytes.count + 7) / 8)
        for (offset, byte) in bytes.reversed().enumerated() {
            limbs[offset / 8] |= UInt64(byte) << UInt64(offset % 8 * 8)
        }
        self.init(limbs: limbs)
    }

    /// The number in exactly `count` big-endian bytes (zeros in front); nil when it needs more.
    func bigEndianBytes(count: Int) -> [UInt8]? {
        guard count >= 0, bitWidth <= count * 8 else { return nil }
        return (0..<count).map { position in
            let offset = count - 1 - position
            guard offset / 8 < limbs.count else { return 0 }
            return UInt8(truncatingIfNeeded: limbs[offset / 8] >> UInt64(offset % 8 * 8))
        }
    }

    /// The number of bits up to and including the highest one bit (0 for zero).
    var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 64 - top.leadingZeroBitCount
    }

    /// Whether this is zero.
    var isZero: Bool { limbs.isEmpty }

    /// Whether the lowest bit is one.
    var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

    /// The bit at `index` (0: the lowest); false past the top.
    func bit(_ index: Int) -> Bool {
        guard index >= 0, index / 64 < limbs.count else { return false }
        return limbs[index / 64] >> UInt64(index % 64) & 1 == 1
    }

    /// Numeric order.
    static func < (lhs: BigUInt, rhs: BigUInt) -> Bool {
        compare(lhs.limbs, rhs.limbs) < 0
    }

    /// -1, 0 or 1 as the number in limbs `lhs` is below, equal to or above that in `rhs` (zero limbs at the top allowed).
    static func compare(_ lhs: [UInt64], _ rhs: [UInt64]) -> Int {
        for index in stride(from: max(lhs.count, rhs.count) - 1, through: 0, by: -1) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }
}
