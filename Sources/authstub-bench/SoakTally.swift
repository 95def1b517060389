import Foundation
import StubHTTP
import Synchronization

/// What the soak's workers share: the next pair to run, the server clock as last read, and
/// the counts the summary reports. Every worker thread holds the same instance.
final class SoakTally: Sendable {
    /// The counts, added up across workers.
    struct Counts {
        var requests = 0
        var loggedOut = 0
        /// Logouts refused without a fault: the token ended first (a clock move, a `tokenExpired`).
        var refusedLogouts = 0
        /// Logouts sent again after a faulted or broken answer.
        var retriedLogouts = 0
        /// Logins whose token the soak never logs out, left to idle out or pass `expirationTime`.
        var abandoned = 0
        /// Answers that carry `X-AuthStub-Fault` (a `delay` among them, with its normal answer).
        var faultedAnswers = 0
        /// Requests that got no complete answer; the connection was made again.
        var broken = 0
        var faultsAdded: [String: Int] = [:]
        var clockMoves: [String: Int] = [:]
        var controlReads = 0
        /// The most tokens `GET /__control/tokens` listed.
        var mostTokensListed = 0
        var unexpected = 0
        /// The first few unexpected answers, for the summary.
        var unexpectedSamples: [String] = []

        /// Connection faults (`drop`, `reset`, `malformed`) added, each `times: 1`.
        var connectionFaultsAdded: Int {
            ["drop", "reset", "malformed"].reduce(0) { $0 + (faultsAdded[$1] ?? 0) }
        }
    }

    private let nextPair = Atomic<Int>(0)
    private let counts = Locked(Counts())
    private let serverClock = Locked(Date())

    /// The server clock, as the last control call that returned it said (the soak's own clock
    /// before any did).
    var serverNow: Date {
        get { serverClock.withLock { $0 } }
        set { serverClock.withLock { $0 = newValue } }
    }

    /// The counts so far.
    var snapshot: Counts { counts.withLock { $0 } }

    /// The number of the next pair to run, or nil once `limit` pairs have been handed out.
    func takePair(limit: Int) -> Int? {
        let number = nextPair.wrappingAdd(1, ordering: .relaxed).newValue
        return number <= limit ? number : nil
    }

    /// Resets the counter to `pairs`, so the next phase continues from there.
    func startPhase(at pairs: Int) { nextPair.store(pairs, ordering: .relaxed) }

    /// Counts an answer the soak cannot explain, keeping the first few words of it.
    func unexpected(_ what: String) {
        counts.withLock { counts in
            counts.unexpected += 1
            if counts.unexpectedSamples.count < 5 { counts.unexpectedSamples.append(what) }
        }
    }

    /// Adds to the counts.
    func count(_ change: (inout Counts) -> Void) { counts.withLock { change(&$0) } }
}
