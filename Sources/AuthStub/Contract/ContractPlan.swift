/// One documented example to replay against a server.
struct ContractStep: Sendable {
    let service: ServiceFixture
    let endpoint: EndpointFixture
    let example: ResponseExample
}

/// The order `verify` replays a service's examples in: logins first (so a token exists), then
/// the routes that use the token, then refusals with a made-up token, then logouts, the
/// deprecated ones after their successors.
enum ContractPlan {
    static func steps(for service: ServiceFixture) -> [ContractStep] {
        let endpoints = service.endpoints
        let logins = endpoints.filter { $0.role == .login }
        let logouts = endpoints.filter { $0.role == .logout }.sorted { ($0.deprecation == nil ? 0 : 1) < ($1.deprecation == nil ? 0 : 1) }
        let others = endpoints.filter { $0.role != .login && $0.role != .logout }
        func steps(_ endpoints: [EndpointFixture], _ condition: ResponseCondition) -> [ContractStep] {
            endpoints.flatMap { endpoint in
                endpoint.responses
                    .filter { $0.condition == condition && isReachable($0, from: endpoint.request) }
                    .map { ContractStep(service: service, endpoint: endpoint, example: $0) }
            }
        }
        return steps(logins, .success) + steps(logins, .badCredentials)
            + steps(others, .success) + steps(others + logouts, .badToken)
            + steps(logouts, .success)
    }

    /// Whether the documented request can bring this example about: an example that needs
    /// certain request body fields is left out when the documented body has none of them.
    static func isReachable(_ example: ResponseExample, from request: RequestExample?) -> Bool {
        guard !example.requestBodyHasAny.isEmpty else { return true }
        guard let body = request?.body?.objectValue else { return false }
        return example.requestBodyHasAny.contains { body[$0] != nil }
    }
}
