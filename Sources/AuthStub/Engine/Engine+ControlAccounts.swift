import Foundation

/// The control operations on users' account states (`POST /__control/users/state`, and the
/// state `POST /__control/users` sets).
extension Engine {
    /// Puts a known user's account in `change.state` and answers the user as listings show it
    /// (password redacted); 404 for an unknown service or user, 400 for a `lockedUntil` without
    /// `locked` or not after the server clock's now.
    func setAccountState(_ change: AccountStateChange) throws(ControlError) -> ServiceUser {
        guard fixtures.services.contains(where: { $0.name == change.service }) else {
            throw .notFound("no service \"\(change.service)\"", field: "service")
        }
        let lockedUntil = try Self.lockEnd(change.lockedUntil, state: change.state)
        let real = wallClockMilliseconds()
        let user: ServiceUser? = try state.withLock { (state: inout EngineState) throws(ControlError) -> ServiceUser? in
            guard let account = state.users[change.service]?[change.username] else { return nil }
            let now = state.clock.now(real: real)
            try Self.apply(
                change.state,
                lockedUntil: lockedUntil,
                failedLogins: 0,
                service: change.service,
                user: change.username,
                now: now,
                state: &state
            )
            return Self.listed(change.username, account, service: change.service, showingPassword: false, now: now, state: state)
        }
        guard let user else { throw .notFound("service \"\(change.service)\" has no user \"\(change.username)\"", field: "username") }
        return user
    }

    /// `user` as listings show it: its account's standing at `now`, its password redacted
    /// unless `showingPassword`.
    static func listed(_ user: String, _ account: UserAccount, service: String, showingPassword: Bool, now: Int64, state: EngineState) -> ServiceUser
    {
        let standing = state.accounts.standing(service: service, user: user, now: now)
        return ServiceUser(
            service: service,
            username: user,
            password: showingPassword ? account.password : Redaction.placeholder,
            data: account.data,
            state: standing.state,
            lockedUntil: standing.lockedUntil.map(ServerTime.date),
            failedLogins: standing.failedLogins
        )
    }

    /// A lock's end as an instant, checked: only `locked` has one.
    static func lockEnd(_ date: Date?, state: AccountState) throws(ControlError) -> Int64? {
        guard let date else { return nil }
        guard state == .locked else { throw .badInput("lockedUntil goes only with the state \"locked\"", field: "lockedUntil") }
        guard let instant = ServerTime.instant(date) else {
            throw .badInput("lockedUntil lies outside the clock's years (1970 to 9999)", field: "lockedUntil")
        }
        return instant
    }

    /// Sets a known user's standing under the lock; disabling the account ends the user's
    /// tokens (so they are refused as revoked).
    static func apply(
        _ accountState: AccountState,
        lockedUntil: Int64?,
        failedLogins: Int,
        service: String,
        user: String,
        now: Int64,
        state: inout EngineState
    ) throws(ControlError) {
        if let lockedUntil, lockedUntil <= now {
            throw .badInput("lockedUntil must be after the server clock's now (\(RFC3339.string(milliseconds: now)))", field: "lockedUntil")
        }
        state.accounts.set(accountState, lockedUntil: lockedUntil, failedLogins: failedLogins, service: service, user: user)
        if accountState == .disabled { _ = state.tokens.revokeAll(service: service, user: user, now: now) }
    }
}
