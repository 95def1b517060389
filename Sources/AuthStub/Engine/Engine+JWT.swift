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
