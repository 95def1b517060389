/// Object members in document order. Keys are unique (the parser rejects duplicates).
///
/// Keys are compared the way Swift compares strings (canonical equivalence), everywhere: lookups,
/// the uniqueness rule and the parser's duplicate check agree. Lookups are linear, which suits the
/// small objects of request bodies and fixtures.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// One member of an object: a key and its value.
    public struct Member: Sendable, Hashable {
        /// The member's key.
        public var key: String
        /// The member's value.
        public var value: JSONValue

        /// A member with `key` and `value`.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in document order, each key once.
    public private(set) var members: [Member]

    /// An empty object.
    public init() {
        members = []
    }

    /// The members in order. When a key repeats, the later value replaces the earlier one in the earlier one's place.
    public init(_ members: [Member]) {
        var unique: [Member] = []
        unique.reserveCapacity(members.count)
        if members.count <= 16 {
            for member in members {
                if let index = unique.firstIndex(where: { $0.key == member.key }) {
                    unique[index].value = member.value
                } else {
                    unique.append(member)
                }
            }
        } else {
            var positions: [String: Int] = [:]
            for member in members {
                if let index = positions[member.key] {
                    unique[index].value = member.value
                } else {
                    positions[member.key] = unique.count
                    unique.append(member)
                }
            }
        }
        self.members = unique
    }

    /// As `init(_:)`: a repeated key keeps its first position and its last value (never a trap).
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { Member(key: $0.0, value: $0.1) })
    }

    /// Members the caller guarantees to have unique keys (the parser checks as it reads).
    init(uniqueMembers: [Member]) {
        members = uniqueMembers
    }

    /// The keys, in order.
    public var keys: [String] {
        members.map(\.key)
    }

    /// The values, in the order of their keys.
    public var values: [JSONValue] {
        members.map(\.value)
    }

    /// The number of members.
    public var count: Int {
        members.count
    }

    /// Whether the object has no members.
    public var isEmpty: Bool {
        members.isEmpty
    }

    /// The value for `key`. Setting nil removes the member; setting a new key appends it, so order is kept.
    public subscript(key: String) -> JSONValue? {
        get {
            index(of: key).map { members[$0].value }
        }
        set {
            switch (index(of: key), newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append(Member(key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// Removes the member named `key` and returns its value, if there was one.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let index = index(of: key) else { return nil }
        return members.remove(at: index).value
    }

    /// The position of the member named `key` in `members`.
    public func index(of key: String) -> Int? {
        members.firstIndex { $0.key == key }
    }

    /// Iterates over the members in order.
    public func makeIterator() -> IndexingIterator<[Member]> {
        members.makeIterator()
    }

    /// The number of members.
    public var underestimatedCount: Int {
        members.count
    }
}
