/// Spent faults, kept for listing: the last `limit` to be spent, oldest first. Lives inside the
/// engine's lock, beside `FaultList`'s live faults.
struct FaultHistory: Sendable {
    /// How many spent faults are kept.
    static let limit = 1_000

    /// A spent fault, its number (for ordering) and the bytes it holds (`Fault.heldBytes`).
    struct Entry: Sendable {
        let number: Int
        let fault: InstalledFault
        let bytes: Int
    }

    /// Oldest first; nil where an entry was removed or evicted. Compacted once it holds as many
    /// gaps as `limit`, so appending and evicting cost O(1) amortised.
    private var slots: [Entry?] = []
    /// The first slot that may hold an entry.
    private var start = 0
    private(set) var count = 0
    /// The sum of the entries' `bytes`.
    private(set) var bytes = 0

    /// The entries, oldest spent first.
    var entries: [Entry] { slots[start...].compactMap { $0 } }

    /// Keeps `entry`, evicting the oldest entry when there are more than `limit`.
    mutating func append(_ entry: Entry) {
        slots.append(entry)
        count += 1
        bytes += entry.bytes
        if count > Self.limit { evictOldest() }
        if slots.count - count >= Self.limit { compact() }
    }

    /// Forgets the oldest entry; false when there is none.
    @discardableResult
    mutating func evictOldest() -> Bool {
        while start < slots.count {
            defer { start += 1 }
            guard let entry = slots[start] else { continue }
            slots[start] = nil
            count -= 1
            bytes -= entry.bytes
            return true
        }
        return false
    }

    /// The entry for fault `number`, if it is still kept.
    func entry(number: Int) -> Entry? {
        slots[start...].first { $0?.number == number } ?? nil
    }

    /// Forgets the entry for fault `number`; false when there is none. O(`limit`).
    mutating func remove(number: Int) -> Bool {
        guard let index = slots[start...].firstIndex(where: { $0?.number == number }), let entry = slots[index] else { return false }
        slots[index] = nil
        count -= 1
        bytes -= entry.bytes
        if slots.count - count >= Self.limit { compact() }
        return true
    }

    private mutating func compact() {
        slots = slots[start...].filter { $0 != nil }
        start = 0
    }
}
