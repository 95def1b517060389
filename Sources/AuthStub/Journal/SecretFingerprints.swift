/// A server's key for fingerprints of secrets: made once per server, never shown. Random, or
/// for a seeded server drawn from its seed, so that twin seeded servers in one process give
/// equal `tokenID`s (their tokens are predictable from the seed anyway). A struct, copied into
/// every journal entry: as a class shared by the entries it took 16 bytes less of each, but
/// every request then retained and released one object from both event loops, and the server
/// answered about a tenth fewer logins a second under `wrk -c64`.
struct FingerprintKey: Sendable {
    private let first: UInt64
    private let second: UInt64

    init(seed: UInt64?) {
        var seeded = seed.map { SplitMix64(~$0) }
        var system = SystemRandomNumberGenerator()
        first = seeded?.next() ?? system.next()
        second = seeded?.next() ?? system.next()
    }

    /// A keyed hash of `value`: equal values give equal fingerprints under one key, and the
    /// value cannot be read back from it. Valid within this process only.
    func fingerprint(_ value: String) -> Int {
        var hasher = Hasher()
        hasher.combine(first)
        hasher.combine(second)
        hasher.combine(value)
        return hasher.finalize()
    }

    /// `JournalEntry.tokenID`: the fingerprint of `token` as 16 hex digits.
    func tokenID(_ token: String) -> String {
        let value = UInt64(bitPattern: Int64(fingerprint(token)))
        // 16 bytes: one string allocation, written in place (every journaled token gets one).
        return String(unsafeUninitializedCapacity: 16) { bytes in
            for index in 0..<16 {
                let digit = UInt8(truncatingIfNeeded: (value >> UInt64(60 - 4 * index)) & 0xF)
                bytes[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
            }
            return 16
        }
    }
}

/// Keyed fingerprints of the values a journal entry shows redacted, so that a filter given the
/// full value (a token, `Authorization: Bearer <token>`) still finds the entry. The values
/// themselves are not kept, and the fingerprints are never serialized: entries read back over
/// HTTP have none, and the server matches filters sent to it.
///
/// They take no part in equality: two entries that show the same are equal, even from twin
/// servers whose keys differ.
struct SecretFingerprints: Sendable, Equatable {
    /// The key the fingerprints were made with; nil when nothing was redacted.
    var key: FingerprintKey?
    /// Index in the entry's `headers` → the fingerprint of the value sent.
    var headers: [Int: Int] = [:]

    /// Whether `candidate` is the value that was redacted from the header at `index`.
    func matches(headerAt index: Int, _ candidate: String) -> Bool {
        guard let key, let header = headers[index] else { return false }
        return key.fingerprint(candidate) == header
    }

    static func == (lhs: SecretFingerprints, rhs: SecretFingerprints) -> Bool { true }
}

extension JournalEntry {
    /// Whether the request carried (or received) `candidate` as its token: as the entry shows
    /// it, or in full when the entry shows it shortened.
    func hasToken(_ candidate: String) -> Bool {
        guard let token else { return false }
        return token == candidate || (tokenID != nil && fingerprints.key?.tokenID(candidate) == tokenID)
    }

    /// Whether the request sent the header `name` (with `value`, when given: as the entry shows
    /// it, or the full value of one it shows redacted).
    func sentHeader(_ name: String, value: String?) -> Bool {
        headers.indices.contains { index in
            guard headers[index].name.lowercased() == name.lowercased() else { return false }
            guard let value else { return true }
            return headers[index].value == value || fingerprints.matches(headerAt: index, value)
        }
    }
}
