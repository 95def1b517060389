public import StubHTTP

/// The outcome of replaying one documented example against a server.
public struct ContractCheck: Sendable, Equatable {
    /// The service's name, e.g. `wice`.
    public var service: String
    /// The endpoint fixture's name, e.g. `login`.
    public var endpoint: String
    /// The documented example checked, e.g. `status-message`.
    public var example: String
    /// The method requested.
    public var method: HTTPMethod
    /// The full path requested, e.g. `/m2m/v1/auth/login`.
    public var path: String
    /// What the request tried: `success`, `badCredentials` or `badToken`.
    public var condition: ResponseCondition
    /// The endpoint is deprecated (`DEPRECATED` in the table).
    public var deprecated: Bool
    /// The status the example documents.
    public var expectedStatus: HTTPStatus
    /// The status received, or nil when no answer came.
    public var actualStatus: HTTPStatus?
    /// Every way the answer differs from the example; empty when it matches.
    public var drifts: [String]

    /// The answer matched the example.
    public var passed: Bool { drifts.isEmpty }
    /// `service/endpoint#example`, as in `X-AuthStub-Example`.
    public var exampleName: String { "\(service)/\(endpoint)#\(example)" }
}

/// Every check of one `verify` run, in the order they ran.
public struct ContractReport: Sendable, Equatable {
    /// The checks, in the order they ran.
    public var checks: [ContractCheck]

    /// A report of `checks`.
    public init(checks: [ContractCheck]) { self.checks = checks }

    /// True when there was something to check and every check matched.
    public var passed: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }
    /// How many checks did not match their example.
    public var failureCount: Int { checks.count { !$0.passed } }
}
