/// Replays every fixture's documented request against a server and compares each answer with
/// the documented example: the engine of `authstub verify`.
public struct ContractVerifier: Sendable {
    /// The user `verify` logs in as; nil: each service's first fixture user.
    public struct Credentials: Sendable, Equatable {
        /// The user's name.
        public var username: String
        /// The user's password; the checks of the bad-credentials answer send a wrong one instead.
        public var password: String

        /// The user `username` with `password`.
        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    /// The services whose documented examples are checked.
    public let fixtures: FixtureSet
    /// Carries the requests to the server under test.
    public let transport: any ContractTransport
    /// The user to log in as; nil: each service's first fixture user.
    public let credentials: Credentials?
    /// The names of the services to check; empty: those verified by default
    /// (``ServiceFixture/verifiedByDefault``).
    public let serviceNames: [String]

    /// A verifier of `fixtures` (those named in `services`; none named: those verified by
    /// default) against the server `transport` reaches, logging in as `credentials`.
    public init(fixtures: FixtureSet, transport: any ContractTransport, credentials: Credentials? = nil, services: [String] = []) {
        self.fixtures = fixtures
        self.transport = transport
        self.credentials = credentials
        self.serviceNames = services
    }

    /// The services it checks, in load order.
    public var services: [ServiceFixture] {
        fixtures.services.filter { serviceNames.isEmpty ? $0.verifiedByDefault : serviceNames.contains($0.name) }
    }

    /// Runs every check, service by service, and reports them in the order they ran.
    public func run() async -> ContractReport {
        var checks: [ContractCheck] = []
        for service in services {
            var token: String?
            for step in ContractPlan.steps(for: service) {
                checks.append(await check(step, token: &token))
            }
        }
        return ContractReport(checks: checks)
    }

    private func check(_ step: ContractStep, token: inout String?) async -> ContractCheck {
        let role = step.endpoint.role
        let request = makeRequest(step, token: token)
        var result = ContractCheck(
            service: step.service.name,
            endpoint: step.endpoint.name,
            example: step.example.name,
            method: request.method,
            path: request.path,
            condition: step.example.condition,
            deprecated: step.endpoint.deprecation != nil,
            expectedStatus: step.example.status,
            actualStatus: nil,
            drifts: []
        )
        let usesToken = step.example.condition == .success && [.touch, .requiresToken, .logout].contains(role)
        if usesToken && token == nil {
            switch await logIn(step.service) {
            case .success(let issued): token = issued
            case .failure(let reason):
                result.drifts = ["could not log in for a token: \(reason.message)"]
                return result
            }
            return await check(step, token: &token)
        }
        let response: ContractResponse
        do {
            response = try await transport.send(request)
        } catch {
            result.drifts = ["no answer: \(error)"]
            return result
        }
        result.actualStatus = response.status
        result.drifts = ContractComparison.drifts(expected: step.example, actual: response)
        if role == .login && step.example.condition == .success && TokenLocation.issues(step.example) {
            if let issued = TokenLocation.issuedToken(by: step.example, in: response) {
                token = issued
            } else if result.drifts.isEmpty {
                result.drifts.append("no token where the example puts {{token}}")
            }
        }
        if usesToken && role == .logout { token = nil }
        return result
    }

    /// Logs in with the service's first login example that issues a token, for a route that
    /// needs one when no check has left a token behind.
    private func logIn(_ service: ServiceFixture) async -> Result<String, ContractTransportError> {
        let login = service.endpoints.lazy.filter { $0.role == .login }.compactMap { endpoint in
            endpoint.responses.first {
                $0.condition == .success && TokenLocation.issues($0)
                    && ContractPlan.isReachable($0, from: endpoint.request)
            }
            .map { ContractStep(service: service, endpoint: endpoint, example: $0) }
        }.first
        guard let login else { return .failure(ContractTransportError("the service has no login that issues a token")) }
        do {
            let response = try await transport.send(makeRequest(login, token: nil))
            guard let token = TokenLocation.issuedToken(by: login.example, in: response) else {
                return .failure(ContractTransportError("\(login.endpoint.method) \(login.endpoint.path) answered \(response.status) with no token"))
            }
            return .success(token)
        } catch {
            return .failure(ContractTransportError("\(error)"))
        }
    }
}
