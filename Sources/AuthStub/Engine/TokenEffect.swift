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

    /// Carries out a successful answer's effect; returns the user and the token it concerned.
    mutating func apply(_ effect: TokenEffect, service: String, now: Int64) -> (user: String, token: String) {
        switch effect {
        case .issue(let user, let expiresAt, let note):
            let record = issue(service: service, user: user, now: now, expiresAt: expiresAt, note: note)
            return (user, record.token)
        case .revoke(let record):
            revoke(record.token, now: now)
            return (record.user, record.token)
        case .touch(let record):
            touch(record.token, now: now)
            return (record.user, record.token)
        }
    }
}
