/// An odd modulus prepared for Montgomery multiplication (Montgomery 1985; the "CIOS" loop of
/// Koç, Acar and Kaliski 1996), which makes RSA's modular exponentiation free of division.
/// Numbers in "Montgomery form" are x·R mod m, with R = 2^(64·limbs).
struct MontgomeryModulus: Sendable {
    /// The modulus.
    let modulus: BigUInt
    /// The modulus' limbs.
    private let limbCount: Int
    /// −m⁻¹ mod 2^64.
    private let inverse: UInt64
    /// R² mod m: multiplying by it moves a number into Montgomery form.
    private let rSquared: [UInt64]

    /// The modulus prepared; nil unless it is odd and above 1.
    init?(_ modulus: BigUInt) {
        guard modulus.isOdd, modulus > BigUInt(1) else { return nil }
        self.modulus = modulus
        limbCount = modulus.limbs.count
        // Newton's iteration doubles the correct low bits each step: 1 → 2 → … → 64 (m₀ is odd).
        var inverse: UInt64 = 1
        for _ in 0..<6 { inverse = inverse &* (2 &- modulus.limbs[0] &* inverse) }
        self.inverse = 0 &- inverse
        rSquared = Self.rSquared(modulus, inverse: self.inverse)
    }

    /// R² mod m, found by squaring in Montgomery form rather than by a long division: if
    /// x ≡ R·2^s then x·x·R⁻¹ ≡ R·2^(2s). Starting from s = the odd part of 64·limbs, as many
    /// squarings as that number has factors of 2 reach R·2^(64·limbs) = R².
    private static func rSquared(_ modulus: BigUInt, inverse: UInt64) -> [UInt64] {
        let count = modulus.limbs.count
        let bits = 64 * count
        let squarings = bits.trailingZeroBitCount
        let start = bits >> squarings
        var power = [UInt64](repeating: 0, count: (bits + start) / 64 + 1)
        power[(bits + start) / 64] = 1 << UInt64((bits + start) % 64)
        var x = padded((BigUInt(limbs: power) % modulus).limbs, to: count)
        for _ in 0..<squarings { x = montgomeryProduct(x, x, modulus: modulus.limbs, inverse: inverse) }
        return x
    }

    /// base^exponent mod m, four exponent bits at a time.
    func power(_ base: BigUInt, _ exponent: BigUInt) -> BigUInt {
        let one = Self.padded([1], to: limbCount)
        let baseInForm = multiply(Self.padded((base % modulus).limbs, to: limbCount), rSquared)
        // powers[i] = base^i in Montgomery form.
        var powers = [multiply(one, rSquared)]
        for _ in 1..<16 { powers.append(multiply(powers[powers.count - 1], baseInForm)) }
        var result = powers[0]
        let windows = (exponent.bitWidth + 3) / 4
        for window in stride(from: windows - 1, through: 0, by: -1) {
            for _ in 0..<4 { result = multiply(result, result) }
            var digit = 0
            for bit in 0..<4 where exponent.bit(window * 4 + bit) { digit |= 1 << bit }
            if digit != 0 { result = multiply(result, powers[digit]) }
        }
        return BigUInt(limbs: multiply(result, one))
    }

    /// a·b mod m when a and b are each below m.
    func product(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        let aInForm = multiply(Self.padded(a.limbs, to: limbCount), rSquared)
        return BigUInt(limbs: multiply(aInForm, Self.padded(b.limbs, to: limbCount)))
    }

    /// a·b·R⁻¹ mod m for a and b below m, each exactly `limbCount` limbs.
    private func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        Self.montgomeryProduct(a, b, modulus: modulus.limbs, inverse: inverse)
    }

    /// a·b·R⁻¹ mod m for a and b below m (limbs), each as many limbs as m.
    ///
    /// RSA's time goes here (thousands of calls a signature), so the loops run over buffer
    /// pointers: every index stays below the counts checked on entry, and a release build
    /// skips the array's checks on each limb.
    private static func montgomeryProduct(_ a: [UInt64], _ b: [UInt64], modulus m: [UInt64], inverse: UInt64) -> [UInt64] {
        let k = m.count
        guard k > 0, a.count == k, b.count == k else { return [UInt64](repeating: 0, count: k) }
        var t = [UInt64](repeating: 0, count: k + 2)
        t.withUnsafeMutableBufferPointer { t in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    m.withUnsafeBufferPointer { m in
                        for i in 0..<k {
                            // t += a × b[i]
                            var carry: UInt64 = 0
                            for j in 0..<k { (carry, t[j]) = BigUInt.multiplyAdd(a[j], b[i], t[j], carry) }
                            (t[k + 1], t[k]) = BigUInt.multiplyAdd(t[k], 1, carry, 0)  // t[k] + carry, split
                            // t += u × m makes the low limb zero; then t /= 2^64.
                            let u = t[0] &* inverse
                            carry = BigUInt.multiplyAdd(m[0], u, t[0], 0).high
                            for j in 1..<k { (carry, t[j - 1]) = BigUInt.multiplyAdd(m[j], u, t[j], carry) }
                            let shifted = BigUInt.multiplyAdd(t[k], 1, carry, 0)
                            t[k - 1] = shifted.low
                            t[k] = t[k + 1] &+ shifted.high
                        }
                    }
                }
            }
        }
        // t < 2m here: one subtraction brings it below m.
        t.removeLast()
        if BigUInt.compare(t, m) >= 0 { BigUInt.subtractInPlace(&t, m) }
        t.removeLast()
        return t
    }

    /// `limbs` with zero limbs added on top up to `count`.
    private static func padded(_ limbs: [UInt64], to count: Int) -> [UInt64] {
        limbs + repeatElement(0, count: max(0, count - limbs.count))
    }
}
