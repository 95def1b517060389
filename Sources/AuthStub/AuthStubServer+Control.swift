public import Foundation

/// The control operations, carried out in process: no HTTP hop, same rules and errors as the
/// control API.
extension AuthStubServer: AuthStubControl {
    /// The server clock's current time: real time plus any advance, or where it was frozen.
    public var now: Date {
        ServerTime.date(engine.now())
    }

    public func status() async throws -> ServerStatus { engine.status() }
    public func reset() async throws { engine.reset() }

    @discardableResult
    public func addFault(_ fault: Fault) async throws -> InstalledFault { try engine.addFault(fault) }
    public func faults(limit: Int?, after: String?) async throws -> FaultPage { try engine.faults(limit: limit, after: after) }
    public func removeFault(id: String) async throws { try engine.removeFault(id: id) }
    public func clearFaults() async throws { engine.clearFaults() }

    public func tokens(limit: Int?, after: String?) async throws -> TokenPage { try engine.tokens(limit: limit, after: after) }
    public func mintToken(service: String, user: String?) async throws -> TokenInfo { try engine.mintToken(service: service, user: user) }
    @discardableResult
    public func expireToken(_ token: String, family: Bool) async throws -> TokenInfo { try engine.expireToken(token, family: family) }
    @discardableResult
    public func revokeToken(_ token: String, family: Bool) async throws -> TokenInfo { try engine.revokeToken(token, family: family) }
    @discardableResult
    public func expireAllTokens() async throws -> Int { engine.expireAllTokens() }
    @discardableResult
    public func revokeTokens(service: String, user: String) async throws -> Int {
        try engine.revokeUserTokens(service: service, user: user)
    }
    @discardableResult
    public func setToken(_ token: String, enabled: Bool) async throws -> TokenInfo { try engine.setToken(token, enabled: enabled) }

    public func clock() async throws -> ClockStatus { engine.clock() }
    @discardableResult
    public func changeClock(_ change: ClockChange) async throws -> ClockStatus { try engine.changeClock(change) }

    public func requests(_ filter: JournalFilter, limit: Int?, after: Int?) async throws -> JournalPage {
        try engine.requests(filter, limit: limit, after: after)
    }
    public func countRequests(_ filter: JournalFilter) async throws -> Int { engine.countRequests(filter) }
    public func clearRequests() async throws { engine.clearRequests() }
    public func checkRequests(_ checks: [AuthCheck]) async throws -> AuthCheckReport { engine.checkRequests(checks) }

    public func deprecations() async throws -> [DeprecationInfo] { engine.deprecations() }
    @discardableResult
    public func setDeprecation(_ change: DeprecationChange) async throws -> DeprecationInfo { try engine.setDeprecation(change) }

    public func fixtureSummaries() async throws -> [FixtureSummary] { engine.fixtureSummaries() }
    @discardableResult
    public func addFixtures(_ addition: FixtureAddition) async throws -> [FixtureSummary] { try engine.addFixtures(addition) }
    @discardableResult
    public func reloadFixtures() async throws -> [FixtureSummary] { try engine.reloadFixtures() }

    public func users(showingPasswords: Bool) async throws -> [ServiceUser] { engine.users(showingPasswords: showingPasswords) }
    @discardableResult
    public func setUser(_ user: ServiceUser) async throws -> ServiceUser { try engine.setUser(user) }
    @discardableResult
    public func setAccountState(_ change: AccountStateChange) async throws -> ServiceUser { try engine.setAccountState(change) }

    @discardableResult
    public func setNextAuthorization(_ next: NextAuthorization) async throws -> NextAuthorization { try engine.setNextAuthorization(next) }
    @discardableResult
    public func registerRedirectURI(_ registration: RedirectURIRegistration) async throws -> RedirectURIRegistration {
        try engine.registerRedirectURI(registration)
    }

    public func oneTimeCode(service: String, user: String) async throws -> OneTimeCodeInfo {
        try engine.oneTimeCode(CodeLookup(service: service, user: user))
    }
    @discardableResult
    public func setOneTimeCode(service: String, user: String, code: String?) async throws -> OneTimeCodeInfo {
        try engine.setOneTimeCode(CodeSetting(service: service, user: user, code: code))
    }

    public func pact(consumer: String, provider: String) async throws -> JSONValue { engine.pact(consumer: consumer, provider: provider) }
    @discardableResult
    public func setUpProviderState(_ state: PactProviderState, service: String, token: String?, user: String?) async throws -> String {
        try engine.setUpProviderState(state, service: service, token: token, user: user)
    }

    public func signingKeys(service: String) async throws -> [SigningKeyInfo] { try engine.signingKeys(KeyListing(service: service)) }
    @discardableResult
    public func rotateSigningKey(service: String, kid: String?, jwk: JSONObject?) async throws -> SigningKeyInfo {
        try engine.rotateSigningKey(KeyRotation(service: service, kid: kid, jwk: jwk))
    }
    public func unpublishSigningKey(_ kid: String) async throws { try engine.unpublishSigningKey(kid) }
    public func queueClaims(_ claims: JSONObject, service: String, count: Int) async throws {
        try engine.queueClaims(ClaimsQueueing(service: service, claims: claims, count: count))
    }
    public func setTokenSkew(_ skew: Duration, service: String) async throws {
        try engine.setTokenSkew(TokenSkewSetting(service: service, seconds: skew.components.seconds))
    }
}
