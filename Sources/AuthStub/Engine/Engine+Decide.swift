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
        guard let route = decision.route else { return decision }  // a 404, a 405 or a forward
        var success: TokenEffect?
        // Counted before anything else looks at the request, even when an override answers it.
        let overLimit =
            route.service.rateLimits.isEmpty && route.endpoint.rateLimits.isEmpty
            ? nil : countRateLimits(preparation, route: route, now: decision.now, state: &state)
        if let override = preparation.override {
            success = chooseForced(override, preparation, route: route, state: state, decision: &decision)
        } else if let overLimit, !fault.forcesUnauthorized {
            refuse(overLimit.refusal, route: route, fault: fault, decision: &decision)
            decision.retryAfter = overLimit.retryAfter
        } else {
            success = chooseDocumented(request, preparation, route: route, fault: fault, state: state, decision: &decision)
            if success != nil,
                let refusal = checkOneTimeCode(preparation, route: route, now: decision.now, state: &state)
                    ?? checkCsrf(request, preparation, route: route, state: state)
            {
                refuse(refusal, route: route, fault: fault, decision: &decision)
                success = nil
            }
            countLogin(preparation, route: route, succeeded: success != nil, state: &state, decision: &decision)
            if decision.refusal == nil, route.service.csrf != nil, route.endpoint.issuesCsrf || (success != nil && route.endpoint.role == .login) {
                decision.csrfToken = state.csrf.make()
            }
        }
        if let success {
            carryOut(success, route: route, state: &state, decision: &decision)
        } else if decision.refusalReason == .reused, route.service.token.refresh?.reuse == .revokeFamily,
            case .refresh(.success(let token?)) = preparation.credentials
        {
            // A rotated refresh token presented again: the fixture ends its whole family.
            let ended = state.tokens.revokeFamily(of: token, now: decision.now)
            decision.reason = (decision.reason ?? "") + "; its family is revoked (\(ended) tokens)"
        } else if decision.refusalReason == .reused, case .code(.success(let code?)) = preparation.credentials {
            // A used authorization code presented again: the tokens issued from it end (RFC 6749 §4.1.2).
            let ended = state.tokens.revokeFamily(of: code, now: decision.now)
            decision.reason = (decision.reason ?? "") + "; the tokens issued from it are revoked (\(ended) tokens)"
        }
        if route.endpoint.role == .authorize, success != nil || decision.refusal == .accessDenied {
            state.authorizations.next[route.service.name] = nil  // one-shot
        }
        decision.effect = success  // last: its last use moves it
        return decision
    }

    /// Carries out a success's effect on tokens, and keeps what the answer shows of it: the
    /// token, its user, grant and times, a refresh token, an ID token. A function of its own so
    /// that the route is a parameter: read from the decision's route, the service passed to
    /// each token function below was copied whole, fixture and all, at every call.
    private func carryOut(_ success: TokenEffect, route: MatchedRoute, state: inout EngineState, decision: inout Decision) {
        let issuer = state.issuer
        let jwt = success.issued.flatMap { issued in
            jwtMinting(
                service: route.service,
                user: issued.user,
                grant: issued.grant,
                request: decision.request,
                issuer: issuer,
                now: decision.now,
                state: &state
            )
        }
        let (record, refresh) = state.tokens.apply(success, service: route.service, now: decision.now, jwt: jwt)
        if success.issued != nil {
            decision.idToken =
                issueIDToken(
                    with: record,
                    by: success,
                    service: route.service,
                    request: decision.request,
                    issuer: issuer,
                    now: decision.now,
                    state: &state
                )?
                .token
        }
        (decision.user, decision.token, decision.grant) = (record.user, record.token, record.grant)
        if record.kind == .authorizationCode { decision.code = record.token }
        decision.userData = state.users[record.service]?[record.user]?.data
        // A token another service issued (`acceptsTokensFrom`) keeps that service's idle timeout.
        decision.tokenTimes = TokenTimes(record, idleLimit: state.tokens.idleLimits[record.service], now: decision.now)
        decision.refreshToken = refresh.map { ($0.token, TokenTimes($0, idleLimit: nil, now: decision.now)) }
    }

    /// Starts the decision: its server-clock time, and what the route's match
    /// means now (a matched route's deprecation phase and sunset date).
    private func begin(_ request: HTTPRequest, _ preparation: Preparation, real: Int64, state: inout EngineState) -> Decision {
        let now = state.clock.now(real: real)
        let texts = state.clockTexts.texts(at: now)
        var decision = Decision(outcome: .notFound, now: now, timestamp: texts.timestamp, dateText: texts.httpDate)
        if let upstream = preparation.upstream {
            decision.outcome = .forward(upstream)
            return decision
        }
        switch preparation.routing {
        case .notFound:
            decision.reason = "no fixture matches \(request.method) \(request.path)"
        case .wrongMethod(let allowed):
            decision.outcome = .wrongMethod(allowed: allowed)
            decision.reason = Decision.wrongMethodReason(path: request.path, method: request.method, allowed: allowed)
        case .found(let routed, let route):
            // Only a deprecated endpoint has a phase or a sunset date (the control API sets them
            // for no other).
            let deprecated = routed.endpoint.deprecation != nil
            let matched = MatchedRoute(
                fixture: routed,
                basePath: route.basePath,
                phase: deprecated ? state.phase(of: routed.service, routed.endpoint, now: now) : nil,
                sunsetAt: deprecated ? state.sunsetDate(of: routed.service, routed.endpoint) : nil,
                negotiates: preparation.negotiates
            )
            decision.route = matched
            // Before any fault removes the route for this answer: the client could not know of that.
            decision.facts.pastSunset = matched.phase == .removed || matched.sunsetAt.map { now >= $0 } == true
            decision.token = preparation.presentedToken
            decision.request = preparation.values
            decision.issuer = state.issuer
            decision.jwks = state.signing.rings[routed.service.name]?.jwks
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
        let checked: Result<TokenEffect?, Refusal>
        switch route.endpoint.role {
        case .authorize: checked = authorize(decision.request, route: route, state: state, decision: &decision)
        case .endSession: checked = endSession(decision.request, route: route, state: state, decision: &decision)
        default: checked = authenticate(preparation, route: route, now: decision.now, state: state)
        }
        switch checked {
        case .failure(let refusal):
            refuse(refusal, route: route, fault: fault, decision: &decision)
            return nil
        case .success(let effect):
            decision.outcome = documented(
                .success,
                among: route.fixture.examples,
                mediaType: preparation.mediaType,
                values: decision.request,
                message: nil
            )
            if let id = fault.malformedID { decision.reason = "injected fault \(id) (malformed: the body breaks off)" }
            return effect
        }
    }

    /// An `unauthorized` fault, a missing or wrong required header, a removed route, or an
    /// `Accept` that allows nothing offered.
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
        if let refusal = preparation.headerRefusal { return refusal }
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

    /// Checks what the request presents for its route's role: a readable body where the route
    /// reads it strictly, then a login's credentials against the service's users, or the
    /// presented token. Success carries what the answer will do to tokens.
    private func authenticate(_ preparation: Preparation, route: MatchedRoute, now: Int64, state: EngineState) -> Result<TokenEffect?, Refusal> {
        if let refusal = preparation.bodyRefusal { return .failure(refusal) }
        let client: String?
        switch checkEndpointCredentials(preparation, route: route, state: state) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let id): client = id
        }
        switch preparation.credentials {
        case .login(.failure(let refusal)):
            return .failure(refusal)
        case .login(.success(let input)):
            // The service's users and the login's account holder, looked up once for the three checks.
            let users = state.users[route.service.name] ?? [:]
            let holder = accountHolder(of: input, users: users)
            if let refusal = accountRefusalBeforePassword(holder, service: route.service, now: now, state: state)
                ?? checkCredentials(input.presented, users: users, service: route.service)
                ?? accountRefusalAfterPassword(holder, service: route.service, now: now, state: state)
            {
                return .failure(refusal)
            }
            let client = input.presented.first { $0.check.scheme == .client }.flatMap { route.service.account($0.username, in: $0.check.accounts) }
            switch ScopeRequest.granted(preparation.values, service: route.service, client: client) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let scope): return .success(TokenEffect(issuingFor: input, scope: scope))
            }
        case .token(let token):
            switch state.tokens.effect(ofUsing: token, endpoint: route.endpoint, service: route.service, now: now) {
            case .failure(let refusal): return .failure(Refusal(.badToken, refusal.reason, cause: refusal.cause))
            case .success(let effect):
                let bound = Self.bound(effect, to: client)
                guard case .success(let kept?) = bound, let refusal = Self.scopeRefusal(kept, endpoint: route.endpoint) else { return bound }
                return .failure(refusal)
            }
        case .refresh(.failure(let refusal)):
            return .failure(refusal)
        case .refresh(.success(let token)):
            switch state.tokens.effect(ofRefreshing: token, service: route.service, now: now) {
            case .failure(let refusal): return .failure(Refusal(.badToken, refusal.reason, cause: refusal.cause))
            case .success(let effect):
                return Self.bound(effect, to: client).flatMap { ScopeRequest.narrowing($0, values: preparation.values, service: route.service) }
            }
        case .code(.failure(let refusal)):
            return .failure(refusal)
        case .code(.success(let code)):
            return redeem(code, values: preparation.values, route: route, client: client, now: now, state: state)
        case .subject(.failure(let refusal)):
            return .failure(refusal)
        case .subject(.success(let token)):
            // A revocation is bound to its client (RFC 7009 §2.1); an introspection is not: the
            // caller is a protected resource asking about any client's token (RFC 7662 §2.1).
            let examined = state.tokens.effect(ofExamining: token, endpoint: route.endpoint, service: route.service, now: now)
            guard route.endpoint.role == .revoke, case .success(let effect?) = examined else { return examined }
            return Self.bound(effect, to: client)
        case .nothing:
            return .success(nil)
        }
    }

    /// A login whose password was right, on a service with a one-time code step: the code's
    /// refusal, or nil when the login goes on (see `OneTimeCodes.check`).
    private func checkOneTimeCode(_ preparation: Preparation, route: MatchedRoute, now: Int64, state: inout EngineState) -> Refusal? {
        guard let rule = route.service.oneTimeCode, case .login(.success(let input)) = preparation.credentials else { return nil }
        let sent = preparation.values?.text(rule.selector)
        return state.codes.check(sent, rule: rule, service: route.service.name, user: input.username, now: now)
    }

    /// An unsafe request to a route that needs a token, on a service with a CSRF check: the
    /// check's refusal, or nil when it passes.
    private func checkCsrf(_ request: HTTPRequest, _ preparation: Preparation, route: MatchedRoute, state: EngineState) -> Refusal? {
        guard let rule = route.service.csrf, case .token = preparation.credentials else { return nil }
        return rule.refusal(method: request.method, values: preparation.values, isKnown: state.csrf.contains)
    }

    /// Answers with the documented refusal, its reason naming the fault that caused it.
    private func refuse(_ refusal: Refusal, route: MatchedRoute, fault: FaultEffect, decision: inout Decision) {
        decision.outcome = documented(
            refusal.condition,
            among: route.fixture.examples,
            mediaType: nil,
            values: decision.request,
            message: refusal.message,
            cause: refusal.cause,
            check: refusal.check
        )
        decision.reason = fault.annotate(refusal.reason)
        decision.refusal = refusal.condition
        decision.refusalReason = refusal.cause
        decision.message = refusal.message
    }

    /// The documented answer for `condition`: its first fitting example among the endpoint's
    /// `examples`, else the service's error shape with `message`. Takes the examples, not the
    /// endpoint: passing the endpoint from its route would copy the whole fixture.
    private func documented(
        _ condition: ResponseCondition,
        among examples: [RoutedExample],
        mediaType: String?,
        values: RequestValues?,
        message: String?,
        cause: RefusalReason? = nil,
        check: String? = nil
    ) -> Outcome {
        guard let example = example(for: condition, among: examples, mediaType: mediaType, values: values, cause: cause, check: check) else {
            return .template(condition, status: Self.status(of: condition), message: message)
        }
        return .example(example)
    }

    /// The first example for `condition` whose request rules hold (`match`,
    /// `requestBodyHasAny`), that answers the refusal's `cause` (an example without `reasons`
    /// answers any) and the failing credential `check` (one without `check` answers any), and,
    /// for success, whose media type was negotiated.
    private func example(
        for condition: ResponseCondition,
        among examples: [RoutedExample],
        mediaType: String?,
        values: RequestValues?,
        cause: RefusalReason?,
        check: String?
    ) -> RoutedExample? {
        examples.first { routed in
            let response = routed.example
            return response.condition == condition
                && (response.reasons.isEmpty || cause.map(response.reasons.contains) == true)
                && (response.check == nil || response.check == check)
                && (mediaType == nil || response.mediaType == mediaType)
                && (response.match?.holds(for: values) ?? true)
                && (response.requestBodyHasAny.isEmpty || response.requestBodyHasAny.contains { values?.body?[$0] != nil })
        }
    }

    /// The status an undocumented refusal gets.
    static func status(of condition: ResponseCondition) -> HTTPStatus {
        switch condition {
        case .success: .ok
        case .badCredentials, .badToken: .unauthorized
        case .badRequest: .badRequest
        case .unsupportedMediaType: .unsupportedMediaType
        case .notAcceptable: .notAcceptable
        case .gone: .gone
        case .badHeader, .codeRequired, .badCode: .unauthorized
        case .badCsrf, .accessDenied, .insufficientScope, .passwordExpired, .accountDisabled: .forbidden
        case .accountLocked: 423
        case .inactive: .ok
        case .rateLimited: .tooManyRequests
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
