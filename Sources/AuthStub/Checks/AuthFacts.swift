/// What the auth-aware checks (`AuthCheck`) read of one journaled request, recorded by the
/// engine as it decides: which token the request presented and what the answer told the client
/// about tokens, refreshes, retries and routes. Tokens appear only as their `tokenID`s.
///
/// Never serialized: the checks run in the server that journaled the requests, over the
/// control API too (`POST /__control/verify`). Entries read back over HTTP have none, so the
/// facts take no part in an entry's equality.
struct AuthFacts: Sendable, Equatable {
    /// Server-clock time of the decision, in milliseconds (the entry's `time` is to the second).
    var decidedAt: Int64 = 0
    /// When the engine began the request, on the process's monotonic clock: a request "comes
    /// after" an answer when it arrived once that answer was complete.
    var arrived: ContinuousClock.Instant?
    /// When its answer was complete (journaled), plus the delay a `delay` fault held it back.
    var answered: ContinuousClock.Instant?
    /// The connection it came on (`peer#id`); nil for the socket-free transport.
    var connection: String?
    /// `service/endpoint` of the matched route; nil when none matched.
    var route: String?
    /// The credential token the request presented (a bearer, a refresh token, an authorization
    /// code) when the checks need it: a bearer refused for good or that is a refresh token,
    /// and every refresh token or code.
    var presented: PresentedToken?
    /// What the answer told the client had ended.
    var ended: [ToldEnded] = []
    /// The family a refresh request exchanged (or tried to exchange) a token of.
    var refreshedFamily: String?
    /// The username (or client id) a login tried, whatever the answer.
    var login: String?
    /// Server-clock time before which the answer's `Retry-After` asked the client not to call
    /// the route again.
    var retryAfterUntil: Int64?
    /// The route is deprecated and its sunset had passed (or the control API removed it).
    var pastSunset = false
    /// Where the request exposed a token it should not have.
    var leaks: [TokenLeak] = []

    static func == (lhs: AuthFacts, rhs: AuthFacts) -> Bool { true }

    /// Bytes these facts add to their entry, for the journal's byte bound.
    var storedBytes: Int {
        var total = 96 + (connection?.utf8.count ?? 0) + (route?.utf8.count ?? 0) + (login?.utf8.count ?? 0) + (refreshedFamily?.utf8.count ?? 0)
        if let presented {
            total +=
                64 + presented.id.utf8.count + presented.shown.utf8.count + (presented.family?.utf8.count ?? 0) + (presented.user?.utf8.count ?? 0)
        }
        total += ended.count * 48 + leaks.count * 32
        return total
    }
}

/// A token a request presented, as the checks know it.
struct PresentedToken: Sendable, Equatable {
    /// Its `tokenID`.
    var id: String
    /// Its first characters (`5c0b…`), as a report shows it.
    var shown: String
    /// Its kind, when the store knew it.
    var kind: TokenKind?
    /// Its family (`TokenInfo.family` as text), when it has one.
    var family: String?
    /// `service/user` it belongs to, when the store knew it.
    var user: String?
}

/// What an answer told the client had ended.
enum ToldEnded: Sendable, Hashable {
    /// One token, by its `tokenID`.
    case token(String)
    /// Every token of a family (`TokenInfo.family` as text).
    case family(String)
    /// Every token of `service/user`.
    case user(String)
}

/// How a request exposed a token.
enum TokenLeak: Sendable, Equatable {
    /// A refresh token sent where an access token goes (RFC 6749 §1.5: refresh tokens go to
    /// the authorization server only).
    case refreshTokenAsBearer
    /// A token as the value of this query parameter (RFC 6750 §5.3: "Don't pass bearer tokens
    /// in page URLs").
    case inQuery(String)
    /// A token as a segment of the path.
    case inPath

    /// In words, for a failure.
    var words: String {
        switch self {
        case .refreshTokenAsBearer: "sent a refresh token as a bearer token"
        case .inQuery(let name): "put a token in the query string (\(name)=)"
        case .inPath: "put a token in the URL path"
        }
    }
}
