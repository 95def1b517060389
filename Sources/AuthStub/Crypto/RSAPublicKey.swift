/// An RSA public key (n, e) that checks RSASSA-PKCS1-v1_5 SHA-256 signatures (RFC 8017 §8.2.2).
struct RSAPublicKey: Sendable {
    /// n, prepared for Montgomery arithmetic.
    let modulus: MontgomeryModulus
    /// e.
    let exponent: BigUInt

    /// The length of n, and of every signature, in bytes.
    var byteCount: Int { (modulus.modulus.bitWidth + 7) / 8 }

    /// Whether `signature` is this key's RSASSA-PKCS1-v1_5 SHA-256 signature of `message`: the
    /// signature re-encoded and compared whole, as RFC 8017 §8.2.2 step 3 asks (no parsing of the
    /// padding, so no padding tricks).
    func verifies(_ signature: [UInt8], of message: [UInt8]) -> Bool {
        guard signature.count == byteCount else { return false }
        let representative = BigUInt(bigEndian: signature)
        guard representative < modulus.modulus,
            let encoded = modulus.power(representative, exponent).bigEndianBytes(count: byteCount),
            let expected = EMSAPKCS1v15.encodeSHA256(message, length: byteCount)
        else { return false }
        return encoded == expected
    }
}
