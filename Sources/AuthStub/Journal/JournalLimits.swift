/// How much the journal keeps: entries, bytes in all, and bytes of one entry's body and header
/// values. Past `entries` or `bytes` the oldest entries are dropped (and counted); past
/// `entryBytes` an entry's values are cut, marked, and the entry flagged `truncated`.
struct JournalLimits: Sendable, Equatable {
    /// The default entry bound.
    static let defaultEntries = 10_000
    /// The default byte budget of the whole journal: 16 MiB.
    static let defaultBytes = 16 * 1024 * 1024
    /// The default cap on one entry's header values and body together: 16 KiB.
    static let defaultEntryBytes = 16 * 1024
    /// What an entry costs beyond its text, in the byte budget: its fields, ids and bookkeeping.
    static let entryOverhead = 256

    /// Entries kept before the oldest is dropped; at least 1.
    let entries: Int
    /// Bytes kept (see `JournalEntry.storedBytes`) before the oldest entry is dropped; the
    /// newest entry is always kept.
    let bytes: Int
    /// Bytes of header values and body one entry keeps; at least 0.
    let entryBytes: Int

    init(entries: Int = defaultEntries, bytes: Int = defaultBytes, entryBytes: Int = defaultEntryBytes) {
        self.entries = max(1, entries)
        self.bytes = max(0, bytes)
        self.entryBytes = max(0, entryBytes)
    }

    /// The start of a request body the journal keeps: at most `entryBytes` bytes, ended at a
    /// character boundary. Taken before redaction, so that hiding secrets never reads more than
    /// the cap of a large body (a cut JSON body that names a secret field is hidden whole).
    func keptBody(_ body: [UInt8]) -> String {
        guard body.count > entryBytes else { return String(decoding: body, as: UTF8.self) }
        var end = entryBytes
        // Back to the start of a character: UTF-8 continuation bytes are 0b10xxxxxx.
        while end > 0, body[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: body[..<end], as: UTF8.self)
    }

    /// Cuts `entry` to `entryBytes`: its request header values in order, then the response
    /// headers it keeps, then its body (of `bodySent` bytes as sent) each take what is left of
    /// the cap; a value cut ends with `JournalEntry.cutMarker`. Path, query and header names
    /// stay whole (the HTTP layer bounds them). Run after redaction, so a cut never reveals a
    /// secret.
    func cut(_ entry: inout JournalEntry, bodySent: Int) {
        var left = entryBytes
        var cut = false
        for index in entry.headers.indices {
            cut = Self.cut(&entry.headers[index].value, left: &left) || cut
        }
        for index in entry.responseHeaders.indices {
            cut = Self.cut(&entry.responseHeaders[index].value, left: &left) || cut
        }
        cut = Self.cut(&entry.body, left: &left, sent: bodySent) || cut
        if cut { entry.truncated = true }
    }

    /// Keeps what fits of `text` in `left` bytes (at a character boundary) and takes it from
    /// `left`; returns whether anything was cut. `sent`: the value's size as sent, when `text`
    /// holds only its start.
    private static func cut(_ text: inout String, left: inout Int, sent: Int? = nil) -> Bool {
        let held = text.utf8.count
        let sent = max(sent ?? held, held)
        guard sent > left || held > left else {
            left -= held
            return false
        }
        let utf8 = text.utf8
        var end = utf8.index(utf8.startIndex, offsetBy: min(left, held))
        // Back to the start of a character: UTF-8 continuation bytes are 0b10xxxxxx.
        while end > utf8.startIndex, end < utf8.endIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        text = String(decoding: utf8[..<end], as: UTF8.self) + JournalEntry.cutMarker(sent: sent)
        left = 0
        return true
    }
}

extension JournalEntry {
    /// What ends a value the journal cut: `…[cut by the journal: 1048576 bytes sent]`.
    static func cutMarker(sent: Int) -> String {
        "…[cut by the journal: \(sent) bytes sent]"
    }

    /// What the entry counts for in the journal's byte budget: the UTF-8 bytes of its text
    /// plus `JournalLimits.entryOverhead` (and 32 bytes a header).
    var storedBytes: Int {
        var total = JournalLimits.entryOverhead + path.utf8.count + (query?.utf8.count ?? 0) + body.utf8.count
        for field in headers { total += 32 + field.name.utf8.count + field.value.utf8.count }
        for field in responseHeaders { total += 32 + field.name.utf8.count + field.value.utf8.count }
        total += (reason?.utf8.count ?? 0) + (fixture?.utf8.count ?? 0) + (user?.utf8.count ?? 0)
        return total + facts.storedBytes
    }
}
