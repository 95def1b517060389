public import Foundation
public import StubHTTP

/// One served endpoint, as `GET /__control/fixtures` lists it.
public struct FixtureSummary: Sendable, Equatable {
    /// One documented response.
    public struct Example: Sendable, Equatable {
        /// The example's name, unique within its endpoint.
        public var name: String
        /// The outcome it answers.
        public var condition: ResponseCondition
        /// The status it answers with.
        public var status: HTTPStatus

        /// An example named `name` that answers `condition` with `status`.
        public init(name: String, condition: ResponseCondition, status: HTTPStatus) {
            self.name = name
            self.condition = condition
            self.status = status
        }
    }

    /// The service's name, e.g. `wice`.
    public var service: String
    /// The endpoint fixture's name, e.g. `login`.
    public var endpoint: String
    /// The method it answers.
    public var method: HTTPMethod
    /// Every full path it is served under.
    public var paths: [String]
    /// What it does with tokens and credentials.
    public var role: EndpointRole
    /// What the seed document says it does.
    public var summary: String?
    /// The seed document it replays, when it names one.
    public var seed: String?
    /// Its documented responses, in file order.
    public var examples: [Example]
    /// Its deprecation phase now, or nil when it is not deprecated.
    public var deprecation: DeprecationPhase?
    /// Added through the control API rather than loaded from disk.
    public var addedAtRunTime: Bool

    /// A served endpoint as listed.
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
    /// The service whose login accepts the user, e.g. `wice`.
    public var service: String
    /// The user's name.
    public var username: String
    /// The user's password, or `[redacted]` in a listing that hides passwords.
    public var password: String
    /// The user's values beyond its name (`{"email": …, "id": 42}`), shown by `{{user.<field>}}`
    /// placeholders; not secret, so listings show it.
    public var data: JSONObject
    /// Where the user's account stands: whether its logins go through.
    public var state: AccountState
    /// When a `locked` account unlocks by itself, on the server clock; nil: it stays locked until
    /// unlocked (or is not locked).
    public var lockedUntil: Date?
    /// Wrong passwords in a row since the last success, lock or unlock (the service's `lockout`
    /// counts them).
    public var failedLogins: Int

    /// The user `username` with `password` and `data` for `service`, its account in `state`
    /// (`lockedUntil` for a lock that ends by itself) with `failedLogins` wrong passwords.
    public init(
        service: String,
        username: String,
        password: String,
        data: JSONObject = [:],
        state: AccountState = .active,
        lockedUntil: Date? = nil,
        failedLogins: Int = 0
    ) {
        self.service = service
        self.username = username
        self.password = password
        self.data = data
        self.state = state
        self.lockedUntil = lockedUntil
        self.failedLogins = failedLogins
    }
}
