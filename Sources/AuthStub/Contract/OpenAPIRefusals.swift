import StubHTTP

extension OpenAPIDocument {
    /// A refusal the engine can answer on a route, whether or not a fixture documents it.
    struct EngineRefusal: Equatable {
        let condition: ResponseCondition
        /// What makes the engine answer it, for the response's description.
        let cause: String
    }

    /// The refusals the engine can give on `route` (any of its endpoints), in the order the
    /// engine checks them.
    static func engineRefusals(_ route: [EndpointFixture], of service: ServiceFixture) -> [EngineRefusal] {
        var refusals: [EngineRefusal] = []
        for endpoint in route {
            for refusal in engineRefusals(of: endpoint, on: route, service: service)
            where !refusals.contains(where: { $0.condition == refusal.condition }) {
                refusals.append(refusal)
            }
        }
        return refusals
    }

    /// The refusals the engine can give when `endpoint` answers on `route`, by its role and its
    /// service's settings, in the order the engine checks them: a rate limit, a required header, a removed
    /// deprecated route, `Accept`, the body's format, the route's `match`, client credentials,
    /// the role's own checks (account states and credentials, one-time codes, the token,
    /// scopes, CSRF).
    static func engineRefusals(of endpoint: EndpointFixture, on route: [EndpointFixture], service: ServiceFixture) -> [EngineRefusal] {
        var refusals: [EngineRefusal] = []
        func add(_ condition: ResponseCondition, _ cause: String) {
            if !refusals.contains(where: { $0.condition == condition }) { refusals.append(EngineRefusal(condition: condition, cause: cause)) }
        }
        if !(service.rateLimits.isEmpty && endpoint.rateLimits.isEmpty) {
            add(.rateLimited, "the request is over one of the route's rate limits")
        }
        if !(endpoint.requiredHeaders ?? service.requiredHeaders).isEmpty {
            add(.badHeader, "a required header is missing or wrong")
        }
        if endpoint.deprecation != nil {
            add(.gone, "the deprecated route was removed (after its sunset, or by the control API)")
        }
        if !Engine.offeredMediaTypes(endpoint).isEmpty {
            add(.notAcceptable, "Accept allows none of the media types the route offers")
        }
        if Engine.readsBodyStrictly(endpoint) {
            add(.unsupportedMediaType, "the body's Content-Type is not one the route takes")
            add(.badRequest, "the body is malformed, or lacks a field the route reads")
        }
        if route.contains(where: { $0.match != nil }) { add(.badRequest, "no endpoint of the route matches the request's values") }
        if endpoint.role != .login, let checks = endpoint.credentials {
            add(.badCredentials, "the client credentials are missing or wrong")
            if checks.contains(where: { $0.scheme == .client }) { add(.badRequest, "the client authenticated twice, or its client_id is malformed") }
        }
        switch endpoint.role {
        case .login:
            let checksUsers = service.credentialChecks(of: endpoint).contains { $0.accounts == CredentialCheck.userList }
            if checksUsers {
                add(.accountLocked, "the account is locked (too many wrong passwords, or the control API locked it)")
                add(.accountDisabled, "the control API disabled the account")
            }
            add(.badCredentials, "the credentials are missing or wrong")
            if checksUsers { add(.passwordExpired, "the password is right but the control API expired it") }
            if service.oneTimeCode != nil {
                add(.codeRequired, "the password is right and no one-time code was sent")
                add(.badCode, "the one-time code is wrong or expired")
            }
        case .refresh:
            add(.badToken, "the refresh token is missing, unknown, expired, revoked or reused")
        case .authorize:
            add(.badClient, "the client is unknown, or the redirect URI is not registered for it")
            add(.badRequest, "the response type or the PKCE challenge is missing or wrong")
            add(.accessDenied, "the authorization was denied through the control API")
        case .endSession:
            add(.badRequest, "the ID token hint, client or redirect URI is missing or wrong")
        case .redeemCode:
            add(.badToken, "the code is missing, unknown, expired, reused, or issued to another client or redirect URI")
        case .introspect:
            add(.badRequest, "the request names no token")
            add(.inactive, "the token is unknown, expired, revoked or ended with its family")
        case .revoke:
            add(.badRequest, "the request names no token")
            if endpoint.credentials != nil { add(.badToken, "the token was issued to another client") }
        case .logout, .touch, .requiresToken:
            add(.badToken, "the token is missing, unknown, expired, revoked or disabled")
            if service.csrf != nil, !CsrfRule.safeMethods.contains(endpoint.method) {
                add(.badCsrf, "the CSRF header is missing or differs from the CSRF cookie")
            }
            if !endpoint.requiredScope.isEmpty { add(.insufficientScope, "the token's grant lacks a scope the route requires") }
        default:
            break
        }
        if service.scopes != nil, [EndpointRole.login, .authorize, .refresh].contains(endpoint.role) {
            add(.badScope, "the requested scope is not offered, or not allowed for the client")
        }
        return refusals
    }

    /// Whether `endpoint`'s examples answer every `condition` the engine meets, so that it never
    /// falls back to the service's error shape: one example for it without request rules or
    /// reasons, or (bad credentials) one per named credential check.
    static func documents(_ condition: ResponseCondition, in endpoint: EndpointFixture, of service: ServiceFixture) -> Bool {
        let unconditional = endpoint.responses.filter {
            $0.condition == condition && $0.reasons.isEmpty && $0.match == nil && $0.requestBodyHasAny.isEmpty
        }
        if unconditional.contains(where: { $0.check == nil }) { return true }
        let checks = authenticatingChecks(endpoint, of: service)
        let named = Set(unconditional.compactMap(\.check))
        return condition == .badCredentials && !checks.isEmpty && checks.allSatisfy { $0.name.map(named.contains) == true }
    }
}
