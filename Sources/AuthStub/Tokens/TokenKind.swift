/// What a token is for. Logins issue `access` tokens today; refresh tokens and authorization
/// codes come with the auth-flow and OAuth 2.0 work, and share the store with them.
public enum TokenKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// Sent with API requests (the `auth-token` header, `Authorization: Bearer`).
    case access
    /// Exchanged for a new access token (RFC 6749 section 1.5).
    case refresh
    /// Exchanged once for tokens at an OAuth 2.0 token endpoint (RFC 6749 section 1.3.1).
    case authorizationCode
    /// An OpenID Connect ID token (OpenID Connect Core section 2), issued beside an access token.
    case idToken
}

extension TokenKind {
    /// The kind in refusal words: `token` for an access token, `refresh token`.
    var noun: String {
        switch self {
        case .access: "token"
        case .refresh: "refresh token"
        case .authorizationCode: "authorization code"
        case .idToken: "ID token"
        }
    }
}
