/// How many tokens the store keeps (`AuthStubServer.Options.tokenLimit`, `tokenLimitPerUser`).
///
/// A live token is one that has not ended: usable, disabled, or not yet noticed past its end on
/// the clock. When an issue would take a user (of one service) past `perUser` live tokens,
/// that user's least recently used token is evicted; when it would take the server past `live`,
/// the server's least recently used token is. A token already past its end on the clock goes
/// as `expired` instead. Ended tokens are kept only as a history of the `retainedEnded` that
/// ended last, so a client using a token it just lost still hears why.
struct TokenLimits: Sendable, Equatable {
    /// The default `live`.
    static let defaultLive = 100_000
    /// The default `perUser`.
    static let defaultPerUser = 10_000
    /// The largest limit accepted (slots are numbered in 32 bits).
    static let maximum = 100_000_000
    /// Ended tokens kept.
    static let retainedEnded = 1_000

    /// Live tokens the server holds at most.
    var live = defaultLive
    /// Live tokens one user of one service holds at most.
    var perUser = defaultPerUser

    init(live: Int = defaultLive, perUser: Int = defaultPerUser) {
        self.live = min(max(live, 1), Self.maximum)
        self.perUser = min(max(perUser, 1), Self.maximum)
    }
}
