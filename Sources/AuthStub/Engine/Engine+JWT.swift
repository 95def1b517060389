extension Engine {
    /// What a new access token of `service` for `user` says as a JWT, or nil when the service's
    /// tokens are not JWTs (or it has no key for their algorithm). The fixture's claims are
    /// filled in from `request`, the user's data and the `grant`; the queued claims lose one
    /// use. Runs under the lock.
    func jwtMinting(
        service: ServiceFixture,
        user: String,
        grant: TokenGrant?,
        request: RequestValues?,
        issuer: String,
        now: Int64,
        state: inout EngineState
    ) -> JWTMinting? {
        guard let format = service.token.format.jwt, let key = state.signing.rings[service.name]?.signer(for: format.algorithm) else {
            return nil
        }
        let values = TemplateValues(
            token: nil,
            now: RFC3339.string(epochSeconds: Int(now / 1000)),
            user: user,
            request: request,
            userData: state.users[service.name]?[user]?.data,
            issuer: issuer,
            grant: grant
        )
        var claims = TemplateRenderer.render(.object(format.claims), with: values).objectValue ?? [:]
        for member in state.signing.takeClaims(service: service.name) { claims[member.key] = member.value }
        return JWTMinting(
            key: key,
            type: format.type,
            issuer: issuer,
            audience: format.audience.map { TemplateRenderer.render($0, with: values) } ?? grant?.client ?? issuer,
            skew: state.signing.skews[service.name] ?? 0,
            clientID: grant?.client,
            scope: grant?.scope,
            claims: claims
        )
    }
}

extension Engine {
    /// Issues the ID token (OpenID Connect Core §2, §3.1.3.6) that goes with the access token
    /// `access` that `effect` issued, when the service issues ID tokens and the access token's grant asked for
    /// `openid`: `aud` is the grant's client, `auth_time` its authentication (else now), `nonce`
    /// the authorization request's (not on a refresh: §12.2), `at_hash` the left half of the
    /// access token's SHA-256 (§3.2.2.9). It joins the access token's family. Runs under the lock.
    func issueIDToken(
        with access: TokenRecord,
        by effect: TokenEffect,
        service: ServiceFixture,
        request: RequestValues?,
        issuer: String,
        now: Int64,
        state: inout EngineState
    ) -> TokenRecord? {
        guard let rule = service.token.idToken, let grant = access.grant,
            grant.scope?.split(separator: " ").contains(Substring(IDTokenRule.scope)) == true,
            let key = state.signing.rings[service.name]?.signer(for: rule.algorithm)
        else { return nil }
        let skew = state.signing.skews[service.name] ?? 0
        let values = TemplateValues(
            token: access.token,
            now: RFC3339.string(epochSeconds: Int(now / 1000)),
            user: access.user,
            request: request,
            userData: state.users[service.name]?[access.user]?.data,
            issuer: issuer,
            grant: grant
        )
        var claims: JSONObject = ["auth_time": .number(String(((grant.authTime ?? now) &+ skew) / 1000))]
        if let nonce = grant.nonce, !effect.isRefresh { claims["nonce"] = .string(nonce) }
        claims["at_hash"] = .string(Base64URL.encode(Array(SHA256.hash(access.token.utf8).prefix(16))))
        for member in TemplateRenderer.render(.object(rule.claims), with: values).objectValue ?? [:] { claims[member.key] = member.value }
        let minting = JWTMinting(
            key: key,
            type: IDTokenRule.type,
            issuer: issuer,
            audience: grant.client ?? issuer,
            skew: skew,
            clientID: nil,
            scope: nil,
            claims: claims
        )
        let end = rule.lifetimeMilliseconds.map { now &+ $0 } ?? access.deadline
        let issue = TokenStore.Issue(
            kind: .idToken,
            service: service.name,
            user: access.user,
            expiresAt: end,
            family: access.token,
            grant: grant,
            jwt: minting
        )
        return state.tokens.issue(issue, now: now)
    }
}
