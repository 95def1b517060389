/// Finds a token's slot by its key: open addressing with linear probing over slot numbers (4
/// bytes a bucket), at most three quarters full, grown without a stall. When the table fills,
/// one twice the size takes over and the old one is drained into it a few buckets (`drainStep`)
/// at each insert or removal, so no single request moves them all (`Dictionary` rehashes
/// everything at once). Until it is drained, lookups try both.
///
/// It keeps slot numbers only: the caller compares keys (`matches`) and hashes the key a slot
/// holds (`hashOf`). Not thread-safe; lives inside the engine's lock with the store.
struct TokenIndex: Sendable {
    /// An empty bucket; a full one holds slot + 1.
    private static let empty: UInt32 = 0
    /// A bucket of the draining table whose entry was removed or moved.
    private static let vacated = UInt32.max
    private static let minimumCapacity = 64
    /// Old buckets moved at each insert or removal: with the new table twice the size, the old
    /// one is drained long before the new one fills.
    private static let drainStep = 16

    private var table: [UInt32]
    private var stored = 0
    /// The table being drained into `table` (empty when none).
    private var draining: [UInt32] = []
    private var drainingStored = 0
    private var drained = 0

    /// An empty index.
    init() {
        table = [UInt32](repeating: Self.empty, count: Self.minimumCapacity)
    }

    private init(table: [UInt32]) {
        self.table = table
    }

    /// An index with no table (no allocation), standing in while the store's is out
    /// (`TokenStore.changeIndex`); never used.
    static var detached: TokenIndex { TokenIndex(table: []) }

    /// Slots indexed.
    var count: Int { stored + drainingStored }

    /// The slot whose key `matches`, looked for from `hash`.
    func find(hash: Int, where matches: (UInt32) -> Bool) -> UInt32? {
        if let slot = Self.probe(table, hash, where: matches) { return slot }
        return draining.isEmpty ? nil : Self.probe(draining, hash, where: matches)
    }

    /// Adds `slot`, whose key (not yet indexed) hashes to `hash`.
    mutating func insert(_ slot: UInt32, hash: Int, hashOf: (UInt32) -> Int) {
        drain(hashOf: hashOf)
        if (count + 1) * 4 > table.count * 3 {
            drain(all: true, hashOf: hashOf)  // never needed in practice: each insert drains `drainStep` buckets
            draining = table
            drainingStored = stored
            drained = 0
            table = [UInt32](repeating: Self.empty, count: table.count * 2)
            stored = 0
        }
        place(slot, hash: hash)
    }

    /// Removes `slot`, whose key hashes to `hash`.
    mutating func remove(_ slot: UInt32, hash: Int, hashOf: (UInt32) -> Int) {
        let entry = slot &+ 1
        if let position = Self.position(of: entry, in: table, hash: hash) {
            removeShifting(at: position, hashOf: hashOf)
        } else if let position = Self.position(of: entry, in: draining, hash: hash) {
            draining[position] = Self.vacated
            drainingStored -= 1
        }
        drain(hashOf: hashOf)
    }

    private static func probe(_ buckets: [UInt32], _ hash: Int, where matches: (UInt32) -> Bool) -> UInt32? {
        let mask = buckets.count - 1
        var position = hash & mask
        while buckets[position] != empty {
            let entry = buckets[position]
            if entry != vacated, matches(entry &- 1) { return entry &- 1 }
            position = (position + 1) & mask
        }
        return nil
    }

    private static func position(of entry: UInt32, in buckets: [UInt32], hash: Int) -> Int? {
        guard !buckets.isEmpty else { return nil }
        let mask = buckets.count - 1
        var position = hash & mask
        while buckets[position] != empty {
            if buckets[position] == entry { return position }
            position = (position + 1) & mask
        }
        return nil
    }

    private mutating func place(_ slot: UInt32, hash: Int) {
        let mask = table.count - 1
        var position = hash & mask
        while table[position] != Self.empty { position = (position + 1) & mask }
        table[position] = slot &+ 1
        stored += 1
    }

    /// Empties `position` and moves back the entries after it that probed past it, so that no
    /// lookup stops short (no tombstones in the live table).
    private mutating func removeShifting(at position: Int, hashOf: (UInt32) -> Int) {
        let mask = table.count - 1
        var hole = position
        var next = (hole + 1) & mask
        while table[next] != Self.empty {
            let home = hashOf(table[next] &- 1) & mask
            // The entry at `next` stays when its home lies cyclically in (hole, next].
            let stays = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
            if !stays {
                table[hole] = table[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        table[hole] = Self.empty
        stored -= 1
    }

    /// Moves up to `drainStep` buckets of the draining table (all of them with `all`).
    private mutating func drain(all: Bool = false, hashOf: (UInt32) -> Int) {
        guard !draining.isEmpty else { return }
        let end = all ? draining.count : min(draining.count, drained + Self.drainStep)
        while drained < end {
            let entry = draining[drained]
            if entry != Self.empty && entry != Self.vacated {
                draining[drained] = Self.vacated
                drainingStored -= 1
                place(entry &- 1, hash: hashOf(entry &- 1))
            }
            drained += 1
        }
        if drained == draining.count {
            draining = []
            drainingStored = 0
            drained = 0
        }
    }
}
