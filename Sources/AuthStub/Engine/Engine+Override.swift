extension Engine {
    /// A `Prefer` / `?__code` override: the chosen documented response, with the state change a
    /// real success would make when the request allows it (a login issues a usable token).
    func decideOverride(
        _ override: Result<ResponseOverride, OverrideProblem>,
        _ preparation: Preparation,
        service: ServiceFixture,
        endpoint: EndpointFixture,
        route: Route,
        now: Int64,
        state: inout EngineState,
        decision: Decision
    ) -> Decision {
        var decision = decision
        let chosen: ResponseOverride
        switch override {
        case .failure(let problem):
            decision.ownRefusal = (400, problem.message)
            decision.reason = problem.message
            return decision
        case .success(let resolved):
            chosen = resolved
        }
        let condition: ResponseCondition
        switch chosen.choice {
        case .example(let example):
            decision.example = example
            condition = example.condition
        case .template(let status):
            decision.templateStatus = status
            decision.message = "forced by \(chosen.origin)"
            condition = Self.condition(forStatus: status, role: endpoint.role)
        }
        decision.kind = .answered(service, endpoint, route, condition)
        decision.reason = "forced by \(chosen.origin)"
        switch preparation.login {
        case .success(let input)?: decision.requestBody = input.body
        case .failure(let refusal)?: decision.requestBody = refusal.body
        case nil: break
        }
        guard condition == .success else { return decision }

        switch endpoint.role {
        case .login:
            var user = service.users.first?.username ?? "user"
            var expiresAt: Int64?
            var note: String?
            if case .success(let input)? = preparation.login { (user, expiresAt, note) = (input.username, input.expiresAt, input.note) }
            let record = state.tokens.issue(service: service.name, user: user, now: now, expiresAt: expiresAt, note: note)
            decision.user = user
            decision.token = record.token
        case .logout, .touch, .requiresToken:
            decision.token = preparation.presentedToken
            if case .success(let record) = state.tokens.validate(
                preparation.presentedToken,
                service: service.name,
                now: now,
                idleLimit: service.token.idleTimeoutMilliseconds
            ) {
                decision.user = record.user
                if endpoint.role == .logout { state.tokens.revoke(record.token, now: now) } else { state.tokens.touch(record.token, now: now) }
            }
        case .public:
            break
        }
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
