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
    private let byPath: [String: [String: Route]]
    /// Every full path with the endpoint it belongs to, for near-miss answers.
    let allPaths: [(path: String, method: String, route: Route)]

    init(services: [ServiceFixture]) {
        var byPath: [String: [String: Route]] = [:]
        var allPaths: [(String, String, Route)] = []
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

    func match(method: String, path: String) -> Match {
        guard let methods = byPath[path] else { return .notFound }
        if let route = methods[method] { return .found(route) }
        if method == "HEAD", let route = methods["GET"] { return .found(route) }
        var allowed = Set(methods.keys)
        if allowed.contains("GET") { allowed.insert("HEAD") }
        return .wrongMethod(allowed: allowed.sorted())
    }
}
