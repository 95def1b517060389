/// What an OAuth 2.0 grant said about a token: the client it was issued to, the scope granted,
/// and what an authorization request sent that its code's redemption and ID token need. Kept
/// per token in a side table of `TokenStore` (few tokens have one), set through
/// `TokenStore.Issue.grant`. A refresh inherits its refresh token's grant, tokens redeemed from
/// a code inherit the code's.
struct TokenGrant: Sendable, Equatable {
    /// The client id the token was issued to (RFC 6749 §2.2).
    var client: String?
    /// The granted scope, space-separated (RFC 6749 §3.3).
    var scope: String?
    /// The authorization request's `nonce` (OpenID Connect Core §3.1.2.1), for the ID token.
    var nonce: String?
    /// The authorization request's `redirect_uri`, when it sent one: the redemption must send the
    /// same (RFC 6749 §4.1.3).
    var redirectURI: String?
    /// The authorization request's PKCE `code_challenge` (RFC 7636 §4.3).
    var codeChallenge: String?
    /// Its `code_challenge_method`: `S256` or `plain` (RFC 7636 §4.3; `plain` when not sent).
    var codeChallengeMethod: String?
    /// When the user authenticated (milliseconds on the server clock), for `auth_time`.
    var authTime: Int64?
}
