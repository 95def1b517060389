/// An RSA private key in CRT form, signing RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2.1);
/// `RSAPrivateKey+JWK` reads and checks one.
struct RSAPrivateKey: Sendable {
    /// n and e.
    let publicKey: RSAPublicKey
    /// The first prime, p.
    let p: MontgomeryModulus
    /// The second prime, q.
    let q: MontgomeryModulus
    /// d mod (p − 1).
    let dp: BigUInt
    /// d mod (q − 1).
    let dq: BigUInt
    /// q⁻¹ mod p.
    let qi: BigUInt

    /// The signature of `message`, as many bytes as n (RSASSA-PKCS1-V1_5-SIGN: EMSA-PKCS1-v1_5
    /// encoding, then RSASP1 by the Chinese remainder theorem, RFC 8017 §5.1.2 step 2.b).
    func sign(_ message: [UInt8]) -> [UInt8] {
        let length = publicKey.byteCount
        // A key is at least 2048 bits (RSAPrivateKey+JWK), far above the encoding's minimum.
        guard let encoded = EMSAPKCS1v15.encodeSHA256(message, length: length) else { return [] }
        let representative = BigUInt(bigEndian: encoded)
        let s1 = p.power(representative, dp)
        let s2 = q.power(representative, dq)
        let s2ModP = s2 % p.modulus
        let difference = s1 >= s2ModP ? s1 - s2ModP : p.modulus - (s2ModP - s1)
        let h = p.product(difference, qi)
        let signature = s2 + q.modulus * h
        return signature.bigEndianBytes(count: length) ?? []
    }
}
