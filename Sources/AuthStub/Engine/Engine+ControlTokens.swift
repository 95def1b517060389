import StubHTTP

/// The control operations on tokens.
extension Engine {
    func tokens() -> [TokenInfo] {
        let real = wallClockMilliseconds()
        return state.withLock { state in
            let now = state.clock.now(real: real)
            return state.tokens.inIssueOrder.map { Self.info($0, now: now, idleLimit: state.tokens.idleLimits[$0.service]) }
        }
    }

    /// Up to `limit` tokens (nil: all) in issue order, after the token `after` (nil: from the
    /// first); `next` is the last one's token when more remain. The store walks its issue order
    /// from `after`, so a page costs what it holds, not what the store holds.
    func tokens(limit: Int?, after: String?) throws(ControlError) -> TokenPage {
        let limit = try PageRequest.checked(limit: limit)
        let real = wallClockMilliseconds()
        return try state.withLock { (state: inout EngineState) throws(ControlError) -> TokenPage in
            guard let fetched = state.tokens.page(after: after, limit: PageRequest.fetchCount(for: limit)) else {
                throw .badInput("after must be a token the server holds; it holds no \"\(Redaction.shortened(after ?? ""))\"", field: "after")
            }
            let (page, more) = PageRequest.split(fetched, limit: limit)
            let now = state.clock.now(real: real)
            return TokenPage(
                tokens: page.map { Self.info($0, now: now, idleLimit: state.tokens.idleLimits[$0.service]) },
                next: more ? page.last?.token : nil
            )
        }
    }

    /// One token; a 404 when the server does not hold it.
    func tokenInfo(_ token: String) throws(ControlError) -> TokenInfo {
        let real = wallClockMilliseconds()
        let info: TokenInfo? = state.withLock { state in
            let now = state.clock.now(real: real)
            return state.tokens.record(token).map { Self.info($0, now: now, idleLimit: state.tokens.idleLimits[$0.service]) }
        }
        guard let info else { throw .notFound("no token \"\(token)\"") }
        return info
    }

    func mintToken(service: String, user: String?) throws(ControlError) -> TokenInfo {
        guard let fixture = fixtures.services.first(where: { $0.name == service }) else {
            throw .notFound("no service \"\(service)\"", field: "service")
        }
        guard let name = user ?? fixture.users.first?.username else {
            throw .badInput("service \"\(service)\" has no users; name one", field: "user")
        }
        guard !name.isEmpty else { throw .badInput("the user name is empty", field: "user") }
        let real = wallClockMilliseconds()
        return state.withLock { state in
            let now = state.clock.now(real: real)
            let issuer = state.issuer
            let jwt = jwtMinting(service: fixture, user: name, grant: nil, request: nil, issuer: issuer, now: now, state: &state)
            let issue = TokenStore.Issue(
                service: service,
                user: name,
                expiresAt: fixture.token.lifetimeEnd(issuedAt: now),
                format: fixture.token.format,
                jwt: jwt
            )
            let record = state.tokens.issue(issue, now: now)
            return Self.info(record, now: now, idleLimit: fixture.token.idleTimeoutMilliseconds)
        }
    }

    /// Expires the token now, or with `family` every token of its family that has not ended yet
    /// (end reason `forced`); 404 for an unknown token.
    func expireToken(_ token: String, family: Bool) throws(ControlError) -> TokenInfo {
        try changeToken(token) { store, now in
            if family { store.revokeFamily(of: token, now: now, as: .forced) } else { store.expire(token, now: now) }
        }
    }

    /// Revokes the token (end reason `loggedOut`, as a logout or an RFC 7009 revocation), or
    /// with `family` every token of its family that has not ended yet (`familyRevoked`); 404 for
    /// an unknown token.
    func revokeToken(_ token: String, family: Bool) throws(ControlError) -> TokenInfo {
        try changeToken(token) { store, now in
            if family { store.revokeFamily(of: token, now: now) } else { store.revoke(token, now: now) }
        }
    }

    func expireAllTokens() -> Int {
        let real = wallClockMilliseconds()
        return state.withLock { state in state.tokens.expireAll(now: state.clock.now(real: real)) }
    }

    /// Ends every token of `user` on `service` (end reason `userRevoked`); returns how many were
    /// still usable or ended only on the clock. 404 for an unknown service, 400 without a user.
    func revokeUserTokens(service: String, user: String?) throws(ControlError) -> Int {
        guard fixtures.services.contains(where: { $0.name == service }) else {
            throw .notFound("no service \"\(service)\"", field: "service")
        }
        guard let user, !user.isEmpty else { throw .badInput("name the user whose tokens end", field: "user") }
        let real = wallClockMilliseconds()
        return state.withLock { state in state.tokens.revokeAll(service: service, user: user, now: state.clock.now(real: real)) }
    }

    func setToken(_ token: String, enabled: Bool) throws(ControlError) -> TokenInfo {
        try changeToken(token) { store, _ in store.setEnabled(token, enabled) }
    }

    /// Applies `change` to a known token and reports it; 404 for an unknown one.
    private func changeToken(_ token: String, _ change: (inout TokenStore, Int64) -> Void) throws(ControlError) -> TokenInfo {
        let real = wallClockMilliseconds()
        let info: TokenInfo? = state.withLock { state in
            guard state.tokens.holds(token) else { return nil }
            let now = state.clock.now(real: real)
            change(&state.tokens, now)
            return state.tokens.record(token).map { Self.info($0, now: now, idleLimit: state.tokens.idleLimits[$0.service]) }
        }
        guard let info else { throw .notFound("no token \"\(token)\"") }
        return info
    }

    static func info(_ record: TokenRecord, now: Int64, idleLimit serviceIdleLimit: Int64?) -> TokenInfo {
        let idleLimit = record.kind == .access ? serviceIdleLimit : nil  // a refresh token never goes idle
        return TokenInfo(
            token: record.token,
            service: record.service,
            user: record.user,
            issuedAt: ServerTime.date(record.issuedAt),
            lastUsedAt: ServerTime.date(record.lastUsedAt),
            expiresAt: record.end(idleLimit: idleLimit).map(ServerTime.date),
            state: record.state(now: now, idleLimit: idleLimit),
            enabled: record.enabled,
            note: record.note,
            kind: record.kind,
            endReason: record.endReason(now: now, idleLimit: idleLimit),
            family: record.family.map(Int.init)
        )
    }
}
