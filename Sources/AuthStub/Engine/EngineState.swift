import StubHTTP

/// Everything a running server remembers but its journal, guarded by the engine's state lock.
struct EngineState: Sendable {
    var tokens: TokenStore
    var clock = VirtualClock()
    /// service → username → account; starts as the fixtures' users.
    var users: [String: [String: UserAccount]]
    /// Endpoint → a phase set through the control API, overriding the fixture's dates.
    var deprecationPhases: [EndpointID: DeprecationPhase] = [:]
    /// Endpoint → a sunset date set through the control API.
    var sunsetDates: [EndpointID: Int64] = [:]
    var faults = FaultList()
    /// Users added or changed through the control API, kept across fixture reloads.
    var addedUsers: [ServiceUser] = []
    /// The users' account states and wrong-password counts.
    var accounts = AccountStandings()
    /// One-time codes waiting for their logins.
    var codes: OneTimeCodes
    /// CSRF values made for `{{csrfToken}}`.
    var csrf: CsrfTokens
    /// Signing keys, queued claims and skews of the JWTs it issues.
    var signing: TokenSigning
    /// The next OAuth 2.0 authorizations and the redirect URIs tests registered.
    var authorizations = AuthorizationControls()
    /// The open windows of the fixtures' rate limits.
    var rateLimits = RateLimitCounters()
    /// The issuer URL (`{{issuer}}`, a JWT's `iss`): `AuthStubServer.Options.issuer`, else the
    /// server's URL, set once it is bound. A reset keeps it.
    var issuer = "http://authstub.invalid"
    /// The timestamp and `Date` texts of the current server-clock second.
    var clockTexts = ClockTexts()

    init(fixtures: FixtureSet, seed: UInt64?, tokenLimits: TokenLimits = TokenLimits()) {
        self.tokens = TokenStore(seed: seed, limits: tokenLimits)
        self.users = Self.users(of: fixtures)
        self.codes = OneTimeCodes(seed: seed)
        self.csrf = CsrfTokens(seed: seed)
        self.signing = TokenSigning(fixtures: fixtures)
        self.tokens.idleLimits = Self.idleLimits(of: fixtures)
    }

    static func users(of fixtures: FixtureSet) -> [String: [String: UserAccount]] {
        var users: [String: [String: UserAccount]] = [:]
        for service in fixtures.services {
            users[service.name] = Dictionary(
                service.users.map { ($0.username, UserAccount(password: $0.password, data: $0.data)) },
                uniquingKeysWith: { first, _ in first }
            )
        }
        return users
    }

    /// Each service's idle timeout, for the token sweep.
    static func idleLimits(of fixtures: FixtureSet) -> [String: Int64] {
        var limits: [String: Int64] = [:]
        for service in fixtures.services where limits[service.name] == nil {
            limits[service.name] = service.token.idleTimeoutMilliseconds
        }
        return limits
    }

    /// Follows a change of fixtures: their users, with the control API's additions on top, and
    /// their idle timeouts.
    mutating func refresh(for fixtures: FixtureSet) {
        users = Self.users(of: fixtures)
        for user in addedUsers where users[user.service] != nil {
            users[user.service]?[user.username] = UserAccount(password: user.password, data: user.data)
        }
        tokens.idleLimits = Self.idleLimits(of: fixtures)
        signing.follow(fixtures)
    }

    /// Where a deprecated endpoint stands now.
    func phase(of service: ServiceFixture, _ endpoint: EndpointFixture, now: Int64) -> DeprecationPhase? {
        guard let deprecation = endpoint.deprecation else { return nil }
        let sunset = sunsetDate(of: service, endpoint) ?? deprecation.sunsetAtMilliseconds
        let chosen = deprecationPhases[EndpointID(service, endpoint)] ?? (sunset == nil ? .deprecated : .sunset)
        if chosen == .sunset, let sunset, now >= sunset { return .removed }
        return chosen
    }
}

extension EngineState {
    /// The sunset date in force: the control API's, else the fixture's.
    func sunsetDate(of service: ServiceFixture, _ endpoint: EndpointFixture) -> Int64? {
        sunsetDates[EndpointID(service, endpoint)] ?? endpoint.deprecation?.sunsetAtMilliseconds
    }
}

/// A deprecated endpoint's phase: served and flagged, or gone.
public enum DeprecationPhase: String, Sendable, Equatable, CaseIterable {
    /// Served, with `Deprecation` (and `Sunset`, when a date is set) headers.
    case deprecated
    /// Still served until its sunset date passes on the server clock.
    case sunset
    /// Answers `410 Gone`, naming its successor.
    case removed
}
