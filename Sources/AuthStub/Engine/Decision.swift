import StubHTTP

/// What the engine decided about one request under the lock: the outcome, how it goes over the
/// wire, and the facts the journal records. Rendered outside the lock.
struct Decision: Sendable {
    var outcome: Outcome
    /// The route that matched; nil when none did.
    var route: MatchedRoute?
    /// Server-clock time of the decision.
    let now: Int64
    /// `now` to the second in RFC 3339, for `{{now}}` and the error templates.
    let timestamp: String
    /// `now` as the `Date` field value.
    let dateText: String
    /// Why the request was refused, or what forced or broke its answer, for the journal and the
    /// console.
    var reason: String?
    /// The documented refusal that answers, for the journal.
    var refusal: ResponseCondition?
    /// Why, as a stable code, when the refusal has one.
    var refusalReason: RefusalReason?
    /// The user the request acted as.
    var user: String?
    /// That user's data, for `{{user.<field>}}`.
    var userData: JSONObject?
    /// The CSRF value this answer hands out, for `{{csrfToken}}`.
    var csrfToken: String?
    /// The token the request carried, or the one its login was issued.
    var token: String?
    /// That token's times after a success, for `{{token.expiresAt}}` and its kin.
    var tokenTimes: TokenTimes?
    /// The refresh token a login or refresh issued (or kept), and its times.
    var refreshToken: (token: String, times: TokenTimes)?
    /// The OAuth 2.0 grant of that token, for `{{client}}` and `{{scope}}`.
    var grant: TokenGrant?
    /// The authorization code an `authorize` answer issued, for `{{code}}`.
    var code: String?
    /// Where an `authorize` answer redirects, once its client and redirect URI checked out.
    var redirect: AuthorizationRedirect?
    /// The refusal's message, for `{{message}}` in a documented refusal.
    var message: String?
    /// The request's values (body, query, headers…): they pick examples and fill their
    /// placeholders.
    var request: RequestValues?
    /// The issuer URL, for `{{issuer}}`.
    var issuer: String?
    /// The matched service's published signing keys, for `{{jwks}}`.
    var jwks: JSONValue?
    /// The ID token issued beside the access token, for `{{idToken}}`.
    var idToken: String?
    /// The ids of the faults that applied, in the order they were added.
    var faultIDs: [String] = []
    /// How long a `delay` fault holds the answer back.
    var delay: Duration?
    /// A `malformed` fault: the answer's body breaks off.
    var breaksOff = false
    /// A forwarded request's answer from upstream, or why there is none, once the forward is done.
    var forwarded: Result<UpstreamResponse, ForwardFailure>?
    /// What a success does to tokens, as decided (before it was carried out).
    var effect: TokenEffect?
    /// What the auth checks read of the request (`Engine.recordFacts`).
    var facts = AuthFacts()
    /// Tokens the request exposed in its path or query, as sent, for the journal to shorten.
    var exposedTokens: [String] = []
    /// A rate-limited answer's `Retry-After`, in whole seconds.
    var retryAfter: Int64?
}

/// A route that matched, with what the decision found about it on the server clock.
struct MatchedRoute: Sendable {
    /// The service and endpoint, one reference to copy (the decision is copied several times).
    let fixture: RoutedEndpoint
    var service: ServiceFixture { fixture.service }
    var endpoint: EndpointFixture { fixture.endpoint }
    /// The base path it matched under (`""` or e.g. `/m2m`).
    let basePath: String
    /// Where a deprecated route stands; nil when the route is not deprecated.
    var phase: DeprecationPhase?
    /// The sunset date in force for a deprecated route.
    let sunsetAt: Int64?
    /// The route offers more than one media type, so its answers vary with `Accept`.
    let negotiates: Bool
}

extension Decision {
    /// Why a path that exists with other methods refused `method`.
    static func wrongMethodReason(path: String, method: HTTPMethod, allowed: [String]) -> String {
        "\(path) does not answer \(method) (it answers \(allowed.joined(separator: ", ")))"
    }
}

/// A service and one of its endpoints, made once per fixture set (`FixtureSet.routed(_:)`), so
/// that what a request matched is one reference: a copy of the two structs would retain every
/// array and string they hold, and a decision is copied several times on its way.
final class RoutedEndpoint: Sendable {
    let service: ServiceFixture
    let endpoint: EndpointFixture
    /// `service/endpoint`, for the journal.
    let id: String
    /// The endpoint's examples, in order, each one reference for an `Outcome` to hold.
    let examples: [RoutedExample]
    /// The media types the endpoint's success examples offer (`Engine.offeredMediaTypes`),
    /// worked out once rather than for every request.
    let offeredMediaTypes: [String]
    /// The credential checks a login at the endpoint runs (`ServiceFixture.credentialChecks(of:)`),
    /// worked out once rather than for every request.
    let credentialChecks: [CredentialCheck]

    init(service: ServiceFixture, endpoint: EndpointFixture) {
        self.service = service
        self.endpoint = endpoint
        let id = EndpointID(service, endpoint)
        self.id = id.description
        self.examples = endpoint.responses.map { RoutedExample($0, id: id.example($0.name)) }
        self.offeredMediaTypes = Engine.offeredMediaTypes(endpoint)
        self.credentialChecks = service.credentialChecks(of: endpoint)
    }
}

/// One documented example of a `RoutedEndpoint`, made with it. A decision holds this
/// reference: a copy of the example itself retained each of its strings and arrays, which the
/// fixture set shares with every request on both event loops, and released them again.
final class RoutedExample: Sendable {
    /// The example as its fixture documents it.
    let example: ResponseExample
    /// `service/endpoint#example`, for `X-AuthStub-Example` and the journal.
    let id: String

    init(_ example: ResponseExample, id: String) {
        self.example = example
        self.id = id
    }
}
