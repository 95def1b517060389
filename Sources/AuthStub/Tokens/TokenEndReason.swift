/// Why a token ended. Every end has a reason and a server-clock time (`TokenInfo.expiresAt`
/// for an ended token); the refusal a client hears when it uses the token again names it.
public enum TokenEndReason: String, Sendable, Equatable, Codable, CaseIterable {
    /// It ran out on the server clock: past its absolute expiry (`expirationTime`) or idle past
    /// its service's `idleTimeout`. Judged by the clock when read, so setting the clock back
    /// makes such a token usable again.
    case expired
    /// Logged out.
    case loggedOut
    /// Expired on purpose: the control API, a `tokenExpired` fault or a Pact provider state.
    case forced
    /// Another token of its family (the login it descends from, or a token that login led to)
    /// was revoked with the whole family.
    case familyRevoked
    /// Every token of its user was revoked.
    case userRevoked
    /// Dropped to keep the server within its live-token limits, the least recently used first
    /// (`AuthStubServer.Options.tokenLimit` and `tokenLimitPerUser`).
    case evicted
    /// A refresh token exchanged with rotation (a new one took its place), or an authorization
    /// code redeemed. Presenting it again is a reuse.
    case rotated

    /// The refusal a request carrying the token gets. `expired` has none of its own: its words
    /// say which clock limit passed (`TokenRecord.refusal`).
    var refusal: String {
        switch self {
        case .expired, .forced: "token expired"
        case .loggedOut: "token logged out"
        case .familyRevoked: "token family revoked"
        case .userRevoked: "token revoked with all of its user's tokens"
        case .evicted: "token evicted"
        case .rotated: "refresh token already exchanged (rotated)"
        }
    }

    /// The refusal's stable code (`RefusalReason`).
    var cause: RefusalReason {
        switch self {
        case .expired, .forced: .expired
        case .loggedOut, .familyRevoked, .userRevoked, .evicted: .revoked
        case .rotated: .reused
        }
    }

    /// The state the control API shows for a token that ended this way.
    var state: TokenState {
        switch self {
        case .expired, .forced: .expired
        case .loggedOut, .familyRevoked, .userRevoked, .evicted, .rotated: .revoked
        }
    }
}
