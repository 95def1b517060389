import StubHTTP

extension Engine {
    /// Decides how to answer: route, deprecation phase, Accept, then the endpoint's role.
    /// Runs under the lock; changes token state only when the request succeeds.
    func decide(_ request: HTTPRequest, real: Int64, state: inout EngineState) -> Decision {
        let now = state.clock.now(real: real)
        let id = state.journal.takeID()
        let route: Route
        switch state.fixtures.routes.match(method: request.method, path: request.path) {
        case .notFound:
            return Decision(kind: .notFound, journalID: id, now: now, reason: "no fixture matches \(request.method) \(request.path)")
        case .wrongMethod(let allowed):
            return Decision(kind: .wrongMethod(allowed: allowed), journalID: id, now: now,
                            reason: "\(request.path) does not answer \(request.method) (it answers \(allowed.joined(separator: ", ")))")
        case .found(let found):
            route = found
        }
        let service = state.fixtures.services[route.serviceIndex]
        let endpoint = service.endpoints[route.endpointIndex]
        var decision = Decision(kind: .answered(service, endpoint, route, .success), journalID: id, now: now)
        func refuse(_ condition: ResponseCondition, message: String, reason: String? = nil) -> Decision {
            decision.kind = .answered(service, endpoint, route, condition)
            decision.message = message
            decision.reason = reason ?? message
            decision.example = example(for: condition, in: endpoint, mediaType: nil, body: decision.requestBody)
            return decision
        }

        decision.phase = state.phase(of: service, endpoint, now: now)
        decision.deprecated = decision.phase != nil
        decision.sunsetAt = state.sunsetDate(of: service, endpoint)
        if decision.phase == .removed {
            return refuse(.gone, message: removalMessage(endpoint, basePath: route.basePath, method: request.method, path: request.path))
        }

        let offered = offeredMediaTypes(endpoint)
        decision.negotiates = offered.count > 1
        var mediaType: String?
        if !offered.isEmpty {
            guard let chosen = AcceptNegotiation.choose(accept: request.headers.values(for: "Accept"), offered: offered) else {
                return refuse(.notAcceptable, message: "none of the acceptable types is offered; supported: \(offered.joined(separator: ", "))",
                              reason: "Accept allows none of \(offered.joined(separator: ", "))")
            }
            mediaType = offered[chosen]
        }

        switch endpoint.role {
        case .login:
            switch checkLogin(request, service: service, users: state.users[service.name] ?? [:]) {
            case .failure(let refusal):
                decision.requestBody = refusal.body
                return refuse(refusal.condition, message: refusal.message, reason: refusal.reason)
            case .success(let login):
                decision.requestBody = login.body
                let record = state.tokens.issue(service: service.name, user: login.user, now: now,
                                                expiresAt: login.expiresAt, note: login.note)
                decision.user = login.user
                decision.token = record.token
            }
        case .logout, .touch, .requiresToken:
            let presented = token(in: request, carrier: service.token.carrier)
            decision.token = presented
            switch state.tokens.validate(presented, service: service.name, now: now, idleLimit: service.token.idleTimeoutMilliseconds) {
            case .failure(let refusal):
                return refuse(.badToken, message: refusal.reason)
            case .success(let record):
                decision.user = record.user
                if endpoint.role == .logout {
                    state.tokens.revoke(record.token, now: now)
                } else {
                    state.tokens.touch(record.token, now: now)
                }
            }
        case .public:
            break
        }
        decision.example = example(for: .success, in: endpoint, mediaType: mediaType, body: decision.requestBody)
        return decision
    }

    /// The distinct media types of the endpoint's success examples, in fixture order.
    func offeredMediaTypes(_ endpoint: EndpointFixture) -> [String] {
        var offered: [String] = []
        for response in endpoint.responses where response.condition == .success {
            if let type = response.mediaType, !offered.contains(type) { offered.append(type) }
        }
        return offered
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

    /// The token a request carries, by the service's scheme.
    func token(in request: HTTPRequest, carrier: TokenScheme.Carrier) -> String? {
        switch carrier {
        case .header(let name):
            return request.headers[name]
        case .bearer:
            guard let authorization = request.headers["Authorization"] else { return nil }
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            return parts[1].trimmed(of: " ")
        }
    }

    private func removalMessage(_ endpoint: EndpointFixture, basePath: String, method: String, path: String) -> String {
        guard let successorMethod = endpoint.deprecation?.successorMethod, let successorPath = endpoint.deprecation?.successorPath else {
            return "\(method) \(path) was removed"
        }
        return "\(method) \(path) was removed; use \(successorMethod) \(basePath)\(successorPath)"
    }
}
