/// HMAC with SHA-256 (RFC 2104, FIPS 198-1): the MAC behind JWS `HS256` (RFC 7518 §3.2).
package enum HMACSHA256 {
    /// The 32-byte authentication code of `message` under `key` (a key longer than SHA-256's
    /// 64-byte block is hashed first, RFC 2104 §2).
    package static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        var block = key.count > SHA256.blockSize ? SHA256.hash(key) : key
        block.append(contentsOf: repeatElement(0, count: SHA256.blockSize - block.count))
        let inner = SHA256.hash(block.map { $0 ^ 0x36 } + message)
        return SHA256.hash(block.map { $0 ^ 0x5c } + inner)
    }
}
