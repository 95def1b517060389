import StubHTTP

extension Engine {
    /// Decides how to answer: route, faults, per-request override, deprecation phase, Accept,
    /// then the endpoint's role. Runs under the lock and does only what needs the state;
    /// changes token state only when the request succeeds (or a fault expires its token).
    func decide(_ request: HTTPRequest, _ preparation: Preparation, real: Int64, state: inout EngineState) -> Decision {
        let now = state.clock.now(real: real)
        var decision = Decision(outcome: .notFound, journalID: state.journal.takeID(), now: now)
        switch preparation.routing {
        case .notFound:
            decision.reason = "no fixture matches \(request.method) \(request.path)"
        case .wrongMethod(let allowed):
            decision.outcome = .wrongMethod(allowed: allowed)
            decision.reason = Decision.wrongMethodReason(path: request.path, method: request.method, allowed: allowed)
        case .found(let service, let endpoint, let route):
            decision.route = MatchedRoute(
                service: service,
                endpoint: endpoint,
                basePath: route.basePath,
                phase: state.phase(of: service, endpoint, now: now),
                sunsetAt: state.sunsetDate(of: service, endpoint),
                negotiates: preparation.negotiates
            )
            decision.token = preparation.presentedToken
        }

        var effect = FaultEffect.none
        if !state.faults.isEmpty {
            effect = applyFaults(request, preparation, now: now, state: &state, decision: &decision)
            if case .answered = effect { return decision }
        }
        guard let route = decision.route else { return decision }
        if let override = preparation.override {
            return decideOverride(override, preparation, route: route, now: now, state: &state, decision: decision)
        }
        return decideNormally(request, preparation, route: route, effect: effect, now: now, state: &state, decision: decision)
    }

    /// The documented behaviour of a matched route: phase, Accept, then its role.
    private func decideNormally(
        _ request: HTTPRequest,
        _ preparation: Preparation,
        route: MatchedRoute,
        effect: FaultEffect,
        now: Int64,
        state: inout EngineState,
        decision: Decision
    ) -> Decision {
        var decision = decision
        let endpoint = route.endpoint
        func refuse(_ condition: ResponseCondition, message: String, reason: String? = nil) -> Decision {
            decision.outcome = documented(condition, in: endpoint, mediaType: nil, body: decision.requestBody, message: message)
            decision.reason = effect.annotate(reason ?? message)
            return decision
        }

        if case .unauthorized(let id) = effect {
            let condition: ResponseCondition = endpoint.role == .login ? .badCredentials : .badToken
            return refuse(
                condition,
                message: endpoint.role == .login ? "invalid credentials" : "unauthorized",
                reason: "injected fault \(id) (unauthorized)"
            )
        }
        if case .deprecatedRemoved = effect { decision.route?.phase = .removed }
        if decision.route?.phase == .removed {
            return refuse(.gone, message: removalMessage(endpoint, basePath: route.basePath, method: request.method, path: request.path))
        }
        if let offered = preparation.unacceptable {
            return refuse(
                .notAcceptable,
                message: "none of the acceptable types is offered; supported: \(offered.joined(separator: ", "))",
                reason: "Accept allows none of \(offered.joined(separator: ", "))"
            )
        }

        let success: TokenEffect?
        switch endpoint.role {
        case .login:
            let input: LoginInput
            switch preparation.login {
            case .failure(let refusal)?:
                decision.requestBody = refusal.body
                return refuse(refusal.condition, message: refusal.message, reason: refusal.reason)
            case .success(let parsed)?:
                input = parsed
            case nil:
                return refuse(.badRequest, message: "the login could not be read")
            }
            decision.requestBody = input.body
            if let refusal = authenticate(input, users: state.users[route.service.name] ?? [:]) {
                return refuse(refusal.condition, message: refusal.message, reason: refusal.reason)
            }
            success = TokenEffect(issuingFor: input)
        case .logout, .touch, .requiresToken:
            switch state.tokens.effect(ofUsing: preparation.presentedToken, role: endpoint.role, service: route.service, now: now) {
            case .failure(let refusal): return refuse(.badToken, message: refusal.reason)
            case .success(let effect): success = effect
            }
        case .public:
            success = nil
        }
        if let success { (decision.user, decision.token) = state.tokens.apply(success, service: route.service.name, now: now) }
        decision.outcome = documented(.success, in: endpoint, mediaType: preparation.mediaType, body: decision.requestBody, message: nil)
        if let id = effect.malformedID { decision.reason = "injected fault \(id) (malformed: the body breaks off)" }
        return decision
    }

    /// The documented answer for `condition`: its first fitting example, else the service's
    /// error shape with `message`.
    private func documented(
        _ condition: ResponseCondition,
        in endpoint: EndpointFixture,
        mediaType: String?,
        body: JSONObject?,
        message: String?
    ) -> Outcome {
        guard let example = example(for: condition, in: endpoint, mediaType: mediaType, body: body) else {
            return .template(condition, status: Self.status(of: condition), message: message)
        }
        return .example(example)
    }

    /// The first example for `condition` whose request-body rule holds (and, for success, whose
    /// media type was negotiated).
    func example(for condition: ResponseCondition, in endpoint: EndpointFixture, mediaType: String?, body: JSONObject?) -> ResponseExample? {
        endpoint.responses.first { response in
            response.condition == condition
                && (mediaType == nil || response.mediaType == mediaType)
                && (response.requestBodyHasAny.isEmpty || response.requestBodyHasAny.contains { body?[$0] != nil })
        }
    }

    /// The status an undocumented refusal gets.
    static func status(of condition: ResponseCondition) -> Int {
        switch condition {
        case .success: 200
        case .badCredentials, .badToken: 401
        case .badRequest: 400
        case .unsupportedMediaType: 415
        case .notAcceptable: 406
        case .gone: 410
        }
    }

    private func removalMessage(_ endpoint: EndpointFixture, basePath: String, method: String, path: String) -> String {
        guard let successorMethod = endpoint.deprecation?.successorMethod, let successorPath = endpoint.deprecation?.successorPath else {
            return "\(method) \(path) was removed"
        }
        return "\(method) \(path) was removed; use \(successorMethod) \(basePath)\(successorPath)"
    }
}
