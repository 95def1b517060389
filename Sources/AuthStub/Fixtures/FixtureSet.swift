/// A loaded, checked set of services, ready to serve. A class, immutable: every request takes
/// the current set, and copying a reference is one retain where copying a struct retained each
/// collection in it, on reference counts both event loops share.
public final class FixtureSet: Sendable {
    /// The services in load order.
    public let services: [ServiceFixture]
    /// Every (method, full path) the services answer.
    let routes: RouteTable
    /// What `Access-Control-Expose-Headers` lists for browser requests to these services.
    let corsExposedHeaders: [String]
    /// What the journal hides of requests to these services.
    let redaction: Redaction
    /// Service name → its `"proxy"` as a target, read once here rather than on every request
    /// it forwards (the reader checked each already).
    private let proxyTargets: [String: UpstreamTarget]
    /// Each service's endpoints with their service, by the indexes a `Route` holds.
    private let routedEndpoints: [[RoutedEndpoint]]

    /// A set of services already checked with `crossCheck`.
    init(services: [ServiceFixture]) {
        self.services = services
        self.routes = RouteTable(services: services)
        self.corsExposedHeaders = CORSHeaders.exposed(by: services)
        self.redaction = Redaction(services: services)
        var proxyTargets: [String: UpstreamTarget] = [:]
        for service in services {
            if let url = service.proxy, let target = try? UpstreamTarget(url) { proxyTargets[service.name] = target }
        }
        self.proxyTargets = proxyTargets
        self.routedEndpoints = services.map { service in service.endpoints.map { RoutedEndpoint(service: service, endpoint: $0) } }
    }

    /// The service and endpoint `route` leads to (its indexes come from this set's own table).
    func routed(_ route: Route) -> RoutedEndpoint {
        routedEndpoints[route.serviceIndex][route.endpointIndex]
    }

    /// The service whose `errors` shape answers an unknown path or a wrong method: the one with
    /// `"unknownRoutes": "serviceErrors"` and the longest base path that holds `path` (a whole
    /// number of segments; `""` holds every path); nil for AuthStub's near-miss answer.
    func unknownRouteOwner(of path: String) -> ServiceFixture? {
        owner(of: path) { $0.answersUnknownRoutes }
    }

    /// The `"proxy"` of the service that has one and the longest base path that holds `path`:
    /// the upstream that takes the requests no fixture matches there; nil when none has one.
    func proxyTarget(of path: String) -> UpstreamTarget? {
        owner(of: path) { proxyTargets[$0.name] != nil }.flatMap { proxyTargets[$0.name] }
    }

    /// Of the services that `qualify`, the one with the longest base path that holds `path`.
    private func owner(of path: String, where qualifies: (ServiceFixture) -> Bool) -> ServiceFixture? {
        var owner: (service: ServiceFixture, baseLength: Int)?
        for service in services where qualifies(service) {
            for base in service.basePaths where path == base || path.utf8.starts(with: (base + "/").utf8) {
                if let current = owner, current.baseLength >= base.utf8.count { continue }
                owner = (service, base.utf8.count)
            }
        }
        return owner?.service
    }

    /// How many endpoint files the set holds.
    public var endpointCount: Int { services.reduce(0) { $0 + $1.endpoints.count } }

    /// Problems that span files: duplicate services, two endpoints on one route with the same
    /// `match` (or none), a successor that does not exist, a login's credential problems, an
    /// `acceptsTokensFrom` naming a service that is not loaded (or its own). A service that is not `complete` (an
    /// endpoint file of it could not be read) is not checked for successors: the missing one may
    /// be in the unread file.
    static func crossCheck(_ services: [ServiceFixture], complete: (ServiceFixture) -> Bool = { _ in true }) -> [FixtureProblem] {
        var problems: [FixtureProblem] = []
        var seenServices: [String: String] = [:]
        var seenRoutes: [String: (service: String, endpoint: EndpointFixture)] = [:]
        for service in services {
            let serviceFile = service.directory + "/service.json"
            if let other = seenServices[service.name] {
                problems.append(FixtureProblem(file: serviceFile, path: "$.name", reason: "service \"\(service.name)\" is also defined in \(other)"))
                continue
            }
            seenServices[service.name] = serviceFile
            problems += acceptanceProblems(service.acceptsTokensFrom, of: service, among: services, file: serviceFile)
            for endpoint in service.endpoints {
                problems += credentialProblems(of: endpoint, in: service)
                problems += rateLimitProblems(of: endpoint, in: service)
                problems += acceptanceProblems(endpoint.acceptsTokensFrom, of: service, among: services, file: endpoint.file)
                for base in service.basePaths {
                    // Patterns of one shape (`/users/{id}`, `/users/{name}`) fit the same paths;
                    // endpoints may share a route when their matches differ.
                    let matching = endpoint.match.map { " with match \($0)" } ?? ""
                    let route = "\(endpoint.method) \(base)\(endpoint.path)"
                    let key = route + matching
                    let shapeKey = (RoutePattern(base: base, path: endpoint.path).map { "\(endpoint.method) \($0.shape)" } ?? route) + matching
                    if let other = seenRoutes[shapeKey] {
                        problems.append(
                            FixtureProblem(
                                file: endpoint.file,
                                path: "$.path",
                                reason: "\(key) is already served by \(other.service)/\(other.endpoint.name) (\(other.endpoint.file))"
                            )
                        )
                    } else {
                        seenRoutes[shapeKey] = (service.name, endpoint)
                    }
                }
                if endpoint.role == .refresh, service.token.refresh == nil {
                    let reason = "a refresh endpoint needs refresh tokens: add \"refresh\" to the token object of \(serviceFile)"
                    problems.append(FixtureProblem(file: endpoint.file, path: "$.role", reason: reason))
                }
                if complete(service), let method = endpoint.deprecation?.successorMethod, let path = endpoint.deprecation?.successorPath,
                    !service.endpoints.contains(where: { $0.method == method && $0.path == path })
                {
                    problems.append(
                        FixtureProblem(
                            file: endpoint.file,
                            path: "$.deprecation.successor",
                            reason: "no endpoint \(method) \(path) in service \"\(service.name)\" to name as the successor"
                        )
                    )
                }
            }
        }
        return problems
    }

    /// The problems of an `acceptsTokensFrom` list in `file` of `service`: each name must be
    /// another loaded service.
    private static func acceptanceProblems(
        _ names: [String],
        of service: ServiceFixture,
        among services: [ServiceFixture],
        file: String
    ) -> [FixtureProblem] {
        names.enumerated().compactMap { index, name in
            let path = "$.acceptsTokensFrom[\(index)]"
            if name == service.name {
                return FixtureProblem(file: file, path: path, reason: "a service takes its own tokens anyway; name other services")
            }
            guard services.contains(where: { $0.name == name }) else {
                return FixtureProblem(file: file, path: path, reason: "no service \"\(name)\" is loaded")
            }
            return nil
        }
    }
}
