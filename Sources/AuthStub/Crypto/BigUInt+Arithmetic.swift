/// The arithmetic RSA signing and its key checks need: sums, differences, products, remainders.
extension BigUInt {
    /// The sum.
    static func + (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        var limbs = lhs.limbs
        addInPlace(&limbs, rhs.limbs)
        return BigUInt(limbs: limbs)
    }

    /// The difference when `lhs >= rhs`; the caller compares first (past that, the limbs wrap
    /// as unsigned machine numbers do, and nothing traps).
    static func - (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        var limbs = lhs.limbs
        subtractInPlace(&limbs, rhs.limbs)
        return BigUInt(limbs: limbs)
    }

    /// The product (schoolbook: RSA's operands are at most 64 limbs).
    static func * (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        guard !lhs.isZero, !rhs.isZero else { return BigUInt(limbs: []) }
        var product = [UInt64](repeating: 0, count: lhs.limbs.count + rhs.limbs.count)
        for (i, left) in lhs.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, right) in rhs.limbs.enumerated() {
                (carry, product[i + j]) = multiplyAdd(left, right, product[i + j], carry)
            }
            product[i + rhs.limbs.count] = carry
        }
        return BigUInt(limbs: product)
    }

    /// x × y + addend + carry as two limbs, the step of every schoolbook and Montgomery product.
    /// It always fits: (2^64 − 1)² + 2 × (2^64 − 1) = 2^128 − 1. The carries are found by
    /// comparison rather than by branching on them, which a release build turns into
    /// branch-free code (unpredictable branches made RSA four times slower).
    @inline(__always)
    static func multiplyAdd(_ x: UInt64, _ y: UInt64, _ addend: UInt64, _ carry: UInt64) -> (high: UInt64, low: UInt64) {
        let (high, low) = x.multipliedFullWidth(by: y)
        let withAddend = low &+ addend
        let withCarry = withAddend &+ carry
        return (high &+ (withAddend < low ? 1 : 0) &+ (withCarry < withAddend ? 1 : 0), withCarry)
    }

    /// The remainder of dividing by `modulus`; zero for a zero modulus (never a trap).
    ///
    /// Shift and subtract, a bit at a time from the top: cheap when `self` is not much wider
    /// than `modulus`, as in RSA's key checks and its reduction of a message modulo a prime.
    static func % (lhs: BigUInt, modulus: BigUInt) -> BigUInt {
        guard !modulus.isZero else { return BigUInt(limbs: []) }
        guard lhs >= modulus else { return lhs }
        // The top bits of lhs that are fewer than modulus's are already below it.
        let start = lhs.bitWidth - modulus.bitWidth
        var remainder = lhs.shiftedRight(by: start + 1).limbs
        remainder.append(contentsOf: repeatElement(0, count: modulus.limbs.count + 1 - remainder.count))
        for index in stride(from: start, through: 0, by: -1) {
            shiftLeftOneInPlace(&remainder, bringingIn: lhs.bit(index))
            if compare(remainder, modulus.limbs) >= 0 { subtractInPlace(&remainder, modulus.limbs) }
        }
        return BigUInt(limbs: remainder)
    }

    /// The number divided by 2^`count`, rounded down.
    func shiftedRight(by count: Int) -> BigUInt {
        guard count > 0 else { return self }
        let whole = count / 64
        let bits = UInt64(count % 64)
        guard whole < limbs.count else { return BigUInt(limbs: []) }
        var shifted = Array(limbs[whole...])
        if bits > 0 {
            for index in shifted.indices {
                let above = index + 1 < shifted.count ? shifted[index + 1] << (64 - bits) : 0
                shifted[index] = shifted[index] >> bits | above
            }
        }
        return BigUInt(limbs: shifted)
    }

    /// `limbs += addend`, growing `limbs` when the sum needs it.
    static func addInPlace(_ limbs: inout [UInt64], _ addend: [UInt64]) {
        if limbs.count < addend.count { limbs.append(contentsOf: repeatElement(0, count: addend.count - limbs.count)) }
        if combineInPlace(&limbs, addend, UInt64.addingReportingOverflow) { limbs.append(1) }
    }

    /// `limbs -= subtrahend` within `limbs`' width (callers make sure the result is not negative).
    static func subtractInPlace(_ limbs: inout [UInt64], _ subtrahend: [UInt64]) {
        _ = combineInPlace(&limbs, subtrahend, UInt64.subtractingReportingOverflow)
    }

    /// Adds or subtracts (`operation`) `other` limb by limb within `limbs`' width, carrying or
    /// borrowing one between limbs; whether one is left over at the top.
    private static func combineInPlace(
        _ limbs: inout [UInt64],
        _ other: [UInt64],
        _ operation: (UInt64) -> (UInt64) -> (partialValue: UInt64, overflow: Bool)
    ) -> Bool {
        var carry = false
        for index in limbs.indices {
            guard index < other.count || carry else { break }
            let (partial, overflow1) = operation(limbs[index])(index < other.count ? other[index] : 0)
            let (total, overflow2) = operation(partial)(carry ? 1 : 0)
            limbs[index] = total
            carry = overflow1 || overflow2
        }
        return carry
    }

    /// `limbs = limbs × 2 + bit` within `limbs`' width (callers leave a spare limb at the top).
    private static func shiftLeftOneInPlace(_ limbs: inout [UInt64], bringingIn bit: Bool) {
        var carry: UInt64 = bit ? 1 : 0
        for index in limbs.indices {
            let next = limbs[index] >> 63
            limbs[index] = limbs[index] << 1 | carry
            carry = next
        }
    }
}
