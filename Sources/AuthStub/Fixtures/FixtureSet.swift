/// A loaded, checked set of services, ready to serve.
public struct FixtureSet: Sendable {
    /// The services in load order.
    public let services: [ServiceFixture]
    /// Every (method, full path) the services answer.
    let routes: RouteTable
    /// What `Access-Control-Expose-Headers` lists for browser requests to these services.
    let corsExposedHeaders: [String]
    /// What the journal hides of requests to these services.
    let redaction: Redaction

    /// A set of services already checked with `crossCheck`.
    init(services: [ServiceFixture]) {
        self.services = services
        self.routes = RouteTable(services: services)
        self.corsExposedHeaders = CORSHeaders.exposed(by: services)
        self.redaction = Redaction(services: services)
    }

    /// How many endpoint files the set holds.
    public var endpointCount: Int { services.reduce(0) { $0 + $1.endpoints.count } }

    /// Problems that span files: duplicate services, two endpoints on one route, a successor
    /// that does not exist.
    static func crossCheck(_ services: [ServiceFixture]) -> [FixtureProblem] {
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
            for endpoint in service.endpoints {
                for base in service.basePaths {
                    let key = "\(endpoint.method) \(base)\(endpoint.path)"
                    if let other = seenRoutes[key] {
                        problems.append(
                            FixtureProblem(
                                file: endpoint.file,
                                path: "$.path",
                                reason: "\(key) is already served by \(other.service)/\(other.endpoint.name) (\(other.endpoint.file))"
                            )
                        )
                    } else {
                        seenRoutes[key] = (service.name, endpoint)
                    }
                }
                if endpoint.role == .refresh, service.token.refresh == nil {
                    let reason = "a refresh endpoint needs refresh tokens: add \"refresh\" to the token object of \(serviceFile)"
                    problems.append(FixtureProblem(file: endpoint.file, path: "$.role", reason: reason))
                }
                if let method = endpoint.deprecation?.successorMethod, let path = endpoint.deprecation?.successorPath,
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
}
