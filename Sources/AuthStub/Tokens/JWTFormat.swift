/// Tokens that are signed JWTs (fixture key `token.format: {"jwt": {…}}`): RFC 9068's access
/// token profile by default, signed with the service's `signingKeys`.
struct JWTFormat: Sendable, Equatable {
    /// The JWS algorithm that signs (`RS256` or `HS256`); the service's signing key for it signs.
    var algorithm: JWSAlgorithm
    /// The header's `typ`: `at+jwt` (RFC 9068 §2.1) unless the fixture says otherwise.
    var type = JWTFormat.accessTokenType
    /// The `aud` claim (may hold placeholders); nil: the grant's client id, else the issuer.
    var audience: String?
    /// Further claims, whose strings may hold placeholders (`{"email": "{{user.email}}"}`); they
    /// override the registered claims of the same name.
    var claims: JSONObject = [:]

    /// RFC 9068 §2.1: `typ` of a JWT access token.
    static let accessTokenType = "at+jwt"
    /// The `jti` of a JWT: 22 base64url characters (132 random bits).
    static let identifier = TokenFormat(prefix: "", characters: .base64url, length: 22)
}
