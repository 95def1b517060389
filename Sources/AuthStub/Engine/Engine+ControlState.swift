import Foundation
import StubHTTP

/// The control operations on the whole server, its clock and its journal. Each runs at once
/// under the engine's locks; the in-process server calls them directly and the HTTP control
/// API after decoding its JSON.
extension Engine {
    func status() -> ServerStatus {
        let fixtures = self.fixtures
        let real = wallClockMilliseconds()
        let journal = self.journal.withLock { $0.counts }
        let (clock, faults, tokens, tokenCounts, rateLimitKeys) = state.withLock { state in
            (
                Self.clockStatus(state.clock, real: real),
                state.faults.count, state.tokens.count, state.tokens.counts,
                fixtures.services.map { state.rateLimits.keyCount(of: $0.name) }
            )
        }
        let services = zip(fixtures.services, rateLimitKeys).map { service, keys in
            ServerStatus.Service(
                name: service.name,
                title: service.title,
                basePaths: service.basePaths,
                endpoints: service.endpoints.count,
                rateLimitKeys: keys
            )
        }
        return ServerStatus(
            version: AuthStubVersion.current,
            services: services,
            fixtures: fixtures.endpointCount,
            clock: clock,
            journal: journal,
            faults: faults,
            tokens: tokens,
            tokenCounts: tokenCounts,
            requestLog: requestLog?.counts
        )
    }

    /// Back to a fresh start with the fixtures from disk.
    func reset() {
        let fixtures = catalog.withLock { catalog in
            catalog.removeAdditions()
            return catalog.current
        }
        state.withLock { state in
            let issuer = state.issuer
            state = EngineState(fixtures: fixtures, seed: settings.seed, tokenLimits: settings.tokenLimits)
            state.issuer = issuer
        }
        // The old entries are freed here, once the lock is let go.
        var fresh = Journal(limits: settings.journal)
        journal.withLock { swap(&$0, &fresh) }
    }

    func clock() -> ClockStatus {
        let real = wallClockMilliseconds()
        return state.withLock { Self.clockStatus($0.clock, real: real) }
    }

    func changeClock(_ change: ClockChange) throws(ControlError) -> ClockStatus {
        guard change.set != nil || change.advance != nil || change.freeze != nil else {
            throw .badInput("give at least one of set, advance, advanceSeconds or freeze", field: nil)
        }
        let instant = try change.set.map { date throws(ControlError) in try Self.instant(date, field: "set") }
        let real = wallClockMilliseconds()
        return try state.withLock { (state: inout EngineState) throws(ControlError) -> ClockStatus in
            var clock = state.clock
            if let instant { clock.set(to: instant, real: real) }
            if let advance = change.advance {
                guard clock.advance(by: advance.saturatedMilliseconds, real: real) else {
                    throw .badInput("advance would take the clock outside 1970 to 9999", field: "advance")
                }
            }
            if let freeze = change.freeze { clock.setFrozen(freeze, real: real) }
            state.clock = clock
            return Self.clockStatus(state.clock, real: real)
        }
    }

    /// The journal as it stands: taken under the lock at the cost of copying a list of chunk
    /// references, then read outside it, so that no filter, page or export holds up an API
    /// request.
    var journalSnapshot: JournalSnapshot {
        journal.withLock { $0.snapshot }
    }

    /// Up to `limit` entries that pass `filter`, after the entry `after`, with the journal's
    /// drop and cut counts.
    func requests(_ filter: JournalFilter, limit: Int?, after: Int?) throws(ControlError) -> JournalPage {
        journalSnapshot.page(filter, limit: try PageRequest.checked(limit: limit), after: after)
    }

    func countRequests(_ filter: JournalFilter) -> Int {
        journalSnapshot.count(filter)
    }

    /// Runs `checks` (none: `AuthCheck.all`) over the journal as it stands, outside the lock.
    func checkRequests(_ checks: [AuthCheck]) -> AuthCheckReport {
        let checks = checks.isEmpty ? AuthCheck.all : checks
        let snapshot = journalSnapshot
        let evaluation = AuthCheckEvaluation(entries: snapshot.entries, dropped: snapshot.dropped)
        return AuthCheckReport(results: checks.map(evaluation.result), dropped: snapshot.dropped, checked: evaluation.entries.count)
    }

    func clearRequests() {
        // What was removed is freed here, once the lock is let go.
        _ = journal.withLock { $0.removeAll() }
    }

    static func clockStatus(_ clock: VirtualClock, real: Int64) -> ClockStatus {
        let now = clock.now(real: real)
        return ClockStatus(now: ServerTime.date(now), frozen: clock.isFrozen, offset: .milliseconds(now &- real))
    }

    /// A `Date` as a server-clock instant, or a 400 naming `field` when it is outside 1970-9999
    /// (`VirtualClock.instants`, the years RFC 3339 timestamps and the clock cover).
    static func instant(_ date: Date, field: String) throws(ControlError) -> Int64 {
        guard let instant = ServerTime.instant(date) else { throw .badInput("\(field) must be from 1970 to 9999", field: field) }
        return instant
    }
}
