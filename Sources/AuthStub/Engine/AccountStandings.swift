/// The account states and wrong-password counts of a server's users, by service and username.
/// Part of the engine's state: `reset` forgets them. Only users of a service's user list get an
/// entry, and only while they are not plainly active with no wrong passwords; failure counts
/// start for at most ``maximumCounted`` users per service.
struct AccountStandings: Sendable {
    /// One user's standing.
    struct Standing: Sendable, Equatable {
        /// The state set (or reached by the lockout); `locked` ends at `lockedUntil`.
        var state = AccountState.active
        /// When a lock ends, on the server clock; nil: it holds until unlocked.
        var lockedUntil: Int64?
        /// Wrong passwords in a row since the last success, lock or unlock.
        var failedLogins = 0
        /// The state a lock returns to once its time has passed: a lockout keeps an expired
        /// password expired.
        var stateAfterLock = AccountState.active

        /// Whether it says nothing an absent entry would not.
        var isPlain: Bool { state == .active && failedLogins == 0 }
    }

    /// The most users per service whose wrong passwords are counted at once: usernames come from
    /// outside, so the count stops growing there (users past it are not counted until a reset,
    /// another user's success or unlock, or a lock whose time has passed frees room).
    static let maximumCounted = 10_000

    /// service → username → standing.
    private var standings: [String: [String: Standing]] = [:]
    private let maximumCounted: Int

    init(maximumCounted: Int = Self.maximumCounted) {
        self.maximumCounted = maximumCounted
    }

    /// `user`'s standing at `now`: a lock whose time has passed reads as active with no
    /// failures.
    func standing(service: String, user: String, now: Int64) -> Standing {
        guard let standing = standings[service]?[user] else { return Standing() }
        return isOver(standing, now: now) ? Standing(state: standing.stateAfterLock) : standing
    }

    /// Whether `standing` is a lock whose time has passed at `now` (the account is active again).
    private func isOver(_ standing: Standing, now: Int64) -> Bool {
        guard standing.state == .locked, let until = standing.lockedUntil else { return false }
        return now >= until
    }

    /// How many users of `service` have an entry.
    func count(service: String) -> Int { standings[service]?.count ?? 0 }

    /// Puts `user` in `state` (a lock until `lockedUntil`, nil: until unlocked) with
    /// `failedLogins` wrong passwords counted.
    mutating func set(_ state: AccountState, lockedUntil: Int64?, failedLogins: Int, service: String, user: String) {
        store(Standing(state: state, lockedUntil: state == .locked ? lockedUntil : nil, failedLogins: failedLogins), service: service, user: user)
    }

    /// Counts a wrong password of `user` (active or password-expired) at `now`; reaching
    /// `rule.after` locks the account. Returns the standing after it; a user past the cap stays
    /// uncounted.
    mutating func recordWrongPassword(service: String, user: String, rule: LockoutRule, now: Int64) -> Standing {
        var standing = standing(service: service, user: user, now: now)
        if standings[service]?[user] == nil, count(service: service) >= maximumCounted {
            // Full: locks whose time has passed give their room back first.
            standings[service] = standings[service]?.filter { !isOver($0.value, now: now) }
            guard count(service: service) < maximumCounted else { return standing }
        }
        standing.failedLogins += 1
        if standing.failedLogins >= rule.after {
            standing = Standing(
                state: .locked,
                lockedUntil: rule.lockMilliseconds.map { now &+ $0 },
                failedLogins: standing.failedLogins,
                stateAfterLock: standing.state
            )
        }
        store(standing, service: service, user: user)
        return standing
    }

    /// A login of `user` that succeeded: the wrong-password count starts afresh (and a lock
    /// whose time has passed gives its room back).
    mutating func recordSuccess(service: String, user: String, now: Int64) {
        guard standings[service]?[user] != nil else { return }
        var standing = standing(service: service, user: user, now: now)
        standing.failedLogins = 0
        store(standing, service: service, user: user)
    }

    private mutating func store(_ standing: Standing, service: String, user: String) {
        if standing.isPlain {
            standings[service]?[user] = nil
        } else {
            standings[service, default: [:]][user] = standing
        }
    }
}
