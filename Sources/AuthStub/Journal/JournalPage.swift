/// One page of the journal (`requests(_:limit:after:)`, `GET /__control/requests`): the
/// entries that passed a filter, oldest first, with what the journal lost since it was started,
/// reset or cleared, so that a reader can tell a complete answer from one with gaps.
public struct JournalPage: Sendable, Equatable {
    /// The entries, oldest first.
    public var entries: [JournalEntry]
    /// Entries the journal dropped (oldest first) to stay within its entry and byte bounds.
    /// Non-zero: a count or an absence read from the journal may be wrong.
    public var dropped: Int
    /// Entries whose header values or body the journal cut to its per-entry cap (each such
    /// entry has `truncated` set).
    public var truncated: Int
    /// The id to pass as `after` for the next page; nil when this page is the last.
    public var next: Int?

    /// A page.
    public init(entries: [JournalEntry], dropped: Int, truncated: Int = 0, next: Int? = nil) {
        self.entries = entries
        self.dropped = dropped
        self.truncated = truncated
        self.next = next
    }
}
