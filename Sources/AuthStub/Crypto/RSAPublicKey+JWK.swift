/// An RSA public key from its JWK members (RFC 7518 §6.3.1).
extension RSAPublicKey {
    /// The fewest and most bits of n: RS256 asks for 2048 or more (RFC 7518 §3.3); past 4096
    /// a signature costs more than a test should wait.
    static let modulusBits = 2048...4096

    /// The largest a member can be: a 4096-bit number and one leading zero byte, which some
    /// libraries write (RFC 7518 §6.3.1.1 asks them not to; it is accepted).
    static let maxMemberBytes = 4096 / 8 + 1

    /// n and e (RFC 7518 §6.3.1).
    init(jwk reader: JWKReader) throws(JWKError) {
        let n = try reader.integer("n", maxBytes: Self.maxMemberBytes)
        guard Self.modulusBits.contains(n.bitWidth) else {
            throw JWKError("n", "a \(n.bitWidth)-bit modulus; RS256 keys here have 2048 to 4096 bits (RFC 7518 §3.3)")
        }
        guard let modulus = MontgomeryModulus(n) else { throw JWKError("n", "an even number cannot be an RSA modulus") }
        let e = try reader.integer("e", maxBytes: Self.maxMemberBytes)
        guard e.isOdd, e > BigUInt(1), e < n else { throw JWKError("e", "must be odd, above 1 and below n") }
        self.init(modulus: modulus, exponent: e)
    }
}
