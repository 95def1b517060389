/// Which page of a listing a control request asks for: `?limit=&after=` on
/// `GET /__control/requests`, `GET /__control/tokens` and `GET /__control/faults`. `after` is
/// where the previous page ended (an entry id, a token, a fault id); nil starts at the beginning.
struct PageRequest: Sendable, Equatable {
    /// The parameters, with their schemas.
    static let parameters = [
        ControlParameter(name: "limit", schema: .integer("At most this many items (at least 1); all when left out.", minimum: 1)),
        ControlParameter(name: "after", schema: .string("Start after this item: the `after` of the `Link` header's next page.")),
    ]

    /// At most this many items; nil: all.
    var limit: Int?
    /// Start after this item; nil: from the first.
    var after: String?

    init(limit: Int? = nil, after: String? = nil) {
        self.limit = limit
        self.after = after
    }

    /// Reads `limit` and `after` out of `query`, leaving the other parameters there.
    init(taking query: inout [(name: String, value: String)]) throws(ControlError) {
        self.init()
        var rest: [(name: String, value: String)] = []
        for item in query {
            switch item.name {
            case "limit":
                guard let limit = Int(item.value) else {
                    throw .badInput("limit must be a number, not \"\(item.value)\"", field: "limit")
                }
                self.limit = limit
            case "after": after = item.value
            default: rest.append(item)
            }
        }
        query = rest
    }

    /// `limit` checked: nil, or at least 1.
    static func checked(limit: Int?) throws(ControlError) -> Int? {
        if let limit, limit < 1 { throw .badInput("limit must be at least 1, not \(limit)", field: "limit") }
        return limit
    }

    /// How many items to fetch for a page of `limit` (nil: all): one more than the page, to
    /// know whether more remain.
    static func fetchCount(for limit: Int?) -> Int {
        limit.map { min($0, Int.max - 1) + 1 } ?? .max
    }

    /// What was fetched with `fetchCount(for: limit)`, as the page and whether more remain.
    static func split<Item>(_ fetched: [Item], limit: Int?) -> (page: [Item], more: Bool) {
        guard let limit, fetched.count > limit else { return (fetched, false) }
        return (Array(fetched.prefix(limit)), true)
    }

    /// `after` as a journal entry id.
    var afterID: Int? {
        get throws(ControlError) {
            guard let after else { return nil }
            guard let id = Int(after) else {
                throw .badInput("after must be a journal entry id (a number), not \"\(after)\"", field: "after")
            }
            return id
        }
    }

    /// The page as query parameters, not yet percent-encoded.
    var queryItems: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        if let limit { items.append(("limit", String(limit))) }
        if let after { items.append(("after", after)) }
        return items
    }
}
