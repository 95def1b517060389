public import StubHTTP

/// One served endpoint, as `GET /__control/fixtures` lists it.
public struct FixtureSummary: Sendable, Equatable {
    /// One documented response.
    public struct Example: Sendable, Equatable {
        public var name: String
        public var condition: ResponseCondition
        public var status: HTTPStatus

        public init(name: String, condition: ResponseCondition, status: HTTPStatus) {
            self.name = name
            self.condition = condition
            self.status = status
        }
    }

    public var service: String
    public var endpoint: String
    public var method: HTTPMethod
    /// Every full path it is served under.
    public var paths: [String]
    public var role: EndpointRole
    public var summary: String?
    /// The seed document it replays, when it names one.
    public var seed: String?
    public var examples: [Example]
    /// Its deprecation phase now, or nil when it is not deprecated.
    public var deprecation: DeprecationPhase?
    /// Added through the control API rather than loaded from disk.
    public var addedAtRunTime: Bool

    public init(
        service: String,
        endpoint: String,
        method: HTTPMethod,
        paths: [String],
        role: EndpointRole,
        summary: String?,
        seed: String?,
        examples: [Example],
        deprecation: DeprecationPhase?,
        addedAtRunTime: Bool
    ) {
        self.service = service
        self.endpoint = endpoint
        self.method = method
        self.paths = paths
        self.role = role
        self.summary = summary
        self.seed = seed
        self.examples = examples
        self.deprecation = deprecation
        self.addedAtRunTime = addedAtRunTime
    }
}

/// Fixtures to add while the server runs, written in the fixture file format.
public enum FixtureAddition: Sendable, Equatable {
    /// One endpoint file's content, added to an existing service.
    case endpoint(service: String, JSONValue)
    /// A `service.json`'s content with its endpoint files' contents: a new service.
    case service(JSONValue, endpoints: [JSONValue])
}

/// A user a service's login accepts.
public struct ServiceUser: Sendable, Equatable {
    public var service: String
    public var username: String
    public var password: String

    public init(service: String, username: String, password: String) {
        self.service = service
        self.username = username
        self.password = password
    }
}
