import StubHTTP

/// One servable route: an endpoint under one of its service's base paths.
struct Route: Sendable {
    let serviceIndex: Int
    let endpointIndex: Int
    /// The base path this route is served under (`""` or e.g. `/m2m`).
    let basePath: String
}

/// Finds the routes for a method and path, and what to say when there is none.
///
/// Literal paths are looked up first, then paths with parameters (`/users/{id}`), those with
/// more literal segments first (ties in load order). The first of these that fits the path and
/// answers the method gives the candidates; when some fit but none answers the method, every
/// method they answer is allowed. Several endpoints may serve one method and path when their
/// `match`es differ: the candidates are those with a `match` by file name, then the one without.
struct RouteTable: Sendable {
    /// Full path → method → candidate routes.
    private let byPath: [String: [HTTPMethod: [Route]]]
    /// Paths with parameters by shape, most literal segments first, each with its candidate
    /// routes by method.
    private let patterns: [(pattern: RoutePattern, methods: [HTTPMethod: [PatternRoute]])]
    /// Every full path with the endpoint it belongs to, for near-miss answers.
    let allPaths: [(path: String, method: HTTPMethod, route: Route)]

    /// A route whose path has parameters, with its own pattern (which names them).
    private struct PatternRoute: Sendable {
        let route: Route
        let pattern: RoutePattern
    }

    /// A route that fits a request, with the values of its path's parameters.
    struct Candidate: Sendable {
        let route: Route
        let parameters: [String: String]
    }

    init(services: [ServiceFixture]) {
        var byPath: [String: [HTTPMethod: [Route]]] = [:]
        var patterns: [(pattern: RoutePattern, methods: [HTTPMethod: [PatternRoute]])] = []
        var patternIndex: [String: Int] = [:]
        var allPaths: [(String, HTTPMethod, Route)] = []
        for (serviceIndex, service) in services.enumerated() {
            for (endpointIndex, endpoint) in service.endpoints.enumerated() {
                for base in service.basePaths {
                    let route = Route(serviceIndex: serviceIndex, endpointIndex: endpointIndex, basePath: base)
                    allPaths.append((base + endpoint.path, endpoint.method, route))
                    guard let pattern = RoutePattern(base: base, path: endpoint.path) else {
                        byPath[base + endpoint.path, default: [:]][endpoint.method, default: []].append(route)
                        continue
                    }
                    let patternRoute = PatternRoute(route: route, pattern: pattern)
                    if let index = patternIndex[pattern.shape] {
                        patterns[index].methods[endpoint.method, default: []].append(patternRoute)
                    } else {
                        patternIndex[pattern.shape] = patterns.count
                        patterns.append((pattern, [endpoint.method: [patternRoute]]))
                    }
                }
            }
        }
        let order = { (route: Route) -> (Int, String) in
            let endpoint = services[route.serviceIndex].endpoints[route.endpointIndex]
            return (endpoint.match == nil ? 1 : 0, endpoint.file)
        }
        self.byPath = byPath.mapValues { $0.mapValues { $0.sorted { order($0) < order($1) } } }
        // A stable sort: equal literal counts keep load order.
        self.patterns = patterns.enumerated()
            .sorted { ($0.element.pattern.literalCount, -$0.offset) > ($1.element.pattern.literalCount, -$1.offset) }
            .map { ($0.element.pattern, $0.element.methods.mapValues { $0.sorted { order($0.route) < order($1.route) } }) }
        self.allPaths = allPaths
    }

    /// What a request's method and path lead to.
    enum Match {
        /// The routes that may serve it, in the order their `match`es are tried (never empty).
        case found([Candidate])
        /// The path exists, not with this method; `allowed` are the methods it has, sorted.
        case wrongMethod(allowed: [String])
        case notFound
    }

    func match(method: HTTPMethod, path: String) -> Match {
        var allowed: Set<HTTPMethod> = []
        if let methods = byPath[path] {
            if let routes = Self.routes(for: method, in: methods) {
                return .found(routes.map { Candidate(route: $0, parameters: [:]) })
            }
            allowed.formUnion(methods.keys)
        }
        for candidate in patterns where candidate.pattern.parameters(in: path) != nil {
            if let routes = Self.routes(for: method, in: candidate.methods) {
                return .found(routes.map { Candidate(route: $0.route, parameters: $0.pattern.parameters(in: path) ?? [:]) })
            }
            allowed.formUnion(candidate.methods.keys)
        }
        guard !allowed.isEmpty else { return .notFound }
        if allowed.contains(.get) { allowed.insert(.head) }
        return .wrongMethod(allowed: allowed.map(\.rawValue).sorted())
    }

    /// The routes for `method`; a HEAD takes the GET's.
    private static func routes<Entry>(for method: HTTPMethod, in methods: [HTTPMethod: [Entry]]) -> [Entry]? {
        if let routes = methods[method], !routes.isEmpty { return routes }
        return method == .head ? methods[.get] : nil
    }
}
