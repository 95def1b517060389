/// Which journal entries to list or count. Every part left nil matches anything.
public struct JournalFilter: Sendable, Equatable {
    /// A header a request sent: by name (any case), and with exactly `value` when it is given.
    public struct Header: Sendable, Equatable {
        /// The header's name, e.g. `Authorization`.
        public var name: String
        /// The value sent; for a header the journal shows redacted, the full value matches
        /// (as well as what the journal shows). nil: any value.
        public var value: String?

        /// A header by name, and value when given.
        public init(_ name: String, _ value: String? = nil) {
            self.name = name
            self.value = value
        }
    }

    /// The request method, e.g. `DELETE`.
    public var method: String?
    /// The request path, exactly, or with `*` standing for any run of characters.
    public var path: String?
    /// The service whose route matched.
    public var service: String?
    /// The status sent.
    public var status: Int?
    /// true: only calls to deprecated routes; false: only the others.
    public var deprecated: Bool?
    /// true: only requests no fixture matched; false: only matched ones.
    public var unmatched: Bool?
    /// true: only requests a fault applied to; false: only the others.
    public var fault: Bool?
    /// The token the request carried or received: in full, or as the journal shows it (`5c0b…`).
    public var token: String?
    /// A header the request sent.
    public var header: Header?

    /// A filter; every part left nil matches anything.
    public init(
        method: String? = nil,
        path: String? = nil,
        service: String? = nil,
        status: Int? = nil,
        deprecated: Bool? = nil,
        unmatched: Bool? = nil,
        fault: Bool? = nil,
        token: String? = nil,
        header: Header? = nil
    ) {
        self.method = method
        self.path = path
        self.service = service
        self.status = status
        self.deprecated = deprecated
        self.unmatched = unmatched
        self.fault = fault
        self.token = token
        self.header = header
    }

    /// Whether `entry` passes the filter. A full token or header value matches an entry that
    /// shows it shortened or redacted only on the server that journaled it (entries read over
    /// HTTP carry no fingerprints): give the filter to `requests(_:)` to match there.
    public func matches(_ entry: JournalEntry) -> Bool {
        if let method, entry.method != method.uppercased() { return false }
        if let path, !PathPattern.matches(path, entry.path) { return false }
        if let service, entry.service != service { return false }
        if let status, entry.status != status { return false }
        if let deprecated, entry.deprecated != deprecated { return false }
        if let unmatched, (entry.service == nil) != unmatched { return false }
        if let fault, (entry.fault != nil) != fault { return false }
        if let token, !entry.hasToken(token) { return false }
        if let header, !entry.sentHeader(header.name, value: header.value) { return false }
        return true
    }
}

/// `GET /__control/requests`: the entries that passed a filter, and how many the full journal
/// has dropped.
struct JournalListing: Sendable, Equatable {
    var entries: [JournalEntry]
    var dropped: Int
}
