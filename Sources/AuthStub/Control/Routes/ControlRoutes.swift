import StubHTTP

/// Every operation of the control API, each declared once. `all` is the server's table, in the
/// order the `Allow` header lists a path's methods; `ControlClient` sends each by its name here.
enum ControlRoutes {
    static let status = ControlRoute<Void, ServerStatus>("GET", "/status", .none, .model()) { engine, _ in engine.status() }
    static let reset = ControlRoute<Void, Void>("POST", "/reset", .none.withoutFields, .empty, refusals: [400]) { engine, _ in engine.reset() }

    static let faults = ControlRoute<PageRequest, FaultPage>("GET", "/faults", .paged, .model().paged(\.next), refusals: [400]) {
        (engine, page) throws(ControlError) in try engine.faults(limit: page.limit, after: page.after)
    }
    static let addFault = ControlRoute<Fault, InstalledFault>("POST", "/faults", .body, .model(201), refusals: [400, 409]) {
        (engine, fault) throws(ControlError) in try engine.addFault(fault)
    }
    static let clearFaults = ControlRoute<Void, Void>("DELETE", "/faults", .none, .empty) { engine, _ in engine.clearFaults() }
    static let fault = ControlRoute<String, InstalledFault>("GET", "/faults/{id}", .parameter, .model(), refusals: [404]) {
        (engine, id) throws(ControlError) in try engine.fault(id: id)
    }
    static let removeFault = ControlRoute<String, Void>("DELETE", "/faults/{id}", .parameter, .empty, refusals: [404]) {
        (engine, id) throws(ControlError) in try engine.removeFault(id: id)
    }

    static let tokens = ControlRoute<PageRequest, TokenPage>("GET", "/tokens", .paged, .model().paged(\.next), refusals: [400]) {
        (engine, page) throws(ControlError) in try engine.tokens(limit: page.limit, after: page.after)
    }
    static let mintToken = ControlRoute<TokenRequest, TokenInfo>("POST", "/tokens", .body, .model(201), refusals: [400, 404]) {
        (engine, request) throws(ControlError) in try engine.mintToken(service: request.service, user: request.user)
    }
    static let expireAllTokens = ControlRoute<Void, Int>("POST", "/tokens/expire", .none.withoutFields, .number("expired"), refusals: [400]) {
        engine,
        _ in
        engine.expireAllTokens()
    }
    static let revokeUserTokens = ControlRoute<TokenRequest, Int>("POST", "/tokens/revoke", .body, .number("revoked"), refusals: [400, 404]) {
        (engine, request) throws(ControlError) in try engine.revokeUserTokens(service: request.service, user: request.user)
    }
    static let token = ControlRoute<String, TokenInfo>("GET", "/tokens/{token}", .parameter, .model(), refusals: [404]) {
        (engine, token) throws(ControlError) in try engine.tokenInfo(token)
    }
    static let setToken = ControlRoute<(String, TokenEnabling), TokenInfo>(
        "PATCH",
        "/tokens/{token}",
        .parameter(and: TokenEnabling.self),
        .model(),
        refusals: [400, 404]
    ) { (engine, input) throws(ControlError) in try engine.setToken(input.0, enabled: input.1.enabled) }
    static let expireToken = ControlRoute<(String, TokenEnding), TokenInfo>(
        "POST",
        "/tokens/{token}/expire",
        .parameter(and: TokenEnding.self, body: .optional),
        .model(),
        refusals: [400, 404]
    ) {
        (engine, input) throws(ControlError) in try engine.expireToken(input.0, family: input.1.family)
    }
    static let revokeToken = ControlRoute<(String, TokenEnding), TokenInfo>(
        "POST",
        "/tokens/{token}/revoke",
        .parameter(and: TokenEnding.self, body: .optional),
        .model(),
        refusals: [400, 404]
    ) {
        (engine, input) throws(ControlError) in try engine.revokeToken(input.0, family: input.1.family)
    }

    static let clock = ControlRoute<Void, ClockStatus>("GET", "/clock", .none, .model()) { engine, _ in engine.clock() }
    static let changeClock = ControlRoute<ClockChange, ClockStatus>("POST", "/clock", .body, .model(), refusals: [400]) {
        (engine, change) throws(ControlError) in try engine.changeClock(change)
    }

    static let requests = ControlRoute<(JournalFilter, PageRequest), JournalPage>(
        "GET",
        "/requests",
        .paged(JournalFilter.self),
        .journal,
        refusals: [400]
    ) { (engine, query) throws(ControlError) in
        try engine.requests(query.0, limit: query.1.limit, after: try query.1.afterID)
    }
    static let clearRequests = ControlRoute<Void, Void>("DELETE", "/requests", .none, .empty) { engine, _ in engine.clearRequests() }
    static let countRequests = ControlRoute<JournalFilter, Int>("POST", "/requests/count", .optionalBody, .number("count"), refusals: [400]) {
        (engine, filter) in engine.countRequests(filter)
    }

    static let verify = ControlRoute<AuthCheckRequest, AuthCheckReport>("POST", "/verify", .optionalBody, .model(), refusals: [400]) {
        (engine, request) in engine.checkRequests(request.checks)
    }

    static let deprecations = ControlRoute<Void, [DeprecationInfo]>("GET", "/deprecations", .none, .list("deprecations")) { engine, _ in
        engine.deprecations()
    }
    static let setDeprecation = ControlRoute<DeprecationChange, DeprecationInfo>("PUT", "/deprecations", .body, .model(), refusals: [400, 404]) {
        (engine, change) throws(ControlError) in try engine.setDeprecation(change)
    }

    static let fixtures = ControlRoute<Void, [FixtureSummary]>("GET", "/fixtures", .none, .list("fixtures")) { engine, _ in
        engine.fixtureSummaries()
    }
    static let addFixtures = ControlRoute<FixtureAddition, [FixtureSummary]>(
        "POST",
        "/fixtures",
        .body,
        .list("fixtures", 201),
        refusals: [400, 404]
    ) {
        (engine, addition) throws(ControlError) in try engine.addFixtures(addition)
    }
    static let reloadFixtures = ControlRoute<Void, [FixtureSummary]>(
        "POST",
        "/fixtures/reload",
        .none.withoutFields,
        .list("fixtures"),
        refusals: [400, 409, 422]
    ) {
        (engine, _) throws(ControlError) in try engine.reloadFixtures()
    }

    static let users = ControlRoute<UserListing, [ServiceUser]>("GET", "/users", .query, .list("users"), refusals: [400]) { engine, listing in
        engine.users(showingPasswords: listing.showingPasswords)
    }
    static let setUser = ControlRoute<ServiceUser, ServiceUser>("POST", "/users", .body, .model(), refusals: [400, 404]) {
        (engine, user) throws(ControlError) in try engine.setUser(user)
    }
    static let setAccountState = ControlRoute<AccountStateChange, ServiceUser>("POST", "/users/state", .body, .model(), refusals: [400, 404]) {
        (engine, change) throws(ControlError) in try engine.setAccountState(change)
    }

    static let oneTimeCode = ControlRoute<CodeLookup, OneTimeCodeInfo>("GET", "/codes", .query, .model(), refusals: [400, 404]) {
        (engine, lookup) throws(ControlError) in try engine.oneTimeCode(lookup)
    }
    static let setOneTimeCode = ControlRoute<CodeSetting, OneTimeCodeInfo>("POST", "/codes", .body, .model(), refusals: [400, 404]) {
        (engine, setting) throws(ControlError) in try engine.setOneTimeCode(setting)
    }

    static let pact = ControlRoute<PactNames, JSONValue>("GET", "/pact", .query, .document(ControlSchema.pactDocument), refusals: [400]) {
        engine,
        names in
        engine.pact(consumer: names.consumer, provider: names.provider)
    }
    static let providerStates = ControlRoute<ProviderStateChange, ProviderStateAnswer>(
        "POST",
        "/provider-states",
        .body,
        .model(),
        refusals: [400, 404]
    ) {
        (engine, change) throws(ControlError) in try engine.applyProviderState(change)
    }

    static let signingKeys = ControlRoute<KeyListing, [SigningKeyInfo]>("GET", "/keys", .query, .list("keys"), refusals: [400, 404]) {
        (engine, listing) throws(ControlError) in try engine.signingKeys(listing)
    }
    static let rotateSigningKey = ControlRoute<KeyRotation, SigningKeyInfo>("POST", "/keys/rotate", .body, .model(), refusals: [400, 404]) {
        (engine, rotation) throws(ControlError) in try engine.rotateSigningKey(rotation)
    }
    static let unpublishSigningKey = ControlRoute<String, Void>("DELETE", "/keys/{kid}", .parameter, .empty, refusals: [404, 409]) {
        (engine, kid) throws(ControlError) in try engine.unpublishSigningKey(kid)
    }
    static let queueClaims = ControlRoute<ClaimsQueueing, Void>("POST", "/claims", .body, .empty, refusals: [400, 404, 409]) {
        (engine, queueing) throws(ControlError) in try engine.queueClaims(queueing)
    }
    static let setTokenSkew = ControlRoute<TokenSkewSetting, Void>("POST", "/skew", .body, .empty, refusals: [400, 404]) {
        (engine, setting) throws(ControlError) in try engine.setTokenSkew(setting)
    }
    static let nextAuthorization = ControlRoute<NextAuthorization, NextAuthorization>(
        "POST",
        "/authorizations",
        .body,
        .model(),
        refusals: [400, 404]
    ) { (engine, next) throws(ControlError) in try engine.setNextAuthorization(next) }
    static let registerRedirectURI = ControlRoute<RedirectURIRegistration, RedirectURIRegistration>(
        "POST",
        "/clients/redirect-uris",
        .body,
        .model(201),
        refusals: [400, 404, 409]
    ) { (engine, registration) throws(ControlError) in try engine.registerRedirectURI(registration) }

    static let recording = ControlRoute<Void, RecordingStatus>("GET", "/recording", .none, .model(), refusals: [404]) {
        (engine, _) throws(ControlError) in try engine.recordingStatus()
    }
    static let saveRecording = ControlRoute<Void, RecordingReport>(
        "POST",
        "/recording/save",
        .none.withoutFields,
        .model(),
        refusals: [400, 404, 409]
    ) {
        (engine, _) throws(ControlError) in try engine.saveRecording()
    }

    static let openAPI = ControlRoute<String, JSONValue>("GET", "/openapi.json", .controlURL, .document(ControlSchema.openAPIDocument)) {
        _,
        controlURL in ControlOpenAPIDocument.make(serverURL: controlURL)
    }

    /// The server's table. The control root answers the status.
    static let all: [AnyControlRoute] = [
        status.moved(to: "").erased, status.erased, reset.erased,
        faults.erased, addFault.erased, clearFaults.erased, fault.erased, removeFault.erased,
        tokens.erased, mintToken.erased, expireAllTokens.erased, revokeUserTokens.erased, token.erased, setToken.erased, expireToken.erased,
        revokeToken.erased,
        clock.erased, changeClock.erased,
        requests.erased, clearRequests.erased, countRequests.erased, verify.erased,
        deprecations.erased, setDeprecation.erased,
        fixtures.erased, addFixtures.erased, reloadFixtures.erased,
        users.erased, setUser.erased, setAccountState.erased,
        oneTimeCode.erased, setOneTimeCode.erased,
        pact.erased, providerStates.erased,
        signingKeys.erased, rotateSigningKey.erased, unpublishSigningKey.erased, queueClaims.erased, setTokenSkew.erased,
        nextAuthorization.erased, registerRedirectURI.erased,
        recording.erased, saveRecording.erased,
        openAPI.erased,
    ]

    /// The routes at `path` (split at `/` and percent-decoded), in table order, each with its
    /// parameters' values. Of the templates that fit, the most literal: `/tokens/expire` rather
    /// than `/tokens/{token}`.
    static func routes(at path: [String]) -> [(route: AnyControlRoute, parameters: [String])] {
        let fitting = all.compactMap { route in route.path.parameters(in: path).map { (route: route, parameters: $0) } }
        let most = fitting.map(\.route.path.literalCount).max()
        return fitting.filter { $0.route.path.literalCount == most }
    }
}
