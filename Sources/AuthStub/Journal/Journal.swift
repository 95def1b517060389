/// The most recent requests, oldest first, bounded: past `capacity` the oldest entry is
/// dropped and the drop counted. Lives inside the engine's lock.
struct Journal: Sendable {
    let capacity: Int
    private var ring: [JournalEntry] = []
    /// Index of the oldest entry once the ring is full.
    private var head = 0
    private(set) var droppedCount = 0
    private(set) var nextID = 1

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The id the next entry will get.
    mutating func takeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    mutating func append(_ entry: JournalEntry) {
        if ring.count < capacity {
            ring.append(entry)
        } else {
            ring[head] = entry
            head = (head + 1) % capacity
            droppedCount += 1
        }
    }

    /// Entries held now.
    var count: Int { ring.count }

    /// Oldest first, in one copy.
    var entries: [JournalEntry] {
        var ordered: [JournalEntry] = []
        ordered.reserveCapacity(ring.count)
        ordered += ring[head...]
        ordered += ring[..<head]
        return ordered
    }

    /// How many entries `predicate` holds for, without copying them.
    func count(where predicate: (JournalEntry) -> Bool) -> Int {
        ring.reduce(0) { $0 + (predicate($1) ? 1 : 0) }
    }

    mutating func removeAll() {
        ring.removeAll()
        head = 0
    }
}
