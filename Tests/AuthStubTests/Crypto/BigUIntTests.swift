import Testing

@testable import AuthStub

@Suite("The big integer under RSA (values from Python's integers)")
struct BigUIntTests {
    /// The number written in hexadecimal.
    static func number(_ text: String) -> BigUInt {
        let digits = text.count % 2 == 0 ? text : "0" + text
        return BigUInt(bigEndian: bytes(hex: digits))
    }

    /// 2^200 + 12345 and the Mersenne prime 2^127 − 1.
    static let large = BigUInt(limbs: [12345, 0, 0, 1 << 8])
    static let mersenne = number("7fffffffffffffffffffffffffffffff")

    @Test("products, remainders and powers")
    func arithmetic() throws {
        #expect(Self.large % Self.mersenne == Self.number("2000000000000003039"))
        #expect(Self.large * Self.mersenne == Self.number("7fffffffffffffffffffffffffffffff00000000000000181c7fffffffffffffffffffffffffffcfc7"))
        let modulus = try #require(MontgomeryModulus(Self.mersenne))
        let exponent = BigUInt(limbs: [1, 0]) + BigUInt(limbs: [0, 1 << 36])
        #expect(modulus.power(BigUInt(3), exponent) == Self.number("19ac143ecf34d00a32a0fde1bf982e76"))
        let single = try #require(MontgomeryModulus(Self.number("ffffffffffffffc5")))
        #expect(single.power(Self.number("fedcba9876543210fedcba9876543210fedcba98"), BigUInt(1)) == Self.number("bbbbc9854320feb1"))
        #expect(modulus.power(BigUInt(5), BigUInt(limbs: [])) == BigUInt(1))
    }

    @Test("bytes in and out, with leading zeros")
    func bytesRoundTrip() {
        let value = BigUInt(bigEndian: [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(value.limbs == [0x0203_0405_0607_0809, 1])
        #expect(value.bitWidth == 57 + 8)
        #expect(value.bigEndianBytes(count: 12) == [0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(value.bigEndianBytes(count: 8) == nil)
        #expect(BigUInt(bigEndian: []).isZero)
    }

    @Test("edge cases answer without trapping: division by zero, even moduli, a negative difference")
    func noTraps() {
        #expect(Self.large % BigUInt(limbs: []) == BigUInt(limbs: []))
        #expect(MontgomeryModulus(BigUInt(10)) == nil)
        #expect(MontgomeryModulus(BigUInt(1)) == nil)
        #expect((BigUInt(1) - BigUInt(2)).limbs == [UInt64.max])
        #expect(Self.large.shiftedRight(by: 1000).isZero)
        #expect(Self.large.shiftedRight(by: 200) == BigUInt(1))
    }
}
