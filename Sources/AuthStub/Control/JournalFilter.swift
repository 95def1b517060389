/// Which journal entries to list or count. Every part left nil matches anything.
public struct JournalFilter: Sendable, Equatable {
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

    public init(
        method: String? = nil,
        path: String? = nil,
        service: String? = nil,
        status: Int? = nil,
        deprecated: Bool? = nil,
        unmatched: Bool? = nil,
        fault: Bool? = nil
    ) {
        self.method = method
        self.path = path
        self.service = service
        self.status = status
        self.deprecated = deprecated
        self.unmatched = unmatched
        self.fault = fault
    }

    /// Whether `entry` passes the filter.
    public func matches(_ entry: JournalEntry) -> Bool {
        if let method, entry.method != method.uppercased() { return false }
        if let path, !PathPattern.matches(path, entry.path) { return false }
        if let service, entry.service != service { return false }
        if let status, entry.status != status { return false }
        if let deprecated, entry.deprecated != deprecated { return false }
        if let unmatched, (entry.service == nil) != unmatched { return false }
        if let fault, (entry.fault != nil) != fault { return false }
        return true
    }
}

/// `GET /__control/requests`: the entries that passed a filter, and how many the full journal
/// has dropped.
struct JournalListing: Sendable, Equatable {
    var entries: [JournalEntry]
    var dropped: Int
}
