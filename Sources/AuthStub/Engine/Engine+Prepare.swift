import StubHTTP

/// Everything about a request that can be worked out without the engine's state: the route,
/// the negotiated media type, the request's values (its body read), the login's parsed input,
/// the presented token. Made outside the lock, so parsing never holds up other requests.
struct Preparation: Sendable {
    enum Routing: Sendable {
        case notFound
        case wrongMethod(allowed: [String])
        case found(RoutedEndpoint, Route)
    }

    var routing: Routing
    /// nil: no success example declares a media type.
    var mediaType: String?
    /// Accept allows none of these.
    var unacceptable: [String]?
    var negotiates = false
    var credentials = Credentials.nothing
    /// The request's values; nil when no route matched.
    var values: RequestValues?
    /// Why the request's input cannot be used: a body the route reads strictly but cannot
    /// (415 or 400), or values no endpoint on the route matches (400, `unmatched`).
    var bodyRefusal: Refusal?
    /// What the request sends for the credential checks of an endpoint other than a login (an
    /// OAuth 2.0 client on a refresh), or why it cannot be read; nil: it declares none.
    var endpointCredentials: Result<[PresentedCredentials], Refusal>?
    /// A required header the request misses (checked before anything else).
    var headerRefusal: Refusal?
    /// A `Prefer` / `?__code` choice of documented response.
    var override: Result<ResponseOverride, OverrideProblem>?
    /// Where the request is forwarded, when no fixture matches it and a proxy takes it.
    var upstream: UpstreamTarget?

    /// What the request presents for its route's role.
    enum Credentials: Sendable {
        /// A login's input, or why it cannot be read.
        case login(Result<LoginInput, Refusal>)
        /// The token a route that requires one was given, if any.
        case token(String?)
        /// The refresh token a `refresh` route was given, or why its body cannot be read.
        case refresh(Result<String?, Refusal>)
        /// The authorization code a `redeemCode` route was given, or why its body cannot be read.
        case code(Result<String?, Refusal>)
        /// The token an `introspect` or `revoke` route is asked about, or why its body cannot be
        /// read.
        case subject(Result<String?, Refusal>)
        /// A public route looks at no credentials.
        case nothing
    }

    /// The token the request carries, for a route that requires one.
    var presentedToken: String? {
        if case .token(let token) = credentials { token } else { nil }
    }
}

extension Engine {
    /// Works out what needs no state. Runs outside the lock.
    func prepare(_ request: HTTPRequest, fixtures: FixtureSet) -> Preparation {
        let candidates: [RouteTable.Candidate]
        switch fixtures.routes.match(method: request.method, path: request.path) {
        case .notFound: return Preparation(routing: .notFound, upstream: upstream(for: request.path, fixtures: fixtures))
        case .wrongMethod(let allowed):
            return Preparation(routing: .wrongMethod(allowed: allowed), upstream: upstream(for: request.path, fixtures: fixtures))
        case .found(let found): candidates = found
        }
        guard let (chosen, unmatched) = chooseEndpoint(candidates, for: request, fixtures: fixtures) else {
            return Preparation(routing: .notFound, upstream: upstream(for: request.path, fixtures: fixtures))
        }
        if unmatched != nil, let upstream = upstream(for: request.path, fixtures: fixtures) {
            return Preparation(routing: .notFound, upstream: upstream)
        }
        let (route, pathParameters) = (chosen.route, chosen.parameters)
        let routed = fixtures.routed(route)
        // Each part is worked out into a local and the preparation made once at the end: filled
        // in place, it was copied whole (and the original destroyed) on its way out.
        let headerRefusal = RequiredHeader.refusal(routed.endpoint.requiredHeaders ?? routed.service.requiredHeaders, in: request.headers)
        let offered = routed.offeredMediaTypes
        var mediaType: String?
        var unacceptable: [String]?
        if !offered.isEmpty {
            if let chosen = AcceptNegotiation.choose(accept: request.headers.values(for: "Accept"), offered: offered) {
                mediaType = offered[chosen]
            } else {
                unacceptable = offered
            }
        }
        let values: RequestValues
        var bodyRefusal: Refusal?
        switch readBody(request, routed: routed) {
        case .success(let body):
            values = RequestValues(request, body: body?.object, bodyFormat: body?.format, pathParameters: pathParameters)
        case .failure(let refusal):
            values = RequestValues(request, body: nil, pathParameters: pathParameters)
            bodyRefusal = refusal
        }
        if bodyRefusal == nil, let unmatched { bodyRefusal = unmatched }
        let credentials: Preparation.Credentials
        switch routed.endpoint.role {
        case .login:
            credentials = .login(bodyRefusal.map { .failure($0) } ?? parseLogin(request, values, routed: routed))
        case .logout, .touch, .requiresToken: credentials = .token(Self.token(in: request, carrier: routed.service.token.carrier))
        case .refresh:
            credentials = .refresh(bodyRefusal.map { .failure($0) } ?? .success(routed.endpoint.refreshToken.flatMap(values.text)))
        case .redeemCode:
            credentials = .code(bodyRefusal.map { .failure($0) } ?? .success(values.text(ValueSelector(.body, Self.codeField))))
        case .introspect, .revoke:
            credentials = .subject(bodyRefusal.map { .failure($0) } ?? .success(routed.endpoint.subjectToken.flatMap(values.text)))
        default: credentials = .nothing
        }
        var endpointCredentials: Result<[PresentedCredentials], Refusal>?
        if routed.endpoint.role != .login, let checks = routed.endpoint.credentials {
            endpointCredentials = bodyRefusal.map { .failure($0) } ?? presentedCredentials(request, body: values.body, checks: checks)
        }
        let override = ResponseOverride.resolve(request, on: routed, mediaType: mediaType)
        return Preparation(
            routing: .found(routed, route),
            mediaType: mediaType,
            unacceptable: unacceptable,
            negotiates: offered.count > 1,
            credentials: credentials,
            values: values,
            bodyRefusal: bodyRefusal,
            endpointCredentials: endpointCredentials,
            headerRefusal: headerRefusal,
            override: override
        )
    }

    /// The request's body as an object. A login, a refresh, an introspection, a revocation, or
    /// an endpoint that states `accepts`, reads it strictly: another `Content-Type` is a 415, a
    /// malformed body a 400 (a login with body credentials needs one). The roles that read a
    /// token from the body take JSON and form bodies unless they state `accepts`. Other endpoints
    /// read a JSON body when it parses, and otherwise go on without it, as before bodies were
    /// read there. Takes the routed endpoint, not its service and endpoint: passing those on
    /// would copy both fixtures whole.
    private func readBody(_ request: HTTPRequest, routed: RoutedEndpoint) -> Result<(object: JSONObject, format: RequestBodyType)?, Refusal> {
        let accepts = Self.bodyFormats(routed.endpoint)
        guard Self.readsBodyStrictly(routed.endpoint) else {
            guard case .success(let body) = RequestBody.read(request, accepts: accepts, required: false) else { return .success(nil) }
            return .success(body)
        }
        return RequestBody.read(
            request,
            accepts: accepts,
            required: routed.endpoint.role == .login && routed.credentialChecks.contains { $0.readsBody }
        )
    }

    /// Whether `endpoint` reads a token from the request body (a refresh token, a code, the
    /// token to introspect or revoke).
    private static func readsTokenFromBody(_ endpoint: EndpointFixture) -> Bool {
        switch endpoint.role {
        case .refresh, .redeemCode, .introspect, .revoke: true
        default: false
        }
    }

    /// The body formats `endpoint` takes: its `accepts`, else JSON, and form too where a token
    /// travels in the body.
    static func bodyFormats(_ endpoint: EndpointFixture) -> [RequestBodyType] {
        endpoint.accepts ?? (readsTokenFromBody(endpoint) ? [.json, .form] : [.json])
    }

    /// Whether `endpoint` reads its body strictly (another `Content-Type` a 415, a malformed
    /// body a 400): a login, a role that reads a token from the body, or one that states `accepts`.
    static func readsBodyStrictly(_ endpoint: EndpointFixture) -> Bool {
        endpoint.role == .login || readsTokenFromBody(endpoint) || endpoint.accepts != nil
    }

    /// The distinct media types of the endpoint's success examples, in fixture order.
    static func offeredMediaTypes(_ endpoint: EndpointFixture) -> [String] {
        var offered: [String] = []
        for response in endpoint.responses where response.condition == .success {
            if let type = response.mediaType, !offered.contains(type) { offered.append(type) }
        }
        return offered
    }

    /// The token a request carries, by the service's scheme (the control API's guard reads its
    /// bearer token the same way).
    static func token(in request: HTTPRequest, carrier: TokenScheme.Carrier) -> String? {
        switch carrier.place {
        case .authorization:
            guard let authorization = request.headers["Authorization"] else { return nil }
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].lowercased() == carrier.name.lowercased() else { return nil }
            return parts[1].trimmed(of: " ")
        case .cookie:
            return CookieHeader.cookies(in: request.headers)[carrier.name]
        default:
            return request.headers[carrier.name]
        }
    }
}
