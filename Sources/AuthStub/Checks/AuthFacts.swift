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
    /// The connection it came on (its peer and number); nil for the socket-free transport.
    var connection: Connection?
    /// The username (or client id) a login tried, whatever the answer.
    var login: String?
    /// The facts most requests leave unset, out of line: every journal entry holds its facts.
    private var unusual = Uncommon<Unusual>()

    /// The credential token the request presented (a bearer, a refresh token, an authorization
    /// code) when the checks need it: a bearer refused for good or that is a refresh token,
    /// and every refresh token or code.
    var presented: PresentedToken? {
        get { unusual.stored?.presented }
        set { unusual.set(\.presented, to: newValue) }
    }
    /// What the answer told the client had ended.
    var ended: [ToldEnded] {
        get { unusual.stored?.ended ?? [] }
        set { unusual.set(\.ended, to: newValue) }
    }
    /// The family a refresh request exchanged (or tried to exchange) a token of.
    var refreshedFamily: String? {
        get { unusual.stored?.refreshedFamily }
        set { unusual.set(\.refreshedFamily, to: newValue) }
    }
    /// Server-clock time before which the answer's `Retry-After` asked the client not to call
    /// the route again.
    var retryAfterUntil: Int64? {
        get { unusual.stored?.retryAfterUntil }
        set { unusual.set(\.retryAfterUntil, to: newValue) }
    }
    /// The route is deprecated and its sunset had passed (or the control API removed it).
    var pastSunset: Bool {
        get { unusual.stored?.pastSunset ?? false }
        set { unusual.set(\.pastSunset, to: newValue) }
    }
    /// Where the request exposed a token it should not have.
    var leaks: [TokenLeak] {
        get { unusual.stored?.leaks ?? [] }
        set { unusual.set(\.leaks, to: newValue) }
    }

    /// What `unusual` holds.
    private struct Unusual: UncommonMembers {
        var presented: PresentedToken?
        var ended: [ToldEnded] = []
        var refreshedFamily: String?
        var retryAfterUntil: Int64?
        var pastSunset = false
        var leaks: [TokenLeak] = []
    }

    static func == (lhs: AuthFacts, rhs: AuthFacts) -> Bool { true }

    /// Bytes these facts add to their entry, for the journal's byte bound.
    var storedBytes: Int {
        var total = 96 + (connection?.peer.utf8.count ?? 0) + (login?.utf8.count ?? 0) + (refreshedFamily?.utf8.count ?? 0)
        if let presented {
            total +=
                64 + presented.id.utf8.count + presented.shown.utf8.count + (presented.family?.utf8.count ?? 0)
        }
        total += ended.count * 48 + leaks.count * 32
        return total
    }
}

/// The connection a request came on: a later request on it was sent after this one's answer.
struct Connection: Sendable, Equatable {
    let peer: String
    let id: UInt64
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
}

/// What an answer told the client had ended.
enum ToldEnded: Sendable, Hashable {
    /// One token, by its `tokenID`.
    case token(String)
    /// Every token of a family (`TokenInfo.family` as text).
    case family(String)
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
