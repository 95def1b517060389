import StubHTTP

extension Engine {
    /// Decides how to answer, under the lock, in stages: `begin` (time, the matched
    /// route's phase), `applyFaults`, then `chooseForced` for a `Prefer` / `?__code` override or
    /// `chooseDocumented` (refusals that need no credentials, `authenticate`, the outcome), then
    /// the success's effect on tokens. Does only what needs the state; changes token state only
    /// for a successful answer (or when a fault expires a token).
    func decide(_ request: HTTPRequest, _ preparation: Preparation, real: Int64, state: inout EngineState) -> Decision {
        var decision = begin(request, preparation, real: real, state: &state)
        var fault = FaultEffect.none
        if !state.faults.isEmpty {
            fault = applyFaults(request, preparation, state: &state, decision: &decision)
            if case .answered = fault { return decision }
        }
        guard let route = decision.route else { return decision }
        let success: TokenEffect?
        if let override = preparation.override {
            success = chooseForced(override, preparation, route: route, state: state, decision: &decision)
        } else {
            success = chooseDocumented(request, preparation, route: route, fault: fault, state: state, decision: &decision)
        }
        if let success {
            let (record, refresh) = state.tokens.apply(success, service: route.service, now: decision.now)
            (decision.user, decision.token) = (record.user, record.token)
            decision.tokenTimes = TokenTimes(record, idleLimit: route.service.token.idleTimeoutMilliseconds, now: decision.now)
            decision.refreshToken = refresh.map { ($0.token, TokenTimes($0, idleLimit: nil, now: decision.now)) }
        } else if decision.refusalReason == .reused, route.service.token.refresh?.reuse == .revokeFamily,
            case .refresh(.success(let token?)) = preparation.credentials
        {
            // A rotated refresh token presented again: the fixture ends its whole family.
            let ended = state.tokens.revokeFamily(of: token, now: decision.now)
            decision.reason = (decision.reason ?? "") + "; its family is revoked (\(ended) tokens)"
        }
        return decision
    }

    /// Starts the decision: its server-clock time, and what the route's match
    /// means now (a matched route's deprecation phase and sunset date).
    private func begin(_ request: HTTPRequest, _ preparation: Preparation, real: Int64, state: inout EngineState) -> Decision {
        let now = state.clock.now(real: real)
        var decision = Decision(outcome: .notFound, now: now)
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
        return decision
    }

    /// The documented behaviour of a matched route: the refusals that need no credentials,
    /// then authentication, then the success example. Returns what the success does to
    /// tokens; nil for a refusal.
    private func chooseDocumented(
        _ request: HTTPRequest,
        _ preparation: Preparation,
        route: MatchedRoute,
        fault: FaultEffect,
        state: EngineState,
        decision: inout Decision
    ) -> TokenEffect? {
        var route = route
        if case .deprecatedRemoved = fault {
            // The fault removes the route for this answer (a forced override ignores it).
            route.phase = .removed
            decision.route = route
        }
        if let refusal = refusalBeforeAuthentication(request, preparation, route: route, fault: fault) {
            refuse(refusal, route: route, fault: fault, decision: &decision)
            return nil
        }
        decision.requestBody = preparation.loginBody
        switch authenticate(preparation, route: route, now: decision.now, state: state) {
        case .failure(let refusal):
            refuse(refusal, route: route, fault: fault, decision: &decision)
            return nil
        case .success(let effect):
            decision.outcome = documented(.success, in: route.endpoint, mediaType: preparation.mediaType, body: decision.requestBody, message: nil)
            if let id = fault.malformedID { decision.reason = "injected fault \(id) (malformed: the body breaks off)" }
            return effect
        }
    }

    /// An `unauthorized` fault, a removed route, or an `Accept` that allows nothing offered.
    private func refusalBeforeAuthentication(
        _ request: HTTPRequest,
        _ preparation: Preparation,
        route: MatchedRoute,
        fault: FaultEffect
    ) -> Refusal? {
        let isLogin = route.endpoint.role == .login
        if case .unauthorized(let id) = fault {
            return Refusal(
                isLogin ? .badCredentials : .badToken,
                isLogin ? "invalid credentials" : "unauthorized",
                reason: "injected fault \(id) (unauthorized)"
            )
        }
        if route.phase == .removed {
            return Refusal(.gone, removalMessage(route, method: request.method, path: request.path))
        }
        if let offered = preparation.unacceptable {
            return Refusal(
                .notAcceptable,
                "none of the acceptable types is offered; supported: \(offered.joined(separator: ", "))",
                reason: "Accept allows none of \(offered.joined(separator: ", "))"
            )
        }
        return nil
    }

    /// Checks what the request presents for its route's role: a login's credentials against the
    /// service's users, or the presented token. Success carries what the answer will do to
    /// tokens.
    private func authenticate(_ preparation: Preparation, route: MatchedRoute, now: Int64, state: EngineState) -> Result<TokenEffect?, Refusal> {
        switch preparation.credentials {
        case .login(.failure(let refusal)):
            return .failure(refusal)
        case .login(.success(let input)):
            if let refusal = checkCredentials(input, users: state.users[route.service.name] ?? [:]) { return .failure(refusal) }
            return .success(TokenEffect(issuingFor: input))
        case .token(let token):
            switch state.tokens.effect(ofUsing: token, role: route.endpoint.role, service: route.service, now: now) {
            case .failure(let refusal): return .failure(Refusal(.badToken, refusal.reason, cause: refusal.cause))
            case .success(let effect): return .success(effect)
            }
        case .refresh(.failure(let refusal)):
            return .failure(refusal)
        case .refresh(.success(let token)):
            switch state.tokens.effect(ofRefreshing: token, service: route.service, now: now) {
            case .failure(let refusal): return .failure(Refusal(.badToken, refusal.reason, cause: refusal.cause))
            case .success(let effect): return .success(effect)
            }
        case .nothing:
            return .success(nil)
        }
    }

    /// Answers with the documented refusal, its reason naming the fault that caused it.
    private func refuse(_ refusal: Refusal, route: MatchedRoute, fault: FaultEffect, decision: inout Decision) {
        decision.outcome = documented(
            refusal.condition,
            in: route.endpoint,
            mediaType: nil,
            body: decision.requestBody,
            message: refusal.message,
            cause: refusal.cause
        )
        decision.reason = fault.annotate(refusal.reason)
        decision.refusal = refusal.condition
        decision.refusalReason = refusal.cause
    }

    /// The documented answer for `condition`: its first fitting example, else the service's
    /// error shape with `message`.
    private func documented(
        _ condition: ResponseCondition,
        in endpoint: EndpointFixture,
        mediaType: String?,
        body: JSONObject?,
        message: String?,
        cause: RefusalReason? = nil
    ) -> Outcome {
        guard let example = example(for: condition, in: endpoint, mediaType: mediaType, body: body, cause: cause) else {
            return .template(condition, status: Self.status(of: condition), message: message)
        }
        return .example(example)
    }

    /// The first example for `condition` whose request-body rule holds, that answers the
    /// refusal's `cause` (an example without `reasons` answers any), and, for success, whose
    /// media type was negotiated.
    private func example(
        for condition: ResponseCondition,
        in endpoint: EndpointFixture,
        mediaType: String?,
        body: JSONObject?,
        cause: RefusalReason?
    ) -> ResponseExample? {
        endpoint.responses.first { response in
            response.condition == condition
                && (response.reasons.isEmpty || cause.map(response.reasons.contains) == true)
                && (mediaType == nil || response.mediaType == mediaType)
                && (response.requestBodyHasAny.isEmpty || response.requestBodyHasAny.contains { body?[$0] != nil })
        }
    }

    /// The status an undocumented refusal gets.
    private static func status(of condition: ResponseCondition) -> HTTPStatus {
        switch condition {
        case .success: .ok
        case .badCredentials, .badToken: .unauthorized
        case .badRequest: .badRequest
        case .unsupportedMediaType: .unsupportedMediaType
        case .notAcceptable: .notAcceptable
        case .gone: .gone
        default: .badRequest
        }
    }

    private func removalMessage(_ route: MatchedRoute, method: HTTPMethod, path: String) -> String {
        guard let successorMethod = route.endpoint.deprecation?.successorMethod, let successorPath = route.endpoint.deprecation?.successorPath
        else {
            return "\(method) \(path) was removed"
        }
        return "\(method) \(path) was removed; use \(successorMethod) \(route.basePath)\(successorPath)"
    }
}
