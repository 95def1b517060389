extension HTTPHeaders: Sequence {
    /// One header field, decoded as UTF-8 with repair.
    public struct Field: Sendable, Equatable {
        /// The name with its original case.
        public var name: String
        /// The value, leading and trailing whitespace already removed by the parser.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Walks the fields in arrival order.
    public struct Iterator: IteratorProtocol {
        private let headers: HTTPHeaders
        private var index = 0

        init(_ headers: HTTPHeaders) {
            self.headers = headers
        }

        /// The next field, or nil after the last.
        public mutating func next() -> Field? {
            guard index < headers.spans.count else { return nil }
            let span = headers.spans[index]
            index += 1
            return Field(name: headers.decode(span.name), value: headers.decode(span.value))
        }
    }

    /// An iterator over the fields in arrival order.
    public func makeIterator() -> Iterator {
        Iterator(self)
    }

    /// The number of fields.
    public var underestimatedCount: Int { spans.count }
}

extension HTTPHeaders: Equatable {
    /// Same fields in the same order, names and values byte for byte (name case included).
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        guard lhs.spans.count == rhs.spans.count else { return false }
        for (left, right) in zip(lhs.spans, rhs.spans) {
            guard lhs.bytes[left.name].elementsEqual(rhs.bytes[right.name]),
                lhs.bytes[left.value].elementsEqual(rhs.bytes[right.value])
            else { return false }
        }
        return true
    }
}

extension HTTPHeaders: ExpressibleByDictionaryLiteral {
    /// Creates fields from a literal, keeping its order (repeated names are allowed).
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init()
        for (name, value) in elements {
            add(name: name, value: value)
        }
    }
}

extension HTTPHeaders: CustomStringConvertible {
    /// The fields as `name: value` lines.
    public var description: String {
        map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }
}
