/// Every token the server issued. Lives inside the engine's lock; not thread-safe by itself.
struct TokenStore: Sendable {
    private(set) var records: [String: TokenRecord] = [:]
    private var generator: TokenGenerator

    init(seed: UInt64?) {
        generator = TokenGenerator(seed: seed)
    }

    /// Issues a fresh token.
    mutating func issue(service: String, user: String, now: Int64, expiresAt: Int64? = nil, note: String? = nil) -> TokenRecord {
        var value = generator.next()
        while records[value] != nil { value = generator.next() }
        let record = TokenRecord(token: value, service: service, user: user, issuedAt: now, lastUsedAt: now,
                                 expiresAt: expiresAt, note: note)
        records[value] = record
        return record
    }

    /// The token for `service`, or why it cannot be used.
    func validate(_ token: String?, service: String, now: Int64, idleLimit: Int64?) -> Result<TokenRecord, TokenRefusal> {
        guard let token, !token.isEmpty else { return .failure(TokenRefusal(reason: "missing token")) }
        guard let record = records[token], record.service == service else { return .failure(TokenRefusal(reason: "unknown token")) }
        if let reason = record.refusal(now: now, idleLimit: idleLimit) { return .failure(TokenRefusal(reason: reason)) }
        return .success(record)
    }

    /// Records a successful use: the idle timer starts again.
    mutating func touch(_ token: String, now: Int64) {
        records[token]?.lastUsedAt = now
    }

    /// Disables or re-enables the token.
    mutating func setEnabled(_ token: String, _ enabled: Bool) {
        records[token]?.enabled = enabled
    }

    /// Logs the token out.
    mutating func revoke(_ token: String, now: Int64) {
        records[token]?.revokedAt = now
    }

    /// Forgets every token.
    mutating func removeAll() {
        records.removeAll()
    }
}

/// Why a request's token was refused, in words a person understands.
struct TokenRefusal: Error, Sendable, Equatable {
    let reason: String
}
