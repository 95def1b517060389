/// Reads the members of one JWK (RFC 7517 §4, RFC 7518 §6), each mistake a `JWKError` naming the member.
struct JWKReader {
    /// The JWK.
    let jwk: JSONObject

    /// The member as a string; nil when absent.
    func string(_ member: String) throws(JWKError) -> String? {
        guard let value = jwk[member] else { return nil }
        guard case .string(let text) = value else { throw JWKError(member, "expected a string, found \(value.typeName)") }
        return text
    }

    /// The member as a non-empty string.
    func requiredString(_ member: String) throws(JWKError) -> String {
        guard let text = try string(member) else { throw JWKError(member, "missing") }
        guard !text.isEmpty else { throw JWKError(member, "must not be empty") }
        return text
    }

    /// The bytes of a base64url member (RFC 7518 §2 "Base64urlUInt" and `k`), at most `maxBytes`.
    func bytes(_ member: String, maxBytes: Int) throws(JWKError) -> [UInt8] {
        let text = try requiredString(member)
        // Checked before decoding: no work in proportion to an oversized member.
        guard text.utf8.count <= (maxBytes * 4 + 2) / 3 else { throw JWKError(member, "longer than \(maxBytes) bytes") }
        guard let bytes = Base64URL.decode(text[...]) else {
            throw JWKError(member, "not base64url without padding (RFC 7515 §2: A-Z a-z 0-9 - _)")
        }
        return bytes
    }

    /// A Base64urlUInt member (RFC 7518 §2) as a number of at most `maxBytes` bytes.
    func integer(_ member: String, maxBytes: Int) throws(JWKError) -> BigUInt {
        let number = BigUInt(bigEndian: try bytes(member, maxBytes: maxBytes))
        guard !number.isZero else { throw JWKError(member, "must not be zero") }
        return number
    }

    /// An HS256 key's secret, `k` (RFC 7518 §6.4.1): at least 32 bytes, since "a key of the same
    /// size as the hash output (for instance, 256 bits for "HS256") or larger MUST be used"
    /// (RFC 7518 §3.2); at most 1024.
    func hmacSecret() throws(JWKError) -> [UInt8] {
        let secret = try bytes("k", maxBytes: 1024)
        guard secret.count >= 32 else { throw JWKError("k", "\(secret.count) bytes; HS256 needs at least 32 (RFC 7518 §3.2)") }
        return secret
    }
}
