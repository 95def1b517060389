extension Engine {
    /// A `Prefer` / `?__code` override: the chosen documented response, with the state change a
    /// real success would make when the request allows it (a login issues a usable token).
    func decideOverride(
        _ override: Result<ResponseOverride, OverrideProblem>,
        _ preparation: Preparation,
        route: MatchedRoute,
        now: Int64,
        state: inout EngineState,
        decision: Decision
    ) -> Decision {
        var decision = decision
        let service = route.service
        let endpoint = route.endpoint
        let chosen: ResponseOverride
        switch override {
        case .failure(let problem):
            decision.outcome = .ownRefusal(status: 400, message: problem.message)
            decision.reason = problem.message
            return decision
        case .success(let resolved):
            chosen = resolved
        }
        let condition: ResponseCondition
        switch chosen.choice {
        case .example(let example):
            decision.outcome = .example(example)
            condition = example.condition
        case .template(let status):
            condition = Self.condition(forStatus: status, role: endpoint.role)
            decision.outcome = .template(condition, status: status, message: "forced by \(chosen.origin)")
        }
        decision.reason = "forced by \(chosen.origin)"
        switch preparation.login {
        case .success(let input)?: decision.requestBody = input.body
        case .failure(let refusal)?: decision.requestBody = refusal.body
        case nil: break
        }
        guard condition == .success else { return decision }

        let success: TokenEffect?
        switch endpoint.role {
        case .login:
            if case .success(let input)? = preparation.login {
                success = TokenEffect(issuingFor: input)
            } else {
                success = .issue(user: service.users.first?.username ?? "user", expiresAt: nil, note: nil)
            }
        case .logout, .touch, .requiresToken:
            // A forced success changes a token only when the request carries a valid one.
            switch state.tokens.effect(ofUsing: preparation.presentedToken, role: endpoint.role, service: service, now: now) {
            case .success(let effect): success = effect
            case .failure: success = nil
            }
        case .public:
            success = nil
        }
        if let success { (decision.user, decision.token) = state.tokens.apply(success, service: service.name, now: now) }
        return decision
    }

    /// The refusal a forced error status stands for (it decides the `WWW-Authenticate` challenge).
    static func condition(forStatus status: Int, role: EndpointRole) -> ResponseCondition {
        switch status {
        case 401: role == .login ? .badCredentials : .badToken
        case 406: .notAcceptable
        case 410: .gone
        case 415: .unsupportedMediaType
        default: .badRequest
        }
    }
}
