/// The open windows of the rate limits, per service: a fixed window per limit and key (the
/// route, user, client or token a request counts under) opens with the key's first request and
/// lasts the limit's window on the server clock. Keys come from outside (usernames, tokens), so
/// each service holds at most `capacity` of them: a new key at the cap drops the windows that
/// ended, then the ones that opened first, until a tenth of the room is free, so that making
/// room is paid once per many new keys. Kept in `EngineState`; `reset` forgets them.
struct RateLimitCounters: Sendable {
    /// What a window is counted under: the limit (`service`'s own name, or `endpoint/name` for
    /// an endpoint's) and the key.
    struct Key: Hashable, Sendable {
        let limit: String
        let subject: String

        /// A key over this many bytes is kept as its SHA-256: a username or token from outside
        /// may be megabytes long, so a window holds at most about a hundred bytes of key.
        static let longestSubject = 64

        init(limit: String, subject: String) {
            self.limit = limit
            self.subject = subject.utf8.count <= Self.longestSubject ? subject : "sha256:" + Base64URL.encode(SHA256.hash(subject.utf8))
        }
    }

    /// One open window: when it opened and ends (milliseconds on the server clock) and the
    /// requests counted in it, refused ones included.
    struct Window: Sendable, Equatable {
        let start: Int64
        let end: Int64
        var count: Int

        /// Whether it still counts at `now` (a clock set back before its start opens a new one).
        func isOpen(at now: Int64) -> Bool { start <= now && now < end }
    }

    /// How many keys a service keeps.
    static let keysPerService = 10_000

    let capacity: Int
    private var services: [String: [Key: Window]] = [:]

    init(capacity: Int = RateLimitCounters.keysPerService) {
        self.capacity = max(capacity, 1)
    }

    /// Counts one request under `key` of `service` at `now`, opening a window of `length`
    /// milliseconds when none is open, and returns the window with this request counted.
    mutating func count(_ key: Key, service: String, length: Int64, now: Int64) -> Window {
        if var window = services[service]?[key], window.isOpen(at: now) {
            window.count = window.count == Int.max ? window.count : window.count + 1
            services[service]?[key] = window
            return window
        }
        let window = Window(start: now, end: now &+ length, count: 1)
        var windows = services.removeValue(forKey: service) ?? [:]
        if windows[key] == nil, windows.count >= capacity { makeRoom(in: &windows, now: now) }
        windows[key] = window
        services[service] = windows
        return window
    }

    /// How many keys `service` holds now.
    func keyCount(of service: String) -> Int { services[service]?.count ?? 0 }

    /// Drops the windows that ended, then, while less than a tenth of the room is free, the
    /// ones that opened first.
    private func makeRoom(in windows: inout [Key: Window], now: Int64) {
        windows = windows.filter { $0.value.isOpen(at: now) }
        let kept = capacity - max(1, capacity / 10)
        guard windows.count > kept else { return }
        for (key, _) in windows.sorted(by: { $0.value.start < $1.value.start }).prefix(windows.count - kept) { windows[key] = nil }
    }
}
