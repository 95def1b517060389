import StubHTTP

extension OpenAPIDocument {
    /// A refusal the engine can answer on a route, whether or not a fixture documents it.
    struct EngineRefusal: Equatable {
        let condition: ResponseCondition
        /// What makes the engine answer it, for the response's description.
        let cause: String
    }

    /// The refusals the engine can give on `route` by its role and its service's settings, in the
    /// order the engine checks them: a required header, the body's format, the route's `match`,
    /// `Accept`, a removed deprecated route, credentials and one-time codes, the token, CSRF.
    static func engineRefusals(_ route: [EndpointFixture], of service: ServiceFixture) -> [EngineRefusal] {
        guard let endpoint = route.first else { return [] }
        var refusals: [EngineRefusal] = []
        func add(_ condition: ResponseCondition, _ cause: String) {
            if !refusals.contains(where: { $0.condition == condition }) { refusals.append(EngineRefusal(condition: condition, cause: cause)) }
        }
        if !(endpoint.requiredHeaders ?? service.requiredHeaders).isEmpty {
            add(.badHeader, "a required header is missing or wrong")
        }
        let readsBodyStrictly = route.contains { [.login, .refresh, .redeemCode, .introspect, .revoke].contains($0.role) || $0.accepts != nil }
        if readsBodyStrictly {
            add(.unsupportedMediaType, "the body's Content-Type is not one the route takes")
            add(.badRequest, "the body is malformed, or lacks a field the route reads")
        }
        if route.contains(where: { $0.match != nil }) { add(.badRequest, "no endpoint of the route matches the request's values") }
        if !route.flatMap(Engine.offeredMediaTypes).isEmpty {
            add(.notAcceptable, "Accept allows none of the media types the route offers")
        }
        if route.contains(where: { $0.deprecation != nil }) {
            add(.gone, "the deprecated route was removed (after its sunset, or by the control API)")
        }
        if route.contains(where: { $0.role != .login && $0.credentials != nil }) {
            add(.badCredentials, "the client credentials are missing or wrong")
        }
        if service.scopes != nil, route.contains(where: { [.login, .authorize].contains($0.role) }) {
            add(.badScope, "the requested scope is not offered, or not allowed for the client")
        }
        for role in Set(route.map(\.role.rawValue)).sorted() {
            switch EndpointRole(rawValue: role) {
            case .login:
                add(.badCredentials, "the credentials are missing or wrong")
                if service.oneTimeCode != nil {
                    add(.codeRequired, "the password is right and no one-time code was sent")
                    add(.badCode, "the one-time code is wrong or expired")
                }
            case .refresh:
                add(.badToken, "the refresh token is missing, unknown, expired, revoked or reused")
            case .authorize:
                add(.badClient, "the client is unknown, or the redirect URI is not registered for it")
                add(.accessDenied, "the authorization was denied through the control API")
            case .redeemCode:
                add(.badToken, "the code is missing, unknown, expired, reused, or issued to another client or redirect URI")
            case .introspect:
                add(.badRequest, "the request names no token")
                add(.inactive, "the token is unknown, expired, revoked or ended with its family")
            case .revoke:
                add(.badRequest, "the request names no token")
                if route.contains(where: { $0.credentials != nil }) { add(.badToken, "the token was issued to another client") }
            case .logout, .touch, .requiresToken:
                add(.badToken, "the token is missing, unknown, expired, revoked or disabled")
                if service.csrf != nil, !CsrfRule.safeMethods.contains(endpoint.method) {
                    add(.badCsrf, "the CSRF header is missing or differs from the CSRF cookie")
                }
                if route.contains(where: { !$0.requiredScope.isEmpty }) {
                    add(.insufficientScope, "the token's grant lacks a scope the route requires")
                }
            default:
                break
            }
        }
        return refusals
    }

    /// Adds to `responses` each engine refusal of the route that no fixture response documents,
    /// under its default status (unless that status is documented already), in the service's
    /// error shape, with a `WWW-Authenticate` challenge on a 401 (RFC 9110 §15.5.2).
    static func addEngineRefusals(_ route: [EndpointFixture], of service: ServiceFixture, to responses: inout JSONObject) {
        let documented = Set(route.flatMap { $0.responses.map(\.condition.rawValue) })
        for refusal in engineRefusals(route, of: service) where !documented.contains(refusal.condition.rawValue) {
            let status = Engine.status(of: refusal.condition)
            let key = status.description
            let description = "\(refusal.condition.rawValue): \(refusal.cause) (the service's error shape)"
            if case .object(var existing)? = responses[key] {
                // Another undocumented refusal with the same status: one description names both.
                if let text = existing["description"]?.stringValue, text.contains("(the service's error shape)") {
                    existing["description"] = .string(text + "; " + description)
                    responses[key] = .object(existing)
                }
                continue
            }
            var response: JSONObject = [
                "description": .string(description),
                "content": .object([service.errors.mediaType: .object(["schema": JSONSchemaInference.schema(of: service.errors.body)])]),
            ]
            if status == .unauthorized {
                response["headers"] = .object(["WWW-Authenticate": .object(["schema": .object(["type": .string("string")])])])
            }
            responses[key] = .object(response)
        }
    }
}
