import Dispatch
import Synchronization

/// Hands journal entries to `AuthStubServer.Options.requestLog` on a serial queue of its own, in
/// the order requests were answered, so that a callback that is slow or blocks (a console whose
/// reader stopped reading) never holds up a request. At most `capacity` entries wait; past that,
/// new entries are dropped and counted (`ServerStatus.requestLog`).
final class RequestLogDelivery: Sendable {
    /// Entries that may wait for the callback before new ones are dropped.
    static let defaultCapacity = 1_000

    let capacity: Int
    private let callback: @Sendable (JournalEntry) -> Void
    private let queue = DispatchQueue(label: "authstub.request-log")
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
        queue.async { [self] in
            callback(entry)
            waiting.wrappingSubtract(1, ordering: .relaxed)
        }
    }

    /// What `GET /__control/status` shows.
    var counts: ServerStatus.RequestLogCounts {
        ServerStatus.RequestLogCounts(waiting: waiting.load(ordering: .relaxed), dropped: dropped.load(ordering: .relaxed))
    }
}
