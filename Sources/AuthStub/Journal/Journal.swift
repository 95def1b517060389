/// The most recent requests, oldest first, bounded in entries and in bytes (`JournalLimits`):
/// past either bound the oldest entries are dropped and the drops counted. Lives behind a lock
/// of its own (`Engine.journal`); readers take a `snapshot` there and read it outside.
///
/// Entries are held in chunks of `chunkSize`, each its own copy-on-write array, so that a
/// snapshot costs a copy of the chunk list, and an append after one copies at most one chunk
/// and that list: never the whole journal under the lock. Dropping the oldest entry narrows
/// the first chunk's slice and moves nothing; the entries dropped from it stay in memory until
/// the whole chunk is dropped (at most `chunkSize - 1` entries, no longer counted in `bytes`),
/// and `append` hands the chunk back so that it is freed after the lock is let go.
struct Journal: Sendable {
    /// Entries a chunk holds.
    static let chunkSize = 64

    let limits: JournalLimits
    private var chunks: [ArraySlice<JournalEntry>] = []
    /// Entries held now.
    private(set) var count = 0
    /// Their `storedBytes`, summed.
    private(set) var bytes = 0
    /// Entries dropped to stay within the limits since the journal was made or cleared.
    private(set) var droppedCount = 0
    /// Entries cut to `limits.entryBytes` since the journal was made or cleared.
    private(set) var truncatedCount = 0
    /// The id of the newest entry (0 before the first). Ids count up along the journal, so the
    /// entries held always have consecutive ids.
    private(set) var lastID = 0

    init(limits: JournalLimits) {
        self.limits = limits
    }

    /// Chunks `append` dropped whole, or `removeAll` took out, to be let go by the caller
    /// outside the journal's lock (freeing 64 entries is most of what an append would otherwise
    /// cost under it; freeing a full journal holds up every request for milliseconds).
    struct Dropped {
        fileprivate var chunks: [ArraySlice<JournalEntry>] = []
    }

    /// Keeps a copy of `entry`, numbered next (`entry.id` is set to its number), dropping the
    /// oldest entries it does not fit beside. The caller's entry is numbered in place, so that
    /// the entry is copied only once, into the journal. Returns the chunks that emptied, for
    /// the caller to free outside the lock.
    mutating func append(_ entry: inout JournalEntry) -> Dropped {
        lastID += 1
        entry.id = lastID
        if entry.truncated { truncatedCount += 1 }
        let size = entry.storedBytes
        var dropped = Dropped()
        while count >= limits.entries || bytes + size > limits.bytes, dropOldest(into: &dropped) {}
        if chunks.last.map({ $0.endIndex >= Self.chunkSize }) ?? true {
            var chunk: [JournalEntry] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk[...])
        }
        chunks[chunks.count - 1].append(entry)
        count += 1
        bytes += size
        return dropped
    }

    /// Drops the oldest entry; false when there is none.
    private mutating func dropOldest(into dropped: inout Dropped) -> Bool {
        guard let first = chunks.first, let oldest = first.first else { return false }
        count -= 1
        bytes -= oldest.storedBytes
        droppedCount += 1
        if first.count == 1 {
            dropped.chunks.append(chunks.removeFirst())
        } else {
            chunks[0] = first.dropFirst()
        }
        return true
    }

    /// The entries and counts as they stand, to read outside the lock.
    var snapshot: JournalSnapshot {
        JournalSnapshot(chunks: chunks, dropped: droppedCount, truncated: truncatedCount)
    }

    /// Forgets every entry and the counts of drops and cuts; ids go on counting up. Returns the
    /// entries, for the caller to free outside the lock.
    mutating func removeAll() -> Dropped {
        var removed = Dropped()
        swap(&removed.chunks, &chunks)
        count = 0
        bytes = 0
        droppedCount = 0
        truncatedCount = 0
        return removed
    }
}

/// The journal at one moment, read outside the journal's lock: filters, pages and exports run
/// here, so no API request waits for them.
struct JournalSnapshot: Sendable {
    fileprivate let chunks: [ArraySlice<JournalEntry>]
    /// Entries dropped since the journal was made or cleared.
    let dropped: Int
    /// Entries cut since the journal was made or cleared.
    let truncated: Int

    /// Every entry, oldest first.
    var entries: [JournalEntry] { Array(chunks.joined()) }

    /// How many entries pass `filter`.
    func count(_ filter: JournalFilter) -> Int {
        chunks.reduce(0) { total, chunk in total + chunk.count(where: filter.matches) }
    }

    /// Up to `limit` entries (nil: all) that pass `filter` and come after the entry `after`
    /// (nil: from the oldest), oldest first; `next` is the last one's id when more remain.
    func page(_ filter: JournalFilter, limit: Int?, after: Int?) -> JournalPage {
        var entries: [JournalEntry] = []
        if filter == JournalFilter(), after == nil {
            // Every entry up to `limit`: one allocation, not a doubling series (a full journal's
            // entries take 5 MiB).
            entries.reserveCapacity(min(limit ?? .max, chunks.reduce(0) { $0 + $1.count }))
        }
        var next: Int?
        // Ids count up along the journal: skip the chunks that end at or before `after`.
        let first = after.map { after in chunks.firstIndex { ($0.last?.id ?? 0) > after } ?? chunks.count } ?? 0
        scan: for chunk in chunks[first...] {
            for entry in chunk where entry.id > (after ?? 0) && filter.matches(entry) {
                if let limit, entries.count >= limit {
                    next = entries.last?.id
                    break scan
                }
                entries.append(entry)
            }
        }
        return JournalPage(entries: entries, dropped: dropped, truncated: truncated, next: next)
    }
}

extension Journal {
    /// What `GET /__control/status` shows of the journal.
    var counts: ServerStatus.JournalCounts {
        ServerStatus.JournalCounts(
            entries: count,
            dropped: droppedCount,
            capacity: limits.entries,
            bytes: bytes,
            byteLimit: limits.bytes,
            entryByteLimit: limits.entryBytes,
            truncated: truncatedCount,
            lastID: lastID
        )
    }
}
