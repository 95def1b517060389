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

    /// What a fault does to the connection instead of (or to) the normal answer.
    enum ConnectionFault: Sendable {
        case drop
        case reset
        case malformed
    }

    /// A `status` fault's answer.
    struct InjectedAnswer: Sendable {
        var status: Int
        var headers: [HTTPHeaderField]
        var body: FaultBody?
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
    /// The status an error-template answer gets when a per-request override chose it.
    var templateStatus: Int?
    /// AuthStub itself refuses the request (a `Prefer` override naming nothing documented).
    var ownRefusal: (status: Int, message: String)?
    /// The ids of the faults that applied, in the order they were added.
    var faultIDs: [String] = []
    var injected: InjectedAnswer?
    var connectionFault: ConnectionFault?
    /// How long a `delay` fault holds the answer back.
    var delay: Duration?
}

extension Decision {
    /// Why a path that exists with other methods refused `method`.
    static func wrongMethodReason(path: String, method: String, allowed: [String]) -> String {
        "\(path) does not answer \(method) (it answers \(allowed.joined(separator: ", ")))"
    }
}
