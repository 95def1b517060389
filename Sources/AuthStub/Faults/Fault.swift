public import StubHTTP

/// A failure to inject into API requests: what happens, to which requests, how many times.
///
/// ```swift
/// try await stub.addFault(Fault(.status(503, headers: [HTTPHeaderField("Retry-After", "2")]), times: 2))
/// try await stub.addFault(Fault(.unauthorized, match: FaultMatch(path: "/m2m/v1/auth/bump", token: token), times: 1))
/// ```
public struct Fault: Sendable, Equatable {
    /// What happens to a request it applies to.
    public var kind: FaultKind
    /// Which requests it applies to; the default matches every API request.
    public var match: FaultMatch
    /// How many requests it applies to before it is spent; nil: until removed.
    public var times: Int?

    /// A fault of `kind` for the requests `match` picks, applied `times` times (nil: until removed).
    public init(_ kind: FaultKind, match: FaultMatch = FaultMatch(), times: Int? = nil) {
        self.kind = kind
        self.match = match
        self.times = times
    }
}

/// What a fault does to a matching request.
public enum FaultKind: Sendable, Equatable {
    /// The service's own 401 (its body shape and `WWW-Authenticate`), whatever the credentials
    /// or token. Applies only to requests that match a fixture.
    case unauthorized
    /// The token the request carries is expired first, so this request and later ones with it
    /// get 401. Applies only to requests that carry a token.
    case tokenExpired
    /// Deprecated routes answer `410 Gone` naming their successor. Applies only to deprecated
    /// routes.
    case deprecatedRemoved
    /// Any status, headers and body. Without a body, a status of 400 or more is answered in the
    /// service's own error shape.
    case status(HTTPStatus, headers: [HTTPHeaderField] = [], body: FaultBody? = nil)
    /// Waits this long, then sends the normal answer (or another fault's).
    case delay(Duration)
    /// Closes the connection without a response.
    case drop
    /// Resets the connection (the client sees a TCP RST).
    case reset
    /// Sends the normal answer's head and half its body, then closes.
    case malformed

    /// The name the control API uses: `unauthorized`, `status`, `delay`, …
    public var name: String {
        switch self {
        case .unauthorized: "unauthorized"
        case .tokenExpired: "tokenExpired"
        case .deprecatedRemoved: "deprecatedRemoved"
        case .status: "status"
        case .delay: "delay"
        case .drop: "drop"
        case .reset: "reset"
        case .malformed: "malformed"
        }
    }
}

/// The body of a `status` fault.
public enum FaultBody: Sendable, Equatable {
    /// Sent as is; `Content-Type` defaults to `text/plain; charset=utf-8`.
    case text(String)
    /// Serialized; `Content-Type` defaults to `application/json`.
    case json(JSONValue)
}

/// Which API requests a fault applies to. Every part left nil (or empty) matches anything.
///
/// ```swift
/// // the next refresh fails, whatever else the token endpoint answers
/// try await stub.addFault(.status(400, body: .json(.object(["error": .string("invalid_grant")]))), match: FaultMatch(grant: "refresh_token"), times: 1)
/// ```
public struct FaultMatch: Sendable, Equatable {
    /// The request method, e.g. `POST` (compared in upper case).
    public var method: HTTPMethod?
    /// The request path, exactly, or with `*` standing for any run of characters
    /// (`/m2m/*`). The query is not part of it.
    public var path: String?
    /// The token the request carries, in the service's header or `Authorization: Bearer`.
    public var token: String?
    /// Request values that must all hold, as a fixture's `match` writes them: a selector
    /// (`body.grant_type`, `query.scope`, `header.X-Foo`, `cookie.sid`, `path.id`) to a string
    /// (equals), an array of strings (any of them), `true` (present) or `false` (absent).
    public var values: [String: JSONValue]
    /// Shorthand for `"body.grant_type": grant`: the grant type of an OAuth 2.0 token request
    /// (RFC 6749 §4), e.g. `refresh_token`.
    public var grant: String?

    /// A match on the parts given; a part left nil matches anything.
    public init(method: HTTPMethod? = nil, path: String? = nil, token: String? = nil, values: [String: JSONValue] = [:], grant: String? = nil) {
        self.method = method
        self.path = path
        self.token = token
        self.values = values
        self.grant = grant
    }

    /// Matches every API request.
    public var isEmpty: Bool { method == nil && path == nil && token == nil && values.isEmpty && grant == nil }
}

/// A fault the server holds: its id (`f1`, `f2`, …), and how often it has applied.
public struct InstalledFault: Sendable, Equatable, Identifiable {
    /// Its id, `f1`, `f2`, … in the order added (numbering starts again after a reset).
    public var id: String
    /// The fault as it was added.
    public var fault: Fault
    /// Requests it will still apply to; nil: unlimited. A spent fault stays listed with 0 while
    /// it is among the last 1,000 spent.
    public var remaining: Int?
    /// Requests it has applied to so far.
    public var applied: Int

    /// An installed fault as the control API lists it.
    public init(id: String, fault: Fault, remaining: Int?, applied: Int) {
        self.id = id
        self.fault = fault
        self.remaining = remaining
        self.applied = applied
    }
}
