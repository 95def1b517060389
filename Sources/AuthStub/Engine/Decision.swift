/// What the engine decided about one request, made under the lock and rendered outside it.
struct Decision: Sendable {
    enum Kind: Sendable {
        /// No route has this path.
        case notFound
        /// The path exists with other methods.
        case wrongMethod(allowed: [String])
        /// A route answered (or refused) with `condition`.
        case answered(ServiceFixture, EndpointFixture, Route, ResponseCondition)
    }

    var kind: Kind
    var journalID: Int
    /// Server-clock time of the decision.
    var now: Int64
    /// The documented example chosen, nil when the service's error template answers.
    var example: ResponseExample?
    /// The refusal's message for error templates (e.g. `unknown token`).
    var message: String?
    /// Why the request was refused, for the journal and the console.
    var reason: String?
    var user: String?
    var token: String?
    var requestBody: JSONObject?
    /// The route is deprecated (served and flagged, or removed).
    var deprecated = false
    var phase: DeprecationPhase?
    /// The sunset date in force for a deprecated route.
    var sunsetAt: Int64?
    /// The route offers more than one media type.
    var negotiates = false
}
