/// Keeping within `TokenLimits`: before a token is added, the least recently used live token of
/// its user, then of the server, goes while either limit is reached. One the clock has already
/// ended goes as `expired` (it was never in use); any other as `evicted`, counted in
/// `ServerStatus.tokenCounts`. The caller trims the history after.
extension TokenStore {
    /// Makes room for one more live token of `principal`.
    mutating func makeRoom(for principal: UInt32, now: Int64) {
        while principals.entries[Int(principal)].live.count >= limits.perUser {
            evict(principals.entries[Int(principal)].live.head, now: now)
        }
        while live.count >= limits.live {
            evict(live.head, now: now)
        }
    }

    private mutating func evict(_ slot: UInt32, now: Int64) {
        if clockHasEnded(slot, now: now) {
            moveToHistory(slot)
        } else {
            end(slot, .evicted, now: now)
            evicted += 1
        }
    }
}
