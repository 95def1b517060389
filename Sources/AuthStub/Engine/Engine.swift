import StubHTTP

/// The fixture engine: matches requests to documented endpoints, keeps token state on the
/// virtual clock, applies faults, and answers with the documented examples. It never touches
/// a socket.
final class Engine: Sendable {
    /// How the engine behaves beyond its fixtures.
    struct Settings: Sendable {
        /// Send `X-AuthStub-Example` (and `X-AuthStub-Fault`) on the answers they describe.
        var exampleHeader = true
        /// Seeds the token generator; nil uses the system's random numbers.
        var seed: UInt64?
        /// How much the journal keeps.
        var journal = JournalLimits()
        /// How many tokens the store keeps live (`AuthStubServer.Options.tokenLimit`).
        var tokenLimits = TokenLimits()
        /// Journal credentials, passwords and tokens as sent instead of hiding them.
        var keepSecrets = false
        /// Told about every API request, after it is answered, on a queue of its own (the CLI
        /// prints these).
        var requestLog: (@Sendable (JournalEntry) -> Void)?
        /// Reads the fixture folders again, for `POST /__control/fixtures/reload`.
        var reload: (@Sendable () throws(FixtureLoadError) -> [ServiceFixture])?
        /// Where requests no fixture matches go when no service's `"proxy"` takes them.
        var proxyUnmatched: UpstreamTarget?
        /// The forwarders those requests go through.
        var forwarders = Forwarders(timeout: .seconds(30), responseLimit: HTTPLimits().maxBodyBytes)
        /// Keeps each exchange an upstream answered (`authstub record`).
        var recording: Recording?
    }

    let settings: Settings
    /// The fixtures, swapped whole by additions and reloads, behind a lock of their own that
    /// each request takes once to read the current set.
    let catalog: Locked<FixtureCatalog>
    /// Tokens, clock, users, faults and deprecation phases, behind one lock that is held only
    /// for the decisions that need them.
    let state: Locked<EngineState>
    /// The request journal, behind a lock of its own: appending an answered request's entry
    /// never waits for another request's decision.
    let journal: Locked<Journal>
    /// Fingerprints the secrets the journal hides.
    let fingerprintKey: FingerprintKey
    /// Passes journal entries to `settings.requestLog` off the request path.
    let requestLog: RequestLogDelivery?
    init(fixtures: FixtureSet, settings: Settings, issuer: String = "http://authstub.invalid") {
        self.settings = settings
        self.fingerprintKey = FingerprintKey(seed: settings.seed)
        self.requestLog = settings.requestLog.map { RequestLogDelivery(callback: $0) }
        self.catalog = Locked(FixtureCatalog(fixtures))
        self.journal = Locked(Journal(limits: settings.journal))
        var state = EngineState(fixtures: fixtures, seed: settings.seed, tokenLimits: settings.tokenLimits)
        state.issuer = issuer
        self.state = Locked(state)
    }

    /// The fixtures served now.
    var fixtures: FixtureSet { catalog.withLock { $0.current } }

    /// Answers one API request and journals it, in three stages. `prepare` runs outside the
    /// lock: it matches the route, negotiates `Accept`, parses a login and reads the token and
    /// any override. `decide` runs under it: faults and overrides, authentication, the
    /// `Outcome`, its effect on tokens. `render` runs outside it again and builds the
    /// `HTTPAction`. A request no fixture matches that a proxy takes is forwarded after
    /// `decide`, outside the lock (`Engine+Forward.swift`), and rendered and journaled once the upstream answered.
    func handle(_ request: HTTPRequest) -> HTTPAnswer {
        let started = ContinuousClock.now
        let fixtures = self.fixtures
        let preparation = prepare(request, fixtures: fixtures)
        let real = wallClockMilliseconds()
        let decision = state.withLock { state in
            var decision = decide(request, preparation, real: real, state: &state)
            recordFacts(request, preparation, state: state, decision: &decision)
            return decision
        }
        if case .forward(let upstream) = decision.outcome {
            return forward(request, to: upstream, decision: decision, fixtures: fixtures, started: started)
        }
        return .finished(finish(request, decision: decision, fixtures: fixtures, started: started))
    }

    /// Renders the decision and journals the request: the last steps of every answer.
    func finish(_ request: HTTPRequest, decision: Decision, fixtures: FixtureSet, started: ContinuousClock.Instant) -> HTTPAction {
        let action = render(decision, for: request, fixtures: fixtures)

        var entry = journalEntry(
            for: request,
            decision: decision,
            redaction: fixtures.redaction,
            status: action.status,
            sentHeaders: action.response?.headers,
            started: started
        )
        // What the append dropped is freed here, once the lock is let go.
        _ = journal.withLock { $0.append(&entry) }
        requestLog?.deliver(entry)
        return action
    }

    /// The server-clock time now.
    func now() -> Int64 {
        let real = wallClockMilliseconds()
        return state.withLock { $0.clock.now(real: real) }
    }
}

extension HTTPAction {
    /// The status the action sends; nil when it closes the connection without one.
    fileprivate var status: HTTPStatus? {
        switch self {
        case .respond(let response), .truncated(let response, _): response.status
        case .delayed(_, let next): next.status
        case .drop, .reset: nil
        }
    }

    /// The response the action sends; nil when it closes the connection without one.
    fileprivate var response: HTTPResponse? {
        switch self {
        case .respond(let response), .truncated(let response, _): response
        case .delayed(_, let next): next.response
        case .drop, .reset: nil
        }
    }
}
