/// EMSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §9.2): the padded message RS256 signs, the same
/// every time for the same input (RSASSA-PKCS1-v1_5 is deterministic).
enum EMSAPKCS1v15 {
    /// 0x00 0x01, 0xff bytes, 0x00, SHA-256's DigestInfo prefix (RFC 8017 §9.2, note 1) and the
    /// digest of `message`, `length` bytes in all; nil when `length` leaves fewer than 8 bytes of
    /// 0xff (§9.2 step 3: "intended encoded message length too short").
    static func encodeSHA256(_ message: [UInt8], length: Int) -> [UInt8]? {
        let digestInfo = digestInfoPrefix + SHA256.hash(message)
        guard length >= digestInfo.count + 11 else { return nil }
        return [0x00, 0x01] + [UInt8](repeating: 0xff, count: length - digestInfo.count - 3) + [0x00] + digestInfo
    }

    /// The DER of DigestInfo's AlgorithmIdentifier for id-sha256, up to the digest's octet string header.
    private static let digestInfoPrefix: [UInt8] = [
        0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
    ]
}
