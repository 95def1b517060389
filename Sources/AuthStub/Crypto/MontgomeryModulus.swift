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
        var rSquaredLimbs = [UInt64](repeating: 0, count: 2 * modulus.limbs.count + 1)
        rSquaredLimbs[2 * modulus.limbs.count] = 1
        rSquared = Self.padded((BigUInt(limbs: rSquaredLimbs) % modulus).limbs, to: modulus.limbs.count)
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
        let m = modulus.limbs
        let k = limbCount
        var t = [UInt64](repeating: 0, count: k + 2)
        for i in 0..<k {
            // t += a × b[i]
            var carry: UInt64 = 0
            for j in 0..<k {
                let (high, low) = a[j].multipliedFullWidth(by: b[i])
                let (sum, overflow1) = t[j].addingReportingOverflow(low)
                let (total, overflow2) = sum.addingReportingOverflow(carry)
                t[j] = total
                // A 64×64-bit product plus two limbs fits 128 bits: this never wraps.
                carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
            }
            let (top, topOverflow) = t[k].addingReportingOverflow(carry)
            t[k] = top
            t[k + 1] = topOverflow ? 1 : 0
            // t += u × m makes the low limb zero; then t /= 2^64.
            let u = t[0] &* inverse
            let (firstHigh, firstLow) = m[0].multipliedFullWidth(by: u)
            carry = firstHigh &+ (t[0].addingReportingOverflow(firstLow).overflow ? 1 : 0)
            for j in 1..<max(k, 1) {
                let (high, low) = m[j].multipliedFullWidth(by: u)
                let (sum, overflow1) = t[j].addingReportingOverflow(low)
                let (total, overflow2) = sum.addingReportingOverflow(carry)
                t[j - 1] = total
                carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
            }
            let (shifted, shiftedOverflow) = t[k].addingReportingOverflow(carry)
            t[k - 1] = shifted
            t[k] = t[k + 1] &+ (shiftedOverflow ? 1 : 0)
        }
        // t < 2m here: one subtraction brings it below m.
        var result = Array(t[0...k])
        if BigUInt.compare(result, m) >= 0 { BigUInt.subtractInPlace(&result, m) }
        return Array(result[0..<k])
    }

    /// `limbs` with zero limbs added on top up to `count`.
    private static func padded(_ limbs: [UInt64], to count: Int) -> [UInt64] {
        limbs + repeatElement(0, count: max(0, count - limbs.count))
    }
}
