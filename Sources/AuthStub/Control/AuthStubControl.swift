public import Foundation

/// Every control operation, as typed `async` methods. The in-process `AuthStubServer` carries
/// them out directly; `ControlClient` sends them to a server in another process over the
/// control API. A test written against this protocol runs against either.
///
/// Refusals throw `ControlError` (400 naming the field, 404 for an unknown id) from both.
public protocol AuthStubControl: Sendable {
    /// Version, services, fixture count, clock, journal size.
    func status() async throws -> ServerStatus
    /// Forgets tokens, faults, journal, fixtures and users added at run time, deprecation
    /// changes, the rate limits' counts, and account states and wrong-password counts; the clock
    /// goes back to real time. A seeded server issues its first token again.
    func reset() async throws

    /// Installs a fault after the ones already there; a 409 `ControlError` beyond 1,000,000
    /// live faults or 64 MiB of fault bodies, headers and matches.
    @discardableResult
    func addFault(_ fault: Fault) async throws -> InstalledFault
    /// Up to `limit` faults (nil: all), in the order they were added, after the fault with id
    /// `after` (nil: from the first; the `next` of the previous page): every live fault and the
    /// last 1,000 spent ones (with `remaining` 0). A 400 `ControlError` when `limit` is below 1
    /// or `after` is not the id of a fault the server lists.
    func faults(limit: Int?, after: String?) async throws -> FaultPage
    /// Removes one fault; a 404 `ControlError` when there is no such id.
    func removeFault(id: String) async throws
    /// Removes every fault.
    func clearFaults() async throws

    /// Up to `limit` tokens the server holds (nil: all), oldest first, after the token `after`
    /// (nil: from the first; the `next` of the previous page): all that are `active` or
    /// `disabled`, and of those that are `revoked` or `expired` at least the 1,000 that ended
    /// last on the server clock (older ones are swept from time to time, and then answer
    /// "unknown token"). A 400 `ControlError` when `limit` is below 1 or `after` is a token
    /// the server does not hold.
    func tokens(limit: Int?, after: String?) async throws -> TokenPage
    /// A valid token for `user` (the service's first user when nil), without a login call.
    func mintToken(service: String, user: String?) async throws -> TokenInfo
    /// Expires one token now, or with `family` every token of its family that has not ended
    /// yet (end reason `forced`); returns the token as it stands after. A 404 `ControlError`
    /// for a token the server does not hold.
    @discardableResult
    func expireToken(_ token: String, family: Bool) async throws -> TokenInfo
    /// Revokes one token (end reason `loggedOut`, as a logout or an RFC 7009 revocation does),
    /// or with `family` every token of its family that has not ended yet (`familyRevoked`);
    /// returns the token as it stands after. A 404 `ControlError` for a token the server does
    /// not hold.
    @discardableResult
    func revokeToken(_ token: String, family: Bool) async throws -> TokenInfo
    /// Expires every token now; returns how many were still usable.
    @discardableResult
    func expireAllTokens() async throws -> Int
    /// Ends every token of `user` on `service` (end reason `userRevoked`), as a logout with
    /// `"revokes": "user"` does; returns how many it ended. A 404 `ControlError` for an unknown
    /// service.
    @discardableResult
    func revokeTokens(service: String, user: String) async throws -> Int
    /// Disables a token (`false`) or enables it again.
    @discardableResult
    func setToken(_ token: String, enabled: Bool) async throws -> TokenInfo

    /// The server clock.
    func clock() async throws -> ClockStatus
    /// Sets, advances and/or freezes the server clock.
    @discardableResult
    func changeClock(_ change: ClockChange) async throws -> ClockStatus

    /// Up to `limit` journal entries (nil: all) that pass `filter`, oldest first, after the
    /// entry with id `after` (nil: from the oldest; the `next` of the previous page), with the
    /// journal's counts of dropped and cut entries. A 400 `ControlError` when `limit` is below 1.
    func requests(_ filter: JournalFilter, limit: Int?, after: Int?) async throws -> JournalPage
    /// How many journal entries pass `filter`.
    func countRequests(_ filter: JournalFilter) async throws -> Int
    /// Empties the journal.
    func clearRequests() async throws
    /// Runs the auth-aware `checks` (empty: `AuthCheck.all`) over the journal and reports which
    /// held and, for each that did not, the requests that broke it (`POST /__control/verify`).
    /// The report's `passed` is false when the journal dropped requests.
    func checkRequests(_ checks: [AuthCheck]) async throws -> AuthCheckReport

    /// Every deprecated route and its phase now.
    func deprecations() async throws -> [DeprecationInfo]
    /// Moves a deprecated route to another phase.
    @discardableResult
    func setDeprecation(_ change: DeprecationChange) async throws -> DeprecationInfo

    /// Every served endpoint.
    func fixtureSummaries() async throws -> [FixtureSummary]
    /// Adds fixtures while the server runs; returns the endpoints added.
    @discardableResult
    func addFixtures(_ addition: FixtureAddition) async throws -> [FixtureSummary]
    /// Reads the fixture folders again. A set with problems is refused (status 422, every
    /// problem in the message) and the old set stays.
    @discardableResult
    func reloadFixtures() async throws -> [FixtureSummary]

    /// The users each service's login accepts; their passwords read `[redacted]` unless
    /// `showingPasswords` asks for them.
    func users(showingPasswords: Bool) async throws -> [ServiceUser]
    /// Adds a user, or changes an existing user's password (and sets its account's state).
    @discardableResult
    func setUser(_ user: ServiceUser) async throws -> ServiceUser
    /// Puts a user's account in a state (`locked`, `passwordExpired`, `disabled`, or `active`
    /// to unlock it); returns the user as listings show it. Disabling ends the user's tokens.
    @discardableResult
    func setAccountState(_ change: AccountStateChange) async throws -> ServiceUser

    /// The one-time code waiting for `user`'s login to `service` (fixture key `oneTimeCode`);
    /// a 404 ``ControlError`` when none is waiting.
    func oneTimeCode(service: String, user: String) async throws -> OneTimeCodeInfo
    /// Sets the one-time code `user`'s login to `service` must send, or with `code` nil makes
    /// one as a login would; it lives the service's code lifetime from now.
    @discardableResult
    func setOneTimeCode(service: String, user: String, code: String?) async throws -> OneTimeCodeInfo

    /// The journal's interactions answered by documented examples, as a Pact v3 file.
    func pact(consumer: String, provider: String) async throws -> JSONValue
    /// Sets up a Pact provider state for `service` (a Pact verifier's state-change call), with
    /// the recorded `token` when given; returns the token the state is about (empty for the
    /// user states, which concern none).
    @discardableResult
    func setUpProviderState(_ state: PactProviderState, service: String, token: String?, user: String?) async throws -> String

    /// The keys that sign `service`'s JWTs (fixture key `signingKeys`), without their private
    /// members; a 404 ``ControlError`` for an unknown service.
    func signingKeys(service: String) async throws -> [SigningKeyInfo]
    /// Signs `service`'s JWTs from now on with `jwk` (a private JWK, added), the key named `kid`,
    /// or (both nil) the next key of its algorithm; the old key stays published. Returns the
    /// key that signs now.
    @discardableResult
    func rotateSigningKey(service: String, kid: String?, jwk: JSONObject?) async throws -> SigningKeyInfo
    /// Stops publishing the key `kid` at `{{jwks}}`; a 409 ``ControlError`` while it signs.
    func unpublishSigningKey(_ kid: String) async throws
    /// Adds `claims` to the next `count` JWTs `service` issues (they override the others of the
    /// same name); at most 100 such sets wait per service.
    func queueClaims(_ claims: JSONObject, service: String, count: Int) async throws
    /// Shifts the times written into `service`'s tokens (`iat`, `exp`, `auth_time`) by `skew`,
    /// in whole seconds, from now on; the server's own checks stay on its clock. `.zero` ends it.
    func setTokenSkew(_ skew: Duration, service: String) async throws
    /// Chooses what the next OAuth 2.0 authorization of a service does: log in a user, or be
    /// denied (`access_denied`). One-shot. A 404 `ControlError` for an unknown service or user.
    @discardableResult
    func setNextAuthorization(_ next: NextAuthorization) async throws -> NextAuthorization
    /// Registers a redirect URI for an OAuth 2.0 client beside its fixture's (at most 1,000 in
    /// all; 409 beyond). A 404 `ControlError` for an unknown service or client, 400 for a URI that
    /// is not absolute or has a fragment.
    @discardableResult
    func registerRedirectURI(_ registration: RedirectURIRegistration) async throws -> RedirectURIRegistration
}

extension AuthStubControl {
    /// Installs a fault: `try await stub.addFault(.unauthorized, times: 1)`.
    @discardableResult
    public func addFault(_ kind: FaultKind, match: FaultMatch = FaultMatch(), times: Int? = nil) async throws -> InstalledFault {
        try await addFault(Fault(kind, match: match, times: times))
    }

    /// Moves the server clock forward (negative: back). Token idle timeouts, expiration times,
    /// sunset dates and response times all follow it.
    @discardableResult
    public func advanceClock(by duration: Duration) async throws -> ClockStatus {
        try await changeClock(ClockChange(advance: duration))
    }

    /// Sets the server clock to `date`; it keeps running unless frozen.
    @discardableResult
    public func setClock(to date: Date) async throws -> ClockStatus {
        try await changeClock(ClockChange(set: date))
    }

    /// Sets the server clock to `date` and stops it there, in one step: no time passes between
    /// the two, so a seeded server answers byte for byte the same on every run.
    @discardableResult
    public func freezeClock(at date: Date) async throws -> ClockStatus {
        try await changeClock(ClockChange(set: date, freeze: true))
    }

    /// Stops the server clock where it stands (`true`) or lets it run on (`false`).
    @discardableResult
    public func freezeClock(_ frozen: Bool = true) async throws -> ClockStatus {
        try await changeClock(ClockChange(freeze: frozen))
    }

    /// Every journal entry, oldest first.
    public func requests() async throws -> [JournalEntry] {
        try await requests(JournalFilter())
    }

    /// Journal entries that pass `filter`, oldest first. `requests(_:limit:after:)` also tells
    /// whether the journal dropped or cut entries.
    public func requests(_ filter: JournalFilter) async throws -> [JournalEntry] {
        try await requests(filter, limit: nil, after: nil).entries
    }

    /// Every live fault and the last 1,000 spent ones, in the order they were added (see
    /// `faults(limit:after:)`).
    public func faults() async throws -> [InstalledFault] {
        try await faults(limit: nil, after: nil).faults
    }

    /// Expires one token now (see `expireToken(_:family:)`).
    @discardableResult
    public func expireToken(_ token: String) async throws -> TokenInfo {
        try await expireToken(token, family: false)
    }

    /// Every token the server holds, oldest first (see `tokens(limit:after:)`).
    public func tokens() async throws -> [TokenInfo] {
        try await tokens(limit: nil, after: nil).tokens
    }

    /// The users each service's login accepts, their passwords shown as `[redacted]`.
    public func users() async throws -> [ServiceUser] {
        try await users(showingPasswords: false)
    }

    /// Unlocks a user's account: `active` again, its wrong-password count afresh.
    @discardableResult
    public func unlockUser(service: String, username: String) async throws -> ServiceUser {
        try await setAccountState(AccountStateChange(service: service, username: username, state: .active))
    }

    /// A valid token for the service's first user.
    public func mintToken(service: String) async throws -> TokenInfo {
        try await mintToken(service: service, user: nil)
    }
}
