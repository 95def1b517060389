/// The tokens the server holds: every token that can still be used or re-enabled, and of those
/// that have ended, the ones that ended last (see `TokenStore+Sweep.swift`). Lives inside the
/// engine's lock; not thread-safe by itself.
struct TokenStore: Sendable {
    /// Token → record. Changed only by the store's own methods (the sweep is in another file).
    var records: [String: TokenRecord] = [:]
    private var generator: TokenGenerator
    private var issuedCount = 0
    /// Each service's idle timeout, for the sweep, `expireAll` and the control API's states.
    /// The engine keeps it in step with the fixtures.
    var idleLimits: [String: Int64] = [:]
    /// A sweep runs when an issue takes the store past this many records.
    var sweepThreshold = TokenStore.minimumSweepThreshold

    init(seed: UInt64?) {
        generator = TokenGenerator(seed: seed)
    }

    /// Issues a fresh token.
    mutating func issue(service: String, user: String, now: Int64, expiresAt: Int64? = nil, note: String? = nil) -> TokenRecord {
        var value = generator.next()
        while records[value] != nil { value = generator.next() }
        issuedCount += 1
        let record = TokenRecord(
            token: value,
            serial: issuedCount,
            service: service,
            user: user,
            issuedAt: now,
            lastUsedAt: now,
            expiresAt: expiresAt,
            note: note
        )
        records[value] = record
        sweepIfDue(now: now)
        return record
    }

    /// Makes `token` a fresh, active token of `service`, whatever it was before (a Pact
    /// provider state names the token its recorded requests carry).
    mutating func register(_ token: String, service: String, user: String, now: Int64) -> TokenRecord {
        issuedCount += 1
        let record = TokenRecord(token: token, serial: issuedCount, service: service, user: user, issuedAt: now, lastUsedAt: now)
        records[token] = record
        sweepIfDue(now: now)
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

    /// Expires the token now (control API, `tokenExpired` fault); false when it is unknown.
    @discardableResult
    mutating func expire(_ token: String, now: Int64) -> Bool {
        guard records[token] != nil else { return false }
        if records[token]?.forcedExpiredAt == nil { records[token]?.forcedExpiredAt = now }
        return true
    }

    /// Expires every token that could still be used; returns how many there were.
    mutating func expireAll(now: Int64) -> Int {
        var count = 0
        for (token, record) in records where record.refusal(now: now, idleLimit: idleLimits[record.service]) == nil {
            records[token]?.forcedExpiredAt = now
            count += 1
        }
        return count
    }

    /// Every record, in the order issued.
    var inIssueOrder: [TokenRecord] {
        records.values.sorted { $0.serial < $1.serial }
    }
}

/// Why a request's token was refused, in words a person understands.
struct TokenRefusal: Error, Sendable, Equatable {
    let reason: String
}
