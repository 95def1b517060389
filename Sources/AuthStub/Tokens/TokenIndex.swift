/// Finds a token's slot by its key: open addressing with linear probing, at most three quarters
/// full, grown without a stall. When the table fills, one twice the size takes over and the old
/// one is drained into it a few buckets (`drainStep`) at each insert or removal, so no single
/// request moves them all (`Dictionary` rehashes everything at once). Until it is drained,
/// lookups try both.
///
/// A bucket holds a slot number and the low 32 bits of its key's hash (8 bytes). The caller
/// compares keys (`matches`) only for a bucket whose hash bits match, and a removal or a drain
/// finds an entry's home bucket from its bucket alone: neither reads the token slots, which are
/// spread over megabytes when the store is full (a profile of a full store under `wrk -c64` had
/// a fifth of the token store's time on the one load that read a slot only to hash its key).
/// Not thread-safe; lives inside the engine's lock with the store.
struct TokenIndex: Sendable {
    /// An empty bucket; a full one holds the hash bits above slot + 1.
    private static let empty: UInt64 = 0
    /// A bucket of the draining table whose entry was removed or moved (no full bucket is all
    /// ones: slot numbers stay far below `UInt32.max`, see `TokenLimits.maximum`).
    private static let vacated = UInt64.max
    private static let minimumCapacity = 64
    /// Old buckets moved at each insert or removal: with the new table twice the size, the old
    /// one is drained long before the new one fills.
    private static let drainStep = 16

    private var table: [UInt64]
    private var stored = 0
    /// The table being drained into `table` (empty when none).
    private var draining: [UInt64] = []
    private var drainingStored = 0
    private var drained = 0

    /// An empty index.
    init() {
        table = [UInt64](repeating: Self.empty, count: Self.minimumCapacity)
    }

    /// Slots indexed.
    var count: Int { stored + drainingStored }

    /// The slot whose key `matches`, looked for from `hash`.
    func find(hash: Int, where matches: (UInt32) -> Bool) -> UInt32? {
        if let slot = Self.probe(table, hash, where: matches) { return slot }
        return draining.isEmpty ? nil : Self.probe(draining, hash, where: matches)
    }

    /// Adds `slot`, whose key (not yet indexed) hashes to `hash`.
    mutating func insert(_ slot: UInt32, hash: Int) {
        drain()
        if (count + 1) * 4 > table.count * 3 {
            drain(all: true)  // never needed in practice: each insert drains `drainStep` buckets
            draining = table
            drainingStored = stored
            drained = 0
            table = [UInt64](repeating: Self.empty, count: table.count * 2)
            stored = 0
        }
        place(Self.bucket(slot, hash: hash))
    }

    /// Removes `slot`, whose key hashes to `hash`.
    mutating func remove(_ slot: UInt32, hash: Int) {
        let bucket = Self.bucket(slot, hash: hash)
        if let position = Self.position(of: bucket, in: table) {
            removeShifting(at: position)
        } else if let position = Self.position(of: bucket, in: draining) {
            draining[position] = Self.vacated
            drainingStored -= 1
        }
        drain()
    }

    /// The bucket of `slot` with the hash of its key.
    private static func bucket(_ slot: UInt32, hash: Int) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: hash)) << 32 | UInt64(slot &+ 1)
    }

    /// Where the probe for a bucket starts in a table of `mask` + 1 buckets.
    private static func home(_ bucket: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: bucket >> 32) & mask
    }

    private static func probe(_ buckets: [UInt64], _ hash: Int, where matches: (UInt32) -> Bool) -> UInt32? {
        let mask = buckets.count - 1
        // A bucket with the hash's bits (any slot): its home is the one `place` used.
        let wanted = bucket(0, hash: hash)
        var position = home(wanted, mask: mask)
        while buckets[position] != empty {
            let bucket = buckets[position]
            let slot = UInt32(truncatingIfNeeded: bucket) &- 1
            if bucket != vacated, bucket >> 32 == wanted >> 32, matches(slot) { return slot }
            position = (position + 1) & mask
        }
        return nil
    }

    private static func position(of bucket: UInt64, in buckets: [UInt64]) -> Int? {
        guard !buckets.isEmpty else { return nil }
        let mask = buckets.count - 1
        var position = home(bucket, mask: mask)
        while buckets[position] != empty {
            if buckets[position] == bucket { return position }
            position = (position + 1) & mask
        }
        return nil
    }

    private mutating func place(_ bucket: UInt64) {
        let mask = table.count - 1
        var position = Self.home(bucket, mask: mask)
        while table[position] != Self.empty { position = (position + 1) & mask }
        table[position] = bucket
        stored += 1
    }

    /// Empties `position` and moves back the entries after it that probed past it, so that no
    /// lookup stops short (no tombstones in the live table).
    private mutating func removeShifting(at position: Int) {
        let mask = table.count - 1
        var hole = position
        var next = (hole + 1) & mask
        while table[next] != Self.empty {
            let home = Self.home(table[next], mask: mask)
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
    private mutating func drain(all: Bool = false) {
        guard !draining.isEmpty else { return }
        let end = all ? draining.count : min(draining.count, drained + Self.drainStep)
        while drained < end {
            let bucket = draining[drained]
            if bucket != Self.empty && bucket != Self.vacated {
                draining[drained] = Self.vacated
                drainingStored -= 1
                place(bucket)
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
