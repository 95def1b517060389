import StubHTTP

extension Engine {
    /// A `Prefer` / `?__code` override: the outcome it forces, whatever the credentials,
    /// deprecation phase or `Accept`. Returns what a forced success does to tokens, the same as
    /// a real success when the request allows it (a login issues a usable token; a logout
    /// revokes the token it carries, if that token is valid); nil otherwise.
    func chooseForced(
        _ override: Result<ResponseOverride, OverrideProblem>,
        _ preparation: Preparation,
        route: MatchedRoute,
        state: EngineState,
        decision: inout Decision
    ) -> TokenEffect? {
        let chosen: ResponseOverride
        switch override {
        case .failure(let problem):
            decision.outcome = .ownRefusal(status: 400, message: problem.message)
            decision.reason = problem.message
            return nil
        case .success(let resolved):
            chosen = resolved
        }
        let forced = "forced by \(chosen.origin)"
        decision.reason = forced
        switch chosen.choice {
        case .example(let chosen):
            decision.outcome = .example(chosen)
            guard chosen.example.condition == .success else { return nil }
        case .template(let status):
            let condition = Self.condition(forStatus: status, role: route.endpoint.role)
            decision.outcome = .template(condition, status: status, message: forced)
            return nil
        }

        switch preparation.credentials {
        case .login(.success(let input)):
            return TokenEffect(issuingFor: input, scope: nil)
        case .login(.failure):
            return .issue(user: route.service.users.first?.username ?? "user", expiresAt: nil, note: nil, grant: nil)
        case .token(let token):
            guard
                case .success(let effect) = state.tokens.effect(ofUsing: token, endpoint: route.endpoint, service: route.service, now: decision.now)
            else { return nil }
            return effect
        case .refresh(.success(let token)):
            guard case .success(let effect) = state.tokens.effect(ofRefreshing: token, service: route.service, now: decision.now) else { return nil }
            return effect
        case .subject(.success(let token)):
            guard
                case .success(let effect) = state.tokens.effect(
                    ofExamining: token,
                    endpoint: route.endpoint,
                    service: route.service,
                    now: decision.now
                )
            else { return nil }
            return effect
        case .refresh(.failure), .subject(.failure), .code, .nothing:
            return nil
        }
    }

    /// The refusal a forced error status stands for (it decides the `WWW-Authenticate` challenge).
    static func condition(forStatus status: HTTPStatus, role: EndpointRole) -> ResponseCondition {
        switch status {
        case 401: role == .login ? .badCredentials : .badToken
        case 406: .notAcceptable
        case 410: .gone
        case 415: .unsupportedMediaType
        case 429: .rateLimited
        default: .badRequest
        }
    }
}
