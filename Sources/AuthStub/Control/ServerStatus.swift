/// What `GET /__control/status` reports.
public struct ServerStatus: Sendable, Equatable {
    /// One served service.
    public struct Service: Sendable, Equatable {
        /// Its name (its fixture folder's), e.g. `wice`.
        public var name: String
        /// Its title from `service.json`, when it has one.
        public var title: String?
        /// The prefixes its endpoints are served under (`""` for their own paths).
        public var basePaths: [String]
        /// How many endpoint fixtures it has.
        public var endpoints: Int
        /// How many keys its rate limits count requests under now (at most 10,000).
        public var rateLimitKeys: Int

        /// A service as the status lists it.
        public init(name: String, title: String?, basePaths: [String], endpoints: Int, rateLimitKeys: Int = 0) {
            self.name = name
            self.title = title
            self.basePaths = basePaths
            self.endpoints = endpoints
            self.rateLimitKeys = rateLimitKeys
        }
    }

    /// The journal's size and bounds. The counts run from the server's start, `reset` or
    /// `clearRequests`.
    public struct JournalCounts: Sendable, Equatable {
        /// Entries held now.
        public var entries: Int
        /// Entries dropped because the journal was full (in entries or bytes).
        public var dropped: Int
        /// Entries held before the oldest is dropped.
        public var capacity: Int
        /// Bytes held now, as the byte budget counts them.
        public var bytes: Int
        /// Bytes held before the oldest entries are dropped.
        public var byteLimit: Int
        /// Bytes of header values and body one entry keeps before they are cut.
        public var entryByteLimit: Int
        /// Entries whose values were cut to `entryByteLimit`.
        public var truncated: Int
        /// The newest entry's id (0 before the first). The entries held have consecutive ids,
        /// so `after: lastID - 50` pages the latest 50.
        public var lastID: Int

        /// Counts; the ones after `capacity` default to 0.
        public init(
            entries: Int,
            dropped: Int,
            capacity: Int,
            bytes: Int = 0,
            byteLimit: Int = 0,
            entryByteLimit: Int = 0,
            truncated: Int = 0,
            lastID: Int = 0
        ) {
            self.entries = entries
            self.dropped = dropped
            self.capacity = capacity
            self.bytes = bytes
            self.byteLimit = byteLimit
            self.entryByteLimit = entryByteLimit
            self.truncated = truncated
            self.lastID = lastID
        }
    }

    /// How the request log (`AuthStubServer.Options.requestLog`, the CLI's console lines) keeps
    /// up: entries waiting for it, and entries dropped because it fell behind. These counts run
    /// from the server's start; `reset` leaves them.
    public struct RequestLogCounts: Sendable, Equatable {
        /// Entries handed to the log and not yet passed to its callback.
        public var waiting: Int
        /// Entries the log dropped because too many were waiting (its reader was slow or gone).
        public var dropped: Int

        /// The request log's counts as given.
        public init(waiting: Int, dropped: Int) {
            self.waiting = waiting
            self.dropped = dropped
        }
    }

    /// The token store's counts and limits (`AuthStubServer.Options.tokenLimit`). The counts
    /// run from the server's start or its last reset.
    public struct TokenCounts: Sendable, Equatable {
        /// Tokens that have not ended (usable or disabled).
        public var live: Int
        /// Ended tokens kept so that their refusal still says why (at most 1,000).
        public var ended: Int
        /// Live tokens evicted to stay within the limits.
        public var evicted: Int
        /// Live tokens the server holds at most.
        public var limit: Int
        /// Live tokens one user of one service holds at most.
        public var perUserLimit: Int

        /// The token store's counts and limits as given.
        public init(live: Int, ended: Int, evicted: Int, limit: Int, perUserLimit: Int) {
            self.live = live
            self.ended = ended
            self.evicted = evicted
            self.limit = limit
            self.perUserLimit = perUserLimit
        }
    }

    /// AuthStub's version, e.g. `0.1.0`.
    public var version: String
    /// Every service served, in load order.
    public var services: [Service]
    /// Endpoint fixtures across every service.
    public var fixtures: Int
    /// The server clock.
    public var clock: ClockStatus
    /// The journal's counts and bounds.
    public var journal: JournalCounts
    /// Faults listed: the live ones and the spent ones still kept (see `AuthStubControl.faults()`).
    public var faults: Int
    /// Tokens the server holds, in any state: the live ones and the ended ones it keeps (see
    /// `tokenCounts`).
    public var tokens: Int
    /// The token store's counts and limits.
    public var tokenCounts: TokenCounts
    /// The request log's counts, or nil when no request log is set.
    public var requestLog: RequestLogCounts?

    /// A status as given (what `GET /__control/status` answers, read back by `ControlClient`).
    public init(
        version: String,
        services: [Service],
        fixtures: Int,
        clock: ClockStatus,
        journal: JournalCounts,
        faults: Int,
        tokens: Int,
        tokenCounts: TokenCounts = TokenCounts(live: 0, ended: 0, evicted: 0, limit: 0, perUserLimit: 0),
        requestLog: RequestLogCounts? = nil
    ) {
        self.version = version
        self.services = services
        self.fixtures = fixtures
        self.clock = clock
        self.journal = journal
        self.faults = faults
        self.tokens = tokens
        self.tokenCounts = tokenCounts
        self.requestLog = requestLog
    }
}
