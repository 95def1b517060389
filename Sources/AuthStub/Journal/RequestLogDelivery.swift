import Dispatch
import StubHTTP
import Synchronization

/// Hands journal entries to `AuthStubServer.Options.requestLog` on a serial queue of its own, in
/// the order requests were answered, so that a callback that is slow or blocks (a console whose
/// reader stopped reading) never holds up a request. At most `capacity` entries wait; past that,
/// new entries are dropped and counted (`ServerStatus.requestLog`).
///
/// Entries wait in a list the queue's one drain takes whole, so that under load a request
/// hands over its entry with one short lock, not a block for the queue and a wake-up of its
/// thread each time. A drain starts `gathering` after the entry that asked for it, so that the
/// entries of that moment go together: at most one wake-up of the queue's thread a millisecond.
final class RequestLogDelivery: Sendable {
    /// Entries that may wait for the callback before new ones are dropped.
    static let defaultCapacity = 1_000

    /// Entries handed over and not yet taken by the drain, and whether a drain is queued.
    private struct Handover {
        var entries: [JournalEntry] = []
        var draining = false
    }

    /// How long a drain waits for more entries to gather before it starts; an entry reaches the
    /// callback up to this much later.
    static let gathering: DispatchTimeInterval = .milliseconds(1)

    let capacity: Int
    private let callback: @Sendable (JournalEntry) -> Void
    private let queue = DispatchQueue(label: "authstub.request-log")
    private let handover = Locked(Handover())
    /// Entries handed over and not yet passed to the callback.
    private let waiting = Atomic<Int>(0)
    private let dropped = Atomic<Int>(0)

    init(capacity: Int = RequestLogDelivery.defaultCapacity, callback: @escaping @Sendable (JournalEntry) -> Void) {
        self.capacity = max(1, capacity)
        self.callback = callback
    }

    /// Queues `entry` for the callback, or drops it when `capacity` entries already wait.
    /// Never waits itself.
    func deliver(_ entry: JournalEntry) {
        let before = waiting.wrappingAdd(1, ordering: .relaxed).oldValue
        guard before < capacity else {
            waiting.wrappingSubtract(1, ordering: .relaxed)
            dropped.wrappingAdd(1, ordering: .relaxed)
            return
        }
        let startDrain = handover.withLock { handover -> Bool in
            handover.entries.append(entry)
            let idle = !handover.draining
            handover.draining = true
            return idle
        }
        if startDrain { queue.asyncAfter(deadline: .now() + Self.gathering) { [self] in drain() } }
    }

    /// Passes what waits to the callback now rather than after `gathering`, and returns once
    /// nothing waits or `patience` has passed (a callback that blocks is not waited for longer).
    func settle(patience: Duration) async {
        // An extra drain is harmless: one that finds nothing waiting only clears `draining`, and
        // an entry handed over after that starts a drain of its own.
        queue.async { [self] in drain() }
        let deadline = ContinuousClock.now + patience
        while waiting.load(ordering: .relaxed) > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Passes every waiting entry to the callback, in order, until none is left.
    private func drain() {
        var batch: [JournalEntry] = []
        while true {
            let more = handover.withLock { handover -> Bool in
                guard !handover.entries.isEmpty else {
                    handover.draining = false
                    return false
                }
                swap(&batch, &handover.entries)
                return true
            }
            guard more else { return }
            for entry in batch {
                callback(entry)
                waiting.wrappingSubtract(1, ordering: .relaxed)
            }
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// What `GET /__control/status` shows.
    var counts: ServerStatus.RequestLogCounts {
        ServerStatus.RequestLogCounts(waiting: waiting.load(ordering: .relaxed), dropped: dropped.load(ordering: .relaxed))
    }
}
