public import Foundation
public import StubHTTP

/// What the server did with one API request (control requests are never journaled).
///
/// Unless the server keeps secrets (`AuthStubServer.Options.keepSecrets`), what clients send
/// as credentials is hidden before the entry is kept: Basic and other credentials, cookie
/// values and password or secret fields read `[redacted]`, and tokens show their first four
/// characters (`Bearer 5c0b…`). A `JournalFilter` given the full token or header value still
/// finds the entry.
public struct JournalEntry: Sendable, Equatable {
    /// Sequential within one server, starting at 1.
    public var id: Int
    /// Server-clock time of arrival, to the second.
    public var time: Date
    /// The request method.
    public var method: HTTPMethod
    /// The request path, without the query.
    public var path: String
    /// Request headers in arrival order, their secrets hidden.
    public var headers: [HTTPHeaderField]
    /// The request body as text (UTF-8, invalid bytes replaced), its secret fields hidden.
    public var body: String
    /// The status sent, or nil when the connection was closed without one.
    public var status: HTTPStatus?
    /// The service whose route matched, or nil.
    public var service: String?
    /// `service/endpoint#example` of the documented example that answered, or nil when unmatched.
    public var fixture: String?
    /// Time spent in the engine.
    public var duration: Duration
    /// The user the request authenticated as, when known.
    public var user: String?
    /// The token the request carried or received, when any, shortened to its first four
    /// characters (`5c0b…`) unless the server keeps secrets.
    public var token: String?
    /// A stable identity of that token: a keyed hash (16 hex digits), the same for every entry
    /// with the same token for the life of this server, even once the token is swept or its
    /// entry shows it shortened. It cannot be turned back into the token.
    public var tokenID: String?
    /// The kind of that token (`access` for every token today).
    public var tokenKind: TokenKind?
    /// The route is deprecated.
    public var deprecated: Bool
    /// The journal cut header values or the body to its per-entry cap; each cut value ends
    /// with `…[cut by the journal: N bytes sent]`.
    public var truncated = false
    /// The members most requests leave unset, out of line: a full journal holds 10,000 entries.
    private var unusual: Uncommon<Unusual>
    /// Fingerprints of what was hidden, so a filter given a full value still matches.
    var fingerprints = SecretFingerprints()
    /// What the auth checks read of the request (`AuthCheck`).
    var facts = AuthFacts()

    /// An entry with every member given (`fingerprints` and `facts` are set by the engine).
    init(
        id: Int,
        time: Date,
        method: HTTPMethod,
        path: String,
        query: String?,
        headers: [HTTPHeaderField],
        body: String,
        status: HTTPStatus?,
        service: String?,
        fixture: String?,
        fault: String?,
        deprecated: Bool,
        duration: Duration,
        reason: String?,
        user: String?,
        token: String?,
        tokenID: String? = nil,
        tokenKind: TokenKind? = nil,
        refusal: ResponseCondition? = nil,
        refusalReason: RefusalReason? = nil,
        responseHeaders: [HTTPHeaderField] = [],
        truncated: Bool = false,
        proxiedTo: String? = nil
    ) {
        self.id = id
        self.time = time
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.status = status
        self.service = service
        self.fixture = fixture
        self.deprecated = deprecated
        self.duration = duration
        self.user = user
        self.token = token
        self.tokenID = tokenID
        self.tokenKind = tokenKind
        self.truncated = truncated
        unusual = Uncommon(
            Unusual(
                query: query,
                fault: fault,
                reason: reason,
                refusal: refusal,
                refusalReason: refusalReason,
                responseHeaders: responseHeaders,
                proxiedTo: proxiedTo
            )
        )
    }

    /// The part of the target after `?`, or nil.
    public var query: String? {
        get { unusual.stored?.query }
        set { unusual.set(\.query, to: newValue) }
    }
    /// The id of the fault that applied, or nil.
    public var fault: String? {
        get { unusual.stored?.fault }
        set { unusual.set(\.fault, to: newValue) }
    }
    /// Why the request was refused, in words a person understands (nil when it succeeded).
    public var reason: String? {
        get { unusual.stored?.reason }
        set { unusual.set(\.reason, to: newValue) }
    }
    /// The documented refusal that answered the request (`badToken`, `badCredentials`,
    /// `notAcceptable`, `gone`, …), machine-readable beside `reason`; nil when none did.
    public var refusal: ResponseCondition? {
        get { unusual.stored?.refusal }
        set { unusual.set(\.refusal, to: newValue) }
    }
    /// Why it refused, as a stable code (`missing`, `unknown`, `expired`, `revoked`,
    /// `disabled`, `reused`, `wrong`), when the refusal has one; `reason` says it in words.
    public var refusalReason: RefusalReason? {
        get { unusual.stored?.refusalReason }
        set { unusual.set(\.refusalReason, to: newValue) }
    }
    /// The response headers later checks read, as sent: `Retry-After`, `Deprecation`, `Sunset`.
    public var responseHeaders: [HTTPHeaderField] {
        get { unusual.stored?.responseHeaders ?? [] }
        set { unusual.set(\.responseHeaders, to: newValue) }
    }
    /// The upstream URL the request was forwarded to (`proxyUnmatched` or a service's
    /// `"proxy"`), its path included and its query left out; nil when the server answered it.
    public var proxiedTo: String? {
        get { unusual.stored?.proxiedTo }
        set { unusual.set(\.proxiedTo, to: newValue) }
    }

    /// What `unusual` holds.
    private struct Unusual: UncommonMembers {
        var query: String?
        var fault: String?
        var reason: String?
        var refusal: ResponseCondition?
        var refusalReason: RefusalReason?
        var responseHeaders: [HTTPHeaderField] = []
        var proxiedTo: String?
    }
}

extension JournalEntry {
    /// `time` as the control API and the console show it: RFC 3339 in UTC, with milliseconds
    /// when there are any (`2026-11-23T10:00:00.250+00:00`).
    public var timeText: String { ServerTime.text(time) }
}

/// A header as the journal keeps it.
public struct HTTPHeaderField: Sendable, Equatable, Codable {
    /// The name as sent.
    public var name: String
    /// The value as sent (secrets hidden, in the journal).
    public var value: String

    /// A header with `name` and `value`.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
