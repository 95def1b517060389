import StubHTTP

/// One servable route: an endpoint under one of its service's base paths.
struct Route: Sendable {
    let serviceIndex: Int
    let endpointIndex: Int
    /// The base path this route is served under (`""` or e.g. `/m2m`).
    let basePath: String
}

/// Finds the route for a method and path, and what to say when there is none.
///
/// Literal paths are looked up first, then paths with parameters (`/users/{id}`), those with
/// more literal segments first (ties in load order). The first of these that fits the path and
/// answers the method wins; when some fit but none answers the method, every method they answer
/// is allowed.
struct RouteTable: Sendable {
    /// Full path → method → route.
    private let byPath: [String: [HTTPMethod: Route]]
    /// Paths with parameters by shape, most literal segments first, each with its routes by
    /// method (each route with its own pattern, which names the parameters).
    private let patterns: [(pattern: RoutePattern, methods: [HTTPMethod: PatternRoute])]

    /// A route whose path has parameters.
    private struct PatternRoute: Sendable {
        let route: Route
        let pattern: RoutePattern
    }
    /// Every full path with the endpoint it belongs to, for near-miss answers.
    let allPaths: [(path: String, method: HTTPMethod, route: Route)]

    init(services: [ServiceFixture]) {
        var byPath: [String: [HTTPMethod: Route]] = [:]
        var patterns: [(pattern: RoutePattern, methods: [HTTPMethod: PatternRoute])] = []
        var patternIndex: [String: Int] = [:]
        var allPaths: [(String, HTTPMethod, Route)] = []
        for (serviceIndex, service) in services.enumerated() {
            for (endpointIndex, endpoint) in service.endpoints.enumerated() {
                for base in service.basePaths {
                    let route = Route(serviceIndex: serviceIndex, endpointIndex: endpointIndex, basePath: base)
                    allPaths.append((base + endpoint.path, endpoint.method, route))
                    guard let pattern = RoutePattern(base: base, path: endpoint.path) else {
                        byPath[base + endpoint.path, default: [:]][endpoint.method] = route
                        continue
                    }
                    let patternRoute = PatternRoute(route: route, pattern: pattern)
                    if let index = patternIndex[pattern.shape] {
                        patterns[index].methods[endpoint.method] = patternRoute
                    } else {
                        patternIndex[pattern.shape] = patterns.count
                        patterns.append((pattern, [endpoint.method: patternRoute]))
                    }
                }
            }
        }
        self.byPath = byPath
        // A stable sort: equal literal counts keep load order.
        self.patterns = patterns.enumerated()
            .sorted { ($0.element.pattern.literalCount, -$0.offset) > ($1.element.pattern.literalCount, -$1.offset) }
            .map(\.element)
        self.allPaths = allPaths
    }

    /// What a request's method and path lead to.
    enum Match {
        /// The route, and the values of its path's parameters.
        case found(Route, parameters: [String: String])
        /// The path exists, not with this method; `allowed` are the methods it has, sorted.
        case wrongMethod(allowed: [String])
        case notFound
    }

    func match(method: HTTPMethod, path: String) -> Match {
        var allowed: Set<HTTPMethod> = []
        if let methods = byPath[path] {
            if let route = Self.route(for: method, in: methods) { return .found(route, parameters: [:]) }
            allowed.formUnion(methods.keys)
        }
        for candidate in patterns where candidate.pattern.parameters(in: path) != nil {
            if let found = Self.route(for: method, in: candidate.methods) {
                return .found(found.route, parameters: found.pattern.parameters(in: path) ?? [:])
            }
            allowed.formUnion(candidate.methods.keys)
        }
        guard !allowed.isEmpty else { return .notFound }
        if allowed.contains(.get) { allowed.insert(.head) }
        return .wrongMethod(allowed: allowed.map(\.rawValue).sorted())
    }

    /// The route for `method`; a HEAD takes the GET's.
    private static func route<Entry>(for method: HTTPMethod, in methods: [HTTPMethod: Entry]) -> Entry? {
        if let route = methods[method] { return route }
        return method == .head ? methods[.get] : nil
    }
}
