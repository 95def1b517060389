/// An RSA private key from its JWK members (RFC 7518 §6.3.2).
extension RSAPrivateKey {
    /// n, e and the private members `d`, `p`, `q`, `dp`, `dq`, `qi` (RFC 7518 §6.3.2), checked
    /// against each other: p × q = n, e × dp ≡ 1 mod (p − 1), e × dq ≡ 1 mod (q − 1),
    /// qi × q ≡ 1 mod p. Keys with more than two primes (`oth`) are refused.
    init(jwk reader: JWKReader) throws(JWKError) {
        let publicKey = try RSAPublicKey(jwk: reader)
        let n = publicKey.modulus.modulus
        let e = publicKey.exponent
        guard reader.jwk["oth"] == nil else { throw JWKError("oth", "keys with more than two primes are not supported") }
        let size = RSAPublicKey.maxMemberBytes
        let d = try reader.integer("d", maxBytes: size)
        guard d < n else { throw JWKError("d", "must be below n") }
        let pNumber = try reader.integer("p", maxBytes: size)
        let qNumber = try reader.integer("q", maxBytes: size)
        guard let p = MontgomeryModulus(pNumber) else { throw JWKError("p", "must be an odd prime") }
        guard let q = MontgomeryModulus(qNumber) else { throw JWKError("q", "must be an odd prime") }
        guard pNumber * qNumber == n else { throw JWKError("n", "is not p × q: the members come from different keys") }
        let dp = try reader.integer("dp", maxBytes: size)
        guard dp < pNumber, (e * dp) % (pNumber - BigUInt(1)) == BigUInt(1) else {
            throw JWKError("dp", "is not d mod (p − 1): e × dp ≢ 1 mod (p − 1)")
        }
        let dq = try reader.integer("dq", maxBytes: size)
        guard dq < qNumber, (e * dq) % (qNumber - BigUInt(1)) == BigUInt(1) else {
            throw JWKError("dq", "is not d mod (q − 1): e × dq ≢ 1 mod (q − 1)")
        }
        let qi = try reader.integer("qi", maxBytes: size)
        guard qi < pNumber, p.product(qi, qNumber % pNumber) == BigUInt(1) else {
            throw JWKError("qi", "is not the inverse of q mod p")
        }
        self.init(publicKey: publicKey, p: p, q: q, dp: dp, dq: dq, qi: qi)
    }
}
