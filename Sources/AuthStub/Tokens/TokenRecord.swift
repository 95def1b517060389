/// Where a token stands, as the control API reports it.
public enum TokenState: String, Sendable, Equatable, Codable, CaseIterable {
    case active
    case expired
    case revoked
    case disabled
}

/// A token as the store hands it out: a copy of its compact slot with the text filled in (the
/// store keeps `TokenSlot`s; see `TokenStore`).
struct TokenRecord: Sendable, Equatable {
    let token: String
    let kind: TokenKind
    let service: String
    let user: String
    let issuedAt: Int64
    let lastUsedAt: Int64
    /// The absolute expiry (`expirationTime`, or a lifetime counted from issue); for a token
    /// that ended for a recorded reason, when it ended. nil: none.
    let deadline: Int64?
    let enabled: Bool
    /// Why it ended, when it ended for a recorded reason (not on the clock).
    let recordedEnd: TokenEndReason?
    let note: String?
    /// The number of its family when the family has more than one member; nil for a token
    /// alone.
    var family: UInt32? = nil
    /// What its OAuth 2.0 grant said (client, scope, …); nil for a token no grant issued.
    var grant: TokenGrant?

    /// Why the token cannot be used now, or nil when it can. Checked in this order: a recorded
    /// end (logged out, expired on purpose, family or user revoked, evicted), past its absolute
    /// expiry ("regardless of enabled state", as the UserToken model says), disabled, idle too
    /// long.
    func refusal(now: Int64, idleLimit: Int64?) -> TokenRefusal? {
        if let recordedEnd {
            let words = recordedEnd == .rotated && kind == .authorizationCode ? "authorization code already redeemed" : recordedEnd.refusal
            return TokenRefusal(reason: words, cause: recordedEnd.cause)
        }
        if let deadline, now >= deadline { return TokenRefusal(reason: "past expirationTime", cause: .expired) }
        if !enabled { return TokenRefusal(reason: "token disabled", cause: .disabled) }
        if let idleLimit {
            let idle = now &- lastUsedAt
            if idle >= idleLimit {
                let words =
                    "token idle for \(DurationText.hoursMinutes(seconds: idle / 1000)) (limit \(DurationText.compact(seconds: idleLimit / 1000)))"
                return TokenRefusal(reason: words, cause: .expired)
            }
        }
        return nil
    }

    /// When the token stops (or stopped) being usable, as things stand: when it ended for a
    /// recorded reason, else the earlier of its absolute expiry and its idle end; nil while
    /// neither is set.
    func end(idleLimit: Int64?) -> Int64? {
        if recordedEnd != nil { return deadline }
        return [deadline, idleLimit.map { lastUsedAt &+ $0 }].compactMap { $0 }.min()
    }

    /// Why the token has ended as things stand, or nil while it can be used or re-enabled.
    func endReason(now: Int64, idleLimit: Int64?) -> TokenEndReason? {
        switch state(now: now, idleLimit: idleLimit) {
        case .active, .disabled: nil
        case .expired, .revoked: recordedEnd ?? .expired
        }
    }

    /// The state the control API shows, in the order of `refusal`.
    func state(now: Int64, idleLimit: Int64?) -> TokenState {
        if let recordedEnd { return recordedEnd.state }
        if let deadline, now >= deadline { return .expired }
        if !enabled { return .disabled }
        if let idleLimit, now &- lastUsedAt >= idleLimit { return .expired }
        return .active
    }
}
