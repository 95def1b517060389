import StubHTTP

/// Everything about a request that can be worked out without the engine's state: the route,
/// the negotiated media type, the login's parsed input, the presented token. Made outside the
/// lock, so parsing never holds up other requests.
struct Preparation: Sendable {
    enum Routing: Sendable {
        case notFound
        case wrongMethod(allowed: [String])
        case found(ServiceFixture, EndpointFixture, Route)
    }

    var routing: Routing
    /// nil: no success example declares a media type.
    var mediaType: String?
    /// Accept allows none of these.
    var unacceptable: [String]?
    var negotiates = false
    var credentials = Credentials.nothing
    /// A `Prefer` / `?__code` choice of documented response.
    var override: Result<ResponseOverride, OverrideProblem>?

    /// What the request presents for its route's role.
    enum Credentials: Sendable {
        /// A login's input, or why it cannot be read.
        case login(Result<LoginInput, Refusal>)
        /// The token a route that requires one was given, if any.
        case token(String?)
        /// The refresh token a `refresh` route was given, or why its body cannot be read.
        case refresh(Result<String?, Refusal>)
        /// A public route looks at no credentials.
        case nothing
    }

    /// The token the request carries, for a route that requires one.
    var presentedToken: String? {
        if case .token(let token) = credentials { token } else { nil }
    }

    /// A login's JSON body, whether or not the login could be read.
    var loginBody: JSONObject? {
        switch credentials {
        case .login(.success(let input)): input.body
        case .login(.failure(let refusal)): refusal.body
        case .token, .refresh, .nothing: nil
        }
    }
}

extension Engine {
    /// Works out what needs no state. Runs outside the lock.
    func prepare(_ request: HTTPRequest, fixtures: FixtureSet) -> Preparation {
        let route: Route
        switch fixtures.routes.match(method: request.method, path: request.path) {
        case .notFound: return Preparation(routing: .notFound)
        case .wrongMethod(let allowed): return Preparation(routing: .wrongMethod(allowed: allowed))
        case .found(let found): route = found
        }
        let service = fixtures.services[route.serviceIndex]
        let endpoint = service.endpoints[route.endpointIndex]
        var preparation = Preparation(routing: .found(service, endpoint, route))
        let offered = offeredMediaTypes(endpoint)
        preparation.negotiates = offered.count > 1
        if !offered.isEmpty {
            if let chosen = AcceptNegotiation.choose(accept: request.headers.values(for: "Accept"), offered: offered) {
                preparation.mediaType = offered[chosen]
            } else {
                preparation.unacceptable = offered
            }
        }
        switch endpoint.role {
        case .login: preparation.credentials = .login(parseLogin(request, service: service))
        case .logout, .touch, .requiresToken: preparation.credentials = .token(Self.token(in: request, carrier: service.token.carrier))
        case .refresh: preparation.credentials = .refresh(Self.refreshToken(in: request, endpoint: endpoint))
        default: break
        }
        preparation.override = ResponseOverride.resolve(request, service: service.name, endpoint: endpoint, mediaType: preparation.mediaType)
        return preparation
    }

    /// The distinct media types of the endpoint's success examples, in fixture order.
    func offeredMediaTypes(_ endpoint: EndpointFixture) -> [String] {
        var offered: [String] = []
        for response in endpoint.responses where response.condition == .success {
            if let type = response.mediaType, !offered.contains(type) { offered.append(type) }
        }
        return offered
    }

    /// The refresh token a `refresh` request carries where its endpoint's selector says: a JSON
    /// or form body's field, a header, a cookie, a query parameter.
    static func refreshToken(in request: HTTPRequest, endpoint: EndpointFixture) -> Result<String?, Refusal> {
        guard let selector = endpoint.refreshToken else { return .success(nil) }
        var body: JSONObject?
        if selector.source == .body {
            switch RequestBody.read(request, accepts: [.json, .form], required: false) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let object): body = object
            }
        }
        return .success(RequestValues(request, body: body).text(selector))
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
