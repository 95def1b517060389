import StubHTTP

/// One servable route: an endpoint under one of its service's base paths.
struct Route: Sendable {
    let serviceIndex: Int
    let endpointIndex: Int
    /// The base path this route is served under (`""` or e.g. `/m2m`).
    let basePath: String
}

/// Finds the route for a method and path, and what to say when there is none.
struct RouteTable: Sendable {
    /// Full path → method → route.
    private let byPath: [String: [HTTPMethod: Route]]
    /// Every full path with the endpoint it belongs to, for near-miss answers.
    let allPaths: [(path: String, method: HTTPMethod, route: Route)]

    init(services: [ServiceFixture]) {
        var byPath: [String: [HTTPMethod: Route]] = [:]
        var allPaths: [(String, HTTPMethod, Route)] = []
        for (serviceIndex, service) in services.enumerated() {
            for (endpointIndex, endpoint) in service.endpoints.enumerated() {
                for base in service.basePaths {
                    let route = Route(serviceIndex: serviceIndex, endpointIndex: endpointIndex, basePath: base)
                    byPath[base + endpoint.path, default: [:]][endpoint.method] = route
                    allPaths.append((base + endpoint.path, endpoint.method, route))
                }
            }
        }
        self.byPath = byPath
        self.allPaths = allPaths
    }

    /// What a request's method and path lead to.
    enum Match {
        case found(Route)
        /// The path exists, not with this method; `allowed` are the methods it has, sorted.
        case wrongMethod(allowed: [String])
        case notFound
    }

    func match(method: HTTPMethod, path: String) -> Match {
        guard let methods = byPath[path] else { return .notFound }
        if let route = methods[method] { return .found(route) }
        if method == .head, let route = methods[.get] { return .found(route) }
        var allowed = Set(methods.keys)
        if allowed.contains(.get) { allowed.insert(.head) }
        return .wrongMethod(allowed: allowed.map(\.rawValue).sorted())
    }
}
