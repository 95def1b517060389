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
    /// first); `next` is the last one's token when more remain. The one walk of the store a
    /// listing takes: a store that can walk in issue order from a token answers it here.
    func tokens(limit: Int?, after: String?) throws(ControlError) -> TokenPage {
        let limit = try PageRequest.checked(limit: limit)
        let real = wallClockMilliseconds()
        return try state.withLock { (state: inout EngineState) throws(ControlError) -> TokenPage in
            var start = Int.min
            if let after {
                guard let record = state.tokens.records[after] else {
                    throw .badInput("after must be a token the server holds; it holds no \"\(Redaction.shortened(after))\"", field: "after")
                }
                start = record.serial
            }
            let (page, more) = Self.firstIssued(state.tokens.records.values, after: start, limit: limit)
            let now = state.clock.now(real: real)
            return TokenPage(
                tokens: page.map { Self.info($0, now: now, idleLimit: state.tokens.idleLimits[$0.service]) },
                next: more ? page.last?.token : nil
            )
        }
    }

    /// The `limit` records (nil: all) issued first after serial `start`, in issue order, and
    /// whether more follow: one pass that keeps the page sorted as it goes, so that a page of
    /// 50 out of many tokens costs a pass, not a sort of them all, under the lock.
    private static func firstIssued(
        _ records: some Collection<TokenRecord>,
        after start: Int,
        limit: Int?
    ) -> (page: [TokenRecord], more: Bool) {
        guard let limit else { return (records.filter { $0.serial > start }.sorted { $0.serial < $1.serial }, false) }
        var page: [TokenRecord] = []
        var following = 0
        for record in records where record.serial > start {
            following += 1
            if page.count == limit, let last = page.last, record.serial > last.serial { continue }
            let position = page.firstIndex { $0.serial > record.serial } ?? page.endIndex
            page.insert(record, at: position)
            if page.count > limit { page.removeLast() }
        }
        return (page, following > page.count)
    }

    /// One token; a 404 when the server does not hold it.
    func tokenInfo(_ token: String) throws(ControlError) -> TokenInfo {
        guard let info = tokens().first(where: { $0.token == token }) else { throw .notFound("no token \"\(token)\"") }
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
            let record = state.tokens.issue(service: service, user: name, now: now)
            return Self.info(record, now: now, idleLimit: fixture.token.idleTimeoutMilliseconds)
        }
    }

    func expireToken(_ token: String) throws(ControlError) -> TokenInfo {
        try changeToken(token) { $0.expire(token, now: $1) }
    }

    func expireAllTokens() -> Int {
        let real = wallClockMilliseconds()
        return state.withLock { state in state.tokens.expireAll(now: state.clock.now(real: real)) }
    }

    func setToken(_ token: String, enabled: Bool) throws(ControlError) -> TokenInfo {
        try changeToken(token) { store, _ in store.setEnabled(token, enabled) }
    }

    /// Applies `change` to a known token and reports it; 404 for an unknown one.
    private func changeToken(_ token: String, _ change: (inout TokenStore, Int64) -> Void) throws(ControlError) -> TokenInfo {
        let real = wallClockMilliseconds()
        let info: TokenInfo? = state.withLock { state in
            guard state.tokens.records[token] != nil else { return nil }
            let now = state.clock.now(real: real)
            change(&state.tokens, now)
            return state.tokens.records[token].map { Self.info($0, now: now, idleLimit: state.tokens.idleLimits[$0.service]) }
        }
        guard let info else { throw .notFound("no token \"\(token)\"") }
        return info
    }

    static func info(_ record: TokenRecord, now: Int64, idleLimit: Int64?) -> TokenInfo {
        TokenInfo(
            token: record.token,
            service: record.service,
            user: record.user,
            issuedAt: ServerTime.date(record.issuedAt),
            lastUsedAt: ServerTime.date(record.lastUsedAt),
            expiresAt: record.end(idleLimit: idleLimit).map(ServerTime.date),
            state: record.state(now: now, idleLimit: idleLimit),
            enabled: record.enabled,
            note: record.note
        )
    }
}
