/// The account side of a login: its user's state (`locked`, `disabled`, `passwordExpired`) and
/// the service's lockout after wrong passwords. Only a user of the service's user list has an
/// account; logins naming anyone else are checked for their password alone.
extension Engine {
    /// The presented pair of `input` that names a user of the service's user list, when that
    /// user exists.
    func accountHolder(of input: LoginInput, users: [String: UserAccount]) -> PresentedCredentials? {
        guard let pair = input.presented.first(where: { $0.check.accounts == CredentialCheck.userList }), users[pair.username] != nil else {
            return nil
        }
        return pair
    }

    /// A locked or disabled account, asked before the password so that the answer does not
    /// tell whether the password was right; nil when the login goes on. `holder` is the login's
    /// `accountHolder(of:users:)`.
    func accountRefusalBeforePassword(_ holder: PresentedCredentials?, service: ServiceFixture, now: Int64, state: EngineState) -> Refusal? {
        guard let holder else { return nil }
        let standing = state.accounts.standing(service: service.name, user: holder.username, now: now)
        switch standing.state {
        case .locked:
            return Refusal(.accountLocked, "the account is locked", reason: Self.lockReason(holder.username, standing)).naming(holder.check)
        case .disabled:
            return Refusal(.accountDisabled, "the account is disabled", reason: "account \(holder.username) is disabled").naming(holder.check)
        default:
            return nil
        }
    }

    /// An expired password, asked once the password proved right; nil when the login goes on.
    /// `holder` is the login's `accountHolder(of:users:)`.
    func accountRefusalAfterPassword(_ holder: PresentedCredentials?, service: ServiceFixture, now: Int64, state: EngineState) -> Refusal? {
        guard let holder, state.accounts.standing(service: service.name, user: holder.username, now: now).state == .passwordExpired
        else { return nil }
        return Refusal(.passwordExpired, "the password has expired", reason: "the password of account \(holder.username) has expired")
            .naming(holder.check)
    }

    /// Counts the login towards its service's lockout, under the lock, once it was decided: a
    /// wrong password of a known user counts (reaching the limit locks the account, and the
    /// journal's reason says so), a success starts the count afresh. Logins refused for
    /// anything else, or naming an unknown user, leave the count alone.
    func countLogin(_ preparation: Preparation, route: MatchedRoute, succeeded: Bool, state: inout EngineState, decision: inout Decision) {
        guard let rule = route.service.lockout, case .login(.success(let input)) = preparation.credentials else { return }
        let users = state.users[route.service.name] ?? [:]
        guard let holder = accountHolder(of: input, users: users) else { return }
        let service = route.service.name
        if succeeded {
            state.accounts.recordSuccess(service: service, user: holder.username, now: decision.now)
            return
        }
        guard decision.refusal == .badCredentials, decision.refusalReason == .wrong, users[holder.username]?.password != holder.password else {
            return
        }
        let standing = state.accounts.recordWrongPassword(service: service, user: holder.username, rule: rule, now: decision.now)
        if standing.state == .locked {
            decision.reason = (decision.reason ?? "") + "; " + Self.lockReason(holder.username, standing, now: true)
        }
    }

    /// Why a locked account is refused, in words: "account ada is locked until
    /// 2026-11-23T10:15:00+00:00 after 5 wrong passwords"; `now` for the login that locked it
    /// ("is now locked").
    static func lockReason(_ user: String, _ standing: AccountStandings.Standing, now: Bool = false) -> String {
        let until = standing.lockedUntil.map { "until \(RFC3339.string(milliseconds: $0))" } ?? "until unlocked"
        let cause = standing.failedLogins > 0 ? "after \(standing.failedLogins) wrong passwords" : "by the control API"
        return "account \(user) is \(now ? "now " : "")locked \(until) \(cause)"
    }
}
