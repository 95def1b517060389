/// A service's OpenID Connect ID tokens (fixture key `token.idToken`): when the grant's scope
/// holds `openid`, every access token it issues comes with an ID token (`{{idToken}}`, OpenID
/// Connect Core §2), a JWT kept in the store in the access token's family.
struct IDTokenRule: Sendable, Equatable {
    /// The JWS algorithm that signs (the service's signing key for it signs).
    var algorithm: JWSAlgorithm
    /// How long an ID token lives (milliseconds); nil: as long as its access token.
    var lifetimeMilliseconds: Int64?
    /// Further claims, whose strings may hold placeholders (`{"email": "{{user.email}}"}`).
    var claims: JSONObject = [:]

    /// The scope value that asks for an ID token (OpenID Connect Core §3.1.2.1).
    static let scope = "openid"
    /// The header's `typ` (RFC 7519 §5.1).
    static let type = "JWT"
}

extension FixtureReader {
    /// Reads `token.idToken`: `{"algorithm": "RS256", "lifetime": "1h", "claims": {…}}` (only
    /// `algorithm` required). nil when absent or wrong (the problem reported).
    mutating func idTokenRule(_ value: JSONValue?, at path: String) -> IDTokenRule? {
        guard let value, let object = object(value, at: path, allowed: ["algorithm", "lifetime", "claims"], required: ["algorithm"]) else {
            return nil
        }
        guard let algorithm = choice(object, "algorithm", at: path, as: JWSAlgorithm.self) else { return nil }
        var rule = IDTokenRule(algorithm: algorithm, lifetimeMilliseconds: duration(object, "lifetime", at: path))
        if let claims = object["claims"] {
            guard case .object(let members) = claims else {
                report(Self.path(path, "claims"), "expected an object of claims, found \(describe(claims))")
                return nil
            }
            checkTemplates(in: claims, at: Self.path(path, "claims"))
            rule.claims = members
        }
        return rule
    }
}
