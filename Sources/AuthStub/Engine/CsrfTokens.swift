/// The CSRF values the server has made (`{{csrfToken}}`), so that a request's value can be
/// checked as one of them. Bounded: past `limit` the oldest is forgotten (a client holding it
/// is refused as if it had never had one). Part of the engine's state: `reset` forgets them.
struct CsrfTokens: Sendable {
    /// How many values are remembered at most.
    static let limit = 10_000

    private var known: Set<String> = []
    /// The values in the order they were made, oldest first, from `oldest` on.
    private var order: [String] = []
    private var oldest = 0
    /// nil: the system's generator; seeded runs make the same values every time.
    private var generator: TokenGenerator

    init(seed: UInt64?) {
        // A stream of its own, so CSRF values do not shift the tokens a seed gives.
        generator = TokenGenerator(seed: seed.map { $0 ^ 0x6373_7266_746F_6B6E })
    }

    /// Whether the server made `value` and still remembers it.
    func contains(_ value: String) -> Bool { known.contains(value) }

    /// A new value, remembered.
    mutating func make() -> String {
        let value = String(generator.next().filter { $0 != "-" })
        known.insert(value)
        order.append(value)
        if known.count > Self.limit, oldest < order.count {
            known.remove(order[oldest])
            oldest += 1
            if oldest > Self.limit {
                order.removeFirst(oldest)
                oldest = 0
            }
        }
        return value
    }
}
