/// Everything a JWT needs beyond what the token store knows (its subject, times and id), worked
/// out under the lock for one issue: the key, the issuer and audience, the skew and the claims.
struct JWTMinting: Sendable {
    let key: JWSKey
    /// The header's `typ`.
    let type: String
    /// `iss`.
    let issuer: String
    /// `aud`.
    let audience: String
    /// Shifts `iat`, `exp` and `auth_time` (milliseconds); the server's own checks are not shifted.
    let skew: Int64
    /// `client_id` (RFC 9068 §2.2), when a client asked for the token.
    let clientID: String?
    /// `scope` (RFC 9068 §2.2.3), when the grant has one.
    let scope: String?
    /// The fixture's claims, filled in, then the queued ones: they override the registered ones.
    let claims: JSONObject

    /// The signed JWT for `user`, issued at `issuedAt` and ending at `expiresAt` (server clock),
    /// with `id` as its `jti`.
    func token(user: String, issuedAt: Int64, expiresAt: Int64?, id: String) -> String {
        var payload: JSONObject = [
            "iss": .string(issuer),
            "sub": .string(user),
            "aud": .string(audience),
        ]
        if let expiresAt { payload["exp"] = .number(String(seconds(expiresAt))) }
        payload["iat"] = .number(String(seconds(issuedAt)))
        payload["jti"] = .string(id)
        if let clientID { payload["client_id"] = .string(clientID) }
        if let scope { payload["scope"] = .string(scope) }
        for member in claims { payload[member.key] = member.value }
        return key.sign(header: ["typ": .string(type)], payload: JSONValue.object(payload).serializedBytes())
    }

    /// The same without the fixture's and the queued claims, for a token they would make too
    /// long (`TokenKey.maximumLength`).
    var withoutClaims: JWTMinting {
        JWTMinting(
            key: key,
            type: type,
            issuer: issuer,
            audience: audience,
            skew: skew,
            clientID: clientID,
            scope: scope,
            claims: ["authstub_warning": .string("claims left out: they would take the token past \(TokenKey.maximumLength) bytes")]
        )
    }

    /// NumericDate (RFC 7519 §2): whole seconds since the epoch, shifted by the skew.
    private func seconds(_ instant: Int64) -> Int64 {
        (instant &+ skew) / 1000
    }
}
