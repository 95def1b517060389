import StubHTTP

extension Engine {
    /// Sets up a provider state: the named token (or a new one) becomes valid, and expired for
    /// "the token has expired"; the user's password becomes the redaction placeholder for "the
    /// user exists", and users with that password get their fixture's one back for "no user has
    /// the credentials shown". Teardown changes nothing (`POST /__control/reset` forgets all).
    func applyProviderState(_ change: ProviderStateChange) throws(ControlError) -> ProviderStateAnswer {
        guard change.action == .setup, let serviceName = change.service else {
            return ProviderStateAnswer(action: change.action, states: [])
        }
        let fixtures = self.fixtures
        guard let service = fixtures.services.first(where: { $0.name == serviceName }) else {
            throw .notFound("no service \"\(serviceName)\"", field: "params.service")
        }
        let user = change.user ?? service.users.first?.username ?? "user"
        if let token = change.token, TokenKey(token) == nil {
            throw .badInput("params.token must be 1 to \(TokenKey.maximumLength) bytes", field: "params.token")
        }
        let fixtureUsers = EngineState.users(of: fixtures)[service.name] ?? [:]
        let real = wallClockMilliseconds()
        let record: TokenRecord? = state.withLock { state in
            if change.states.contains(.unknownCredentials) {
                for (name, account) in state.users[service.name] ?? [:] where account.password == Redaction.placeholder {
                    state.users[service.name]?[name] = fixtureUsers[name]
                }
            }
            if change.states.contains(.knownUser) {
                state.users[service.name, default: [:]][user, default: UserAccount(password: "")].password = Redaction.placeholder
            }
            guard change.states.isEmpty || change.states.contains(where: \.concernsToken) else { return nil }
            let now = state.clock.now(real: real)
            let record =
                change.token.flatMap { state.tokens.register($0, service: service.name, user: user, now: now) }
                ?? state.tokens.issue(service: service.name, user: user, now: now)
            if change.states.contains(.expiredToken) { state.tokens.expire(record.token, now: now) }
            return record
        }
        return ProviderStateAnswer(service: service.name, user: user, states: change.states, token: record?.token)
    }
}

extension Engine {
    /// The journal's documented interactions as a Pact v3 file, built outside the lock.
    func pact(consumer: String, provider: String) -> JSONValue {
        PactDocument.make(
            journal: journalSnapshot.page(JournalFilter(), limit: nil, after: nil),
            fixtures: fixtures,
            consumer: consumer,
            provider: provider
        )
    }

    /// Sets up `providerState` for `service`; returns the token it concerns (empty for the user states).
    func setUpProviderState(_ providerState: PactProviderState, service: String, token: String?, user: String?) throws(ControlError) -> String {
        let change = ProviderStateChange(states: [providerState], action: .setup, service: service, token: token, user: user)
        return try applyProviderState(change).token ?? ""
    }
}
