/// What a successful answer does to token state: a login issues a token, a logout revokes the
/// presented one, any other route that requires the token touches it. The one place for it,
/// whichever path chose the answer (the documented behaviour or a forced override).
enum TokenEffect: Sendable {
    /// A fresh token for `user`, with what the login asked of it.
    case issue(user: String, expiresAt: Int64?, note: String?)
    /// The presented token ends.
    case revoke(TokenRecord)
    /// The presented token's idle timer starts again.
    case touch(TokenRecord)

    /// The token a login asks for.
    init(issuingFor input: LoginInput) {
        self = .issue(user: input.username, expiresAt: input.expiresAt, note: input.note)
    }
}

extension TokenStore {
    /// What a success on a route with `role` does with the presented `token` (a logout revokes
    /// it, any other route touches it), or why the token is refused. Runs under the lock.
    func effect(ofUsing token: String?, role: EndpointRole, service: ServiceFixture, now: Int64) -> Result<TokenEffect, TokenRefusal> {
        validate(token, service: service.name, now: now, idleLimit: service.token.idleTimeoutMilliseconds).map { record in
            role == .logout ? .revoke(record) : .touch(record)
        }
    }

    /// Carries out a successful answer's effect; returns the token it concerned, as it stands
    /// after. A login's `expiresAt` overrides the service's lifetime.
    mutating func apply(_ effect: TokenEffect, service: ServiceFixture, now: Int64) -> TokenRecord {
        switch effect {
        case .issue(let user, let expiresAt, let note):
            let end = expiresAt ?? service.token.lifetimeEnd(issuedAt: now)
            return issue(service: service.name, user: user, now: now, expiresAt: end, note: note, format: service.token.format)
        case .revoke(let record):
            revoke(record.token, now: now)
            return self.record(record.token) ?? record
        case .touch(let record):
            touch(record.token, now: now)
            return self.record(record.token) ?? record
        }
    }
}
