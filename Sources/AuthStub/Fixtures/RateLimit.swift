/// A rate limit a service or an endpoint declares (fixture key `rateLimits`): at most
/// `requests` requests per `window` on the server clock, counted per route, user, OAuth client or
/// token. A request over it is refused with `"when": "rateLimited"` (429 and `Retry-After`).
public struct RateLimit: Sendable, Equatable {
    /// What a limit counts requests per: an open set of names (a later version may add some),
    /// built by its static members.
    public struct Subject: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The name as fixtures write `per`, e.g. `user`.
        public let rawValue: String
        /// The subject named `rawValue`.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The route (method and path): every request to it counts together.
        public static let route = Subject(rawValue: "route")
        /// The user a login logs in as (the username it sends), or the user of the token it
        /// presents.
        public static let user = Subject(rawValue: "user")
        /// The OAuth 2.0 client a `client` credential check reads, else the client of the
        /// presented token's grant.
        public static let client = Subject(rawValue: "client")
        /// The access or refresh token the request presents.
        public static let token = Subject(rawValue: "token")
        /// The subjects this version counts, in the order error messages list them.
        public static let known: [Subject] = [.route, .user, .client, .token]
        /// The name.
        public var description: String { rawValue }
    }

    /// Its name, unique among the limits of its service and endpoint; the journal's reason
    /// names it (`rate limit login-per-user: …`).
    public var name: String
    /// How many requests a window lets through.
    public var requests: Int
    /// How long a window lasts, in whole seconds (milliseconds, the engine's time).
    var windowMilliseconds: Int64
    /// What requests are counted per.
    public var per: Subject

    /// How long a window lasts.
    public var window: Duration { .milliseconds(windowMilliseconds) }

    /// The requests a window may let through.
    static let requestCounts = 1...1_000_000
    /// The shortest and longest window: a second to 30 days.
    static let windows: ClosedRange<Int64> = 1_000...2_592_000_000
}

extension RateLimit.Subject: KnownValues {}

extension FixtureReader {
    /// `"rateLimits": [{"name": "login-per-user", "requests": 5, "window": "1m", "per": "user"}]`
    /// (`per` defaults to `route`). Names must be single words, unique in the list (an endpoint's
    /// beside its service's: `FixtureSet.rateLimitProblems`).
    mutating func rateLimits(_ root: JSONObject, at path: String) -> [RateLimit] {
        let listPath = Self.path(path, "rateLimits")
        var limits: [RateLimit] = []
        var names: Set<String> = []
        for (index, element) in (array(root, "rateLimits", at: path) ?? []).enumerated() {
            let limitPath = Self.path(listPath, index)
            guard
                let object = object(
                    element,
                    at: limitPath,
                    allowed: ["name", "requests", "window", "per"],
                    required: ["name", "requests", "window"]
                )
            else { continue }
            let name = nonEmptyString(object, "name", at: limitPath)
            if let name, !isToken(name) || name.contains("/") {
                report(Self.path(limitPath, "name"), "\"\(name)\" must be a single word (letters, digits, - or _)")
            } else if let name, !names.insert(name).inserted {
                report(Self.path(limitPath, "name"), "rate limit \"\(name)\" is declared twice")
            }
            let requests = int(object, "requests", at: limitPath, in: RateLimit.requestCounts)
            var window = duration(object, "window", at: limitPath)
            if let length = window, !RateLimit.windows.contains(length) || length % 1_000 != 0 {
                report(Self.path(limitPath, "window"), "a window is whole seconds from 1s to 30d")
                window = nil
            }
            let per = object["per"] == nil ? .route : choice(object, "per", at: limitPath, as: RateLimit.Subject.self)
            guard let name, let requests, let window, let per else { continue }
            limits.append(RateLimit(name: name, requests: requests, windowMilliseconds: window, per: per))
        }
        return limits
    }
}

extension FixtureSet {
    /// An endpoint's rate limits named like one of its service's: the journal's reasons would
    /// not tell them apart.
    static func rateLimitProblems(of endpoint: EndpointFixture, in service: ServiceFixture) -> [FixtureProblem] {
        endpoint.rateLimits.enumerated().compactMap { index, limit in
            guard service.rateLimits.contains(where: { $0.name == limit.name }) else { return nil }
            return FixtureProblem(
                file: endpoint.file,
                path: "$.rateLimits[\(index)].name",
                reason: "rate limit \"\(limit.name)\" is also a limit of service \(service.name): give it a name of its own"
            )
        }
    }
}
