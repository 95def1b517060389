import StubHTTP
import Synchronization

/// The fixture engine: matches requests to documented endpoints, keeps token state on the
/// virtual clock, and answers with the documented examples. It never touches a socket.
final class Engine: Sendable {
    /// How the engine behaves beyond its fixtures.
    struct Settings: Sendable {
        /// Send `X-AuthStub-Example` on answers that replay a documented example.
        var exampleHeader = true
        /// Seeds the token generator; nil uses the system's random numbers.
        var seed: UInt64?
        /// Entries the journal keeps before dropping the oldest.
        var journalCapacity = 10_000
        /// Told about every API request, after it is answered (the CLI prints these).
        var requestLog: (@Sendable (JournalEntry) -> Void)?
    }

    let settings: Settings
    /// The fixtures served. Immutable: reading them needs no lock.
    let fixtures: FixtureSet
    /// Tokens, clock, users, deprecation phases and journal, behind one lock that is held only
    /// for the decisions that need them.
    let state: Mutex<EngineState>

    init(fixtures: FixtureSet, settings: Settings) {
        self.settings = settings
        self.fixtures = fixtures
        self.state = Mutex(EngineState(fixtures: fixtures, seed: settings.seed, journalCapacity: settings.journalCapacity))
    }

    /// Answers one API request and journals it. Parsing and rendering happen outside the lock.
    func handle(_ request: HTTPRequest) -> HTTPAction {
        let started = ContinuousClock.now
        let preparation = prepare(request)
        let real = wallClockMilliseconds()
        let decision = state.withLock { state in decide(request, preparation, real: real, state: &state) }
        let timestamp = RFC3339.string(epochSeconds: Int(decision.now / 1000))
        let response = render(decision, for: request, fixtures: fixtures, timestamp: timestamp)
        let elapsed = ContinuousClock.now - started
        let entry = journalEntry(for: request, decision: decision, timestamp: timestamp, status: response.status, elapsed: elapsed)
        state.withLock { $0.journal.append(entry) }
        settings.requestLog?(entry)
        return .respond(response)
    }

    /// The server-clock time now.
    func now() -> Int64 {
        let real = wallClockMilliseconds()
        return state.withLock { $0.clock.now(real: real) }
    }
}
