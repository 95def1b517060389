/// What a successful answer does to token state: a login issues a token, a logout revokes the
/// presented one, any other route that requires the token touches it. The one place for it,
/// whichever path chose the answer (the documented behaviour or a forced override).
///
/// The cases that carry a presented `TokenRecord` are `indirect`: inline, the record made every
/// effect (a login's too) over 300 bytes, copied whole at each step of a decision under the
/// state lock; boxed, those cases cost one allocation and a login none.
enum TokenEffect: Sendable {
    /// A fresh token for `user`, with what the login asked of it and its OAuth 2.0 grant.
    case issue(user: String, expiresAt: Int64?, note: String?, grant: TokenGrant?)
    /// The presented token ends, with its family or its user's tokens as `scope` says.
    indirect case revoke(TokenRecord, RevocationScope)
    /// The presented token's idle timer starts again.
    indirect case touch(TokenRecord)
    /// The presented refresh token is exchanged: a new access token of its family with `grant`
    /// (the refresh token's, or with a narrower scope, RFC 6749 §6), and with rotation a new
    /// refresh token in its place, with the refresh token's own grant.
    indirect case refresh(TokenRecord, grant: TokenGrant?)
    /// An authorization code for `user` with the authorization request's `grant`.
    case issueCode(user: String, grant: TokenGrant)
    /// The presented authorization code is redeemed: it ends (`rotated`: a second use is a
    /// reuse) and an access token (and a refresh token) join its family with its grant.
    indirect case redeem(TokenRecord)
    /// The token an introspection asks about is described; nothing changes.
    indirect case inspect(TokenRecord)

    /// The token the request presented; nil for a login.
    var presented: TokenRecord? {
        switch self {
        case .issue, .issueCode: nil
        case .revoke(let record, _), .touch(let record), .refresh(let record, _), .redeem(let record), .inspect(let record): record
        }
    }

    /// The token a login asks for, with the `scope` it is granted.
    init(issuingFor input: LoginInput, scope: String?) {
        var grant = input.grant
        if let scope { grant = TokenGrant(client: grant?.client, scope: scope) }
        self = .issue(user: input.username, expiresAt: input.expiresAt, note: input.note, grant: grant)
    }

    /// Whether it exchanges a refresh token.
    var isRefresh: Bool {
        if case .refresh = self { true } else { false }
    }

    /// The user a new access token is issued to and its grant; nil when the effect issues none.
    var issued: (user: String, grant: TokenGrant?)? {
        switch self {
        case .issue(let user, _, _, let grant): (user, grant)
        case .refresh(let presented, let grant): (presented.user, grant)
        case .redeem(let code): (code.user, code.grant)
        default: nil
        }
    }
}

extension TokenStore {
    /// What a success on `endpoint` does with the presented access `token` (a logout revokes
    /// it, any other route touches it), or why the token is refused. Runs under the lock.
    func effect(ofUsing token: String?, endpoint: EndpointFixture, service: ServiceFixture, now: Int64) -> Result<TokenEffect, TokenRefusal> {
        let accepted = service.acceptsTokensFrom + endpoint.acceptsTokensFrom
        return validate(token, service: service.name, alsoFrom: accepted, now: now, idleLimit: service.token.idleTimeoutMilliseconds).map { record in
            endpoint.role == .logout ? .revoke(record, endpoint.revokes) : .touch(record)
        }
    }

    /// Whether the presented refresh token can be exchanged, or why not (a rotated one is a
    /// reuse). Runs under the lock.
    func effect(ofRefreshing token: String?, service: ServiceFixture, now: Int64) -> Result<TokenEffect, TokenRefusal> {
        validate(token, service: service.name, kind: .refresh, now: now, idleLimit: nil).map { .refresh($0, grant: $0.grant) }
    }

    /// Carries out a successful answer's effect; returns the token it concerned, as it stands
    /// after, and the refresh token that goes with it. A login's `expiresAt` overrides the
    /// service's lifetime. `jwt` signs a new access token of a JWT format.
    mutating func apply(
        _ effect: TokenEffect,
        service: ServiceFixture,
        now: Int64,
        jwt: JWTMinting? = nil
    ) -> (token: TokenRecord, refresh: TokenRecord?) {
        let scheme = service.token
        switch effect {
        case .issue(let user, let expiresAt, let note, let grant):
            let end = expiresAt ?? scheme.lifetimeEnd(issuedAt: now)
            let access = issue(
                Issue(service: service.name, user: user, expiresAt: end, note: note, format: scheme.format, grant: grant, jwt: jwt),
                now: now
            )
            let refresh = scheme.refresh.map {
                issueRefresh($0, service: service.name, user: user, family: access.token, grant: grant, now: now)
            }
            return (access, refresh)
        case .revoke(let record, let scope):
            switch scope {
            case .family: revokeFamily(of: record.token, now: now)
            case .user: revokeAll(service: record.service, user: record.user, now: now)
            default: revoke(record.token, now: now)
            }
            return (self.record(record.token) ?? record, nil)
        case .touch(let record):
            touch(record.token, now: now)
            return (self.record(record.token) ?? record, nil)
        case .inspect(let record):
            return (record, nil)
        case .refresh(let presented, let grant):
            let access = issueAccess(descendingFrom: presented, grant: grant, scheme: scheme, now: now, jwt: jwt)
            guard let refresh = scheme.refresh, refresh.rotate, let slot = TokenKey(presented.token).flatMap(find) else {
                return (access, self.record(presented.token) ?? presented)
            }
            end(slot, .rotated, now: now)
            trimHistory()
            let rotated = issueRefresh(
                refresh,
                service: service.name,
                user: presented.user,
                family: presented.token,
                grant: presented.grant,
                now: now
            )
            return (access, rotated)
        case .issueCode(let user, let grant):
            let end = now &+ Engine.authorizationCodeLifetime
            return (issue(Issue(kind: .authorizationCode, service: service.name, user: user, expiresAt: end, grant: grant), now: now), nil)
        case .redeem(let code):
            let access = issueAccess(descendingFrom: code, grant: code.grant, scheme: scheme, now: now, jwt: jwt)
            let refresh = scheme.refresh.map {
                issueRefresh($0, service: service.name, user: code.user, family: code.token, grant: code.grant, now: now)
            }
            if let slot = TokenKey(code.token).flatMap(find) {
                end(slot, .rotated, now: now)
                trimHistory()
            }
            return (access, refresh)
        }
    }

    /// An access token of `scheme`'s format and lifetime (signed with `jwt` for a JWT format) for
    /// the user of `presented` (a refresh token or an authorization code), in its family, with
    /// `grant`.
    private mutating func issueAccess(
        descendingFrom presented: TokenRecord,
        grant: TokenGrant?,
        scheme: TokenScheme,
        now: Int64,
        jwt: JWTMinting?
    ) -> TokenRecord {
        let end = scheme.lifetimeEnd(issuedAt: now)
        let access = Issue(
            service: presented.service,
            user: presented.user,
            expiresAt: end,
            family: presented.token,
            format: scheme.format,
            grant: grant,
            jwt: jwt
        )
        return issue(access, now: now)
    }

    /// A refresh token of `refresh`'s format and lifetime, in `family`, with `grant`.
    private mutating func issueRefresh(
        _ refresh: RefreshScheme,
        service: String,
        user: String,
        family: String,
        grant: TokenGrant?,
        now: Int64
    ) -> TokenRecord {
        let end = refresh.lifetimeMilliseconds.map { now &+ $0 }
        let issue = Issue(kind: .refresh, service: service, user: user, expiresAt: end, family: family, format: refresh.format, grant: grant)
        return self.issue(issue, now: now)
    }
}
