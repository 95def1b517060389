/// Where a token stands, as the control API reports it.
public enum TokenState: String, Sendable, Equatable, Codable, CaseIterable {
    case active
    case expired
    case revoked
    case disabled
}

/// A token issued by a login (or minted through the control API).
struct TokenRecord: Sendable, Equatable {
    let token: String
    /// Issue order within the server, for listing.
    let serial: Int
    let service: String
    let user: String
    let issuedAt: Int64
    var lastUsedAt: Int64
    /// An absolute expiry the login asked for (`expirationTime`).
    var expiresAt: Int64?
    var enabled = true
    /// When it was logged out.
    var revokedAt: Int64?
    /// When it was expired on purpose (control API or fault).
    var forcedExpiredAt: Int64?
    var note: String?

    /// Why the token cannot be used now, or nil when it can. Checked in this order: logged
    /// out, expired on purpose, past `expirationTime` ("regardless of enabled state", as the
    /// UserToken model says), disabled, idle too long.
    func refusal(now: Int64, idleLimit: Int64?) -> String? {
        if revokedAt != nil { return "token logged out" }
        if forcedExpiredAt != nil { return "token expired" }
        if let expiresAt, now >= expiresAt { return "past expirationTime" }
        if !enabled { return "token disabled" }
        if let idleLimit {
            let idle = now &- lastUsedAt
            if idle >= idleLimit {
                return "token idle for \(DurationText.hoursMinutes(seconds: idle / 1000)) (limit \(DurationText.compact(seconds: idleLimit / 1000)))"
            }
        }
        return nil
    }

    /// When the token stops (or stopped) being usable, as things stand: the earliest of its
    /// logout, forced expiry, `expirationTime` and idle end; nil while none of them is set.
    func end(idleLimit: Int64?) -> Int64? {
        [revokedAt, forcedExpiredAt, expiresAt, idleLimit.map { lastUsedAt &+ $0 }].compactMap { $0 }.min()
    }

    /// The state the control API shows.
    func state(now: Int64, idleLimit: Int64?) -> TokenState {
        if revokedAt != nil { return .revoked }
        if forcedExpiredAt != nil { return .expired }
        if let expiresAt, now >= expiresAt { return .expired }
        if !enabled { return .disabled }
        if let idleLimit, now &- lastUsedAt >= idleLimit { return .expired }
        return .active
    }
}
