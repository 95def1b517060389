/// Forgetting tokens that have ended, so a long-running server's memory stays bounded.
///
/// A token has ended when the control API would list it as `revoked` or `expired`: logged out,
/// expired on purpose, past its `expirationTime`, or idle past its service's limit on the
/// server clock. Tokens listed as `active` or `disabled` are never swept. Of the ended tokens
/// the `retainedEnded` that ended most recently on the server clock stay (ties go to the later
/// issued), so a client that uses a token it just lost still hears why ("token logged out",
/// "token expired") and the token list still shows it; older ones are forgotten and answer
/// "unknown token", even if the clock is later set back before their end.
///
/// The sweep is amortised: it runs only when an issue takes the store past `sweepThreshold`,
/// which is then set to twice what the sweep left (never below `minimumSweepThreshold`), so at
/// least half as many issues as the sweep looked at pass before the next one. It depends only
/// on the store and the clock, so seeded runs on a frozen clock stay byte for byte the same.
extension TokenStore {
    /// How many ended tokens a sweep keeps (those that ended last).
    static let retainedEnded = 1_000
    /// The store never sweeps below this many records.
    static let minimumSweepThreshold = 2 * retainedEnded

    /// Sweeps when the store has grown past its threshold.
    mutating func sweepIfDue(now: Int64) {
        guard records.count > sweepThreshold else { return }
        sweep(now: now)
    }

    /// Forgets every ended token but the `retainedEnded` that ended last, then sets the next
    /// threshold.
    mutating func sweep(now: Int64) {
        var ended: [(end: Int64, serial: Int, token: String)] = []
        for record in records.values {
            let idleLimit = idleLimits[record.service]
            switch record.state(now: now, idleLimit: idleLimit) {
            case .revoked, .expired: ended.append((record.end(idleLimit: idleLimit) ?? now, record.serial, record.token))
            case .active, .disabled: break
            }
        }
        if ended.count > Self.retainedEnded {
            ended.sort { ($0.end, $0.serial) > ($1.end, $1.serial) }
            for old in ended[Self.retainedEnded...] { records[old.token] = nil }
        }
        sweepThreshold = max(Self.minimumSweepThreshold, 2 * records.count)
    }
}
