extension HTTPHeaders {
    /// The first value of the field `name` (ASCII-case-insensitive), decoded as UTF-8 with repair.
    public subscript(name: String) -> String? {
        guard let index = firstIndex(of: name) else { return nil }
        return decode(spans[index].value)
    }

    /// Every value of the field `name`, in arrival order, decoded as UTF-8 with repair.
    public func values(for name: String) -> [String] {
        withQuery(name) { query in
            var result: [String] = []
            for span in spans where nameMatches(span, query) {
                result.append(decode(span.value))
            }
            return result
        }
    }

    /// The first value of the field `name`, exactly as received.
    public func rawValue(for name: String) -> [UInt8]? {
        guard let index = firstIndex(of: name) else { return nil }
        return Array(bytes[spans[index].value])
    }

    /// Whether a field `name` is present (ASCII-case-insensitive).
    public func contains(_ name: String) -> Bool {
        firstIndex(of: name) != nil
    }

    /// Calls `body` with every field's raw name and value bytes, in order.
    package func forEachRawField(
        _ body: (_ name: ArraySlice<UInt8>, _ value: ArraySlice<UInt8>) throws -> Void
    ) rethrows {
        for span in spans {
            try body(bytes[span.name], bytes[span.value])
        }
    }

    /// The span index of the first field called `name`, or nil.
    func firstIndex(of name: String) -> Int? {
        withQuery(name) { query in
            spans.firstIndex { nameMatches($0, query) }
        }
    }

    /// Calls `body` with the UTF-8 bytes of `name`: in place for a native string, from the stack
    /// for a small one (most field names), so a lookup allocates nothing.
    func withQuery<Result>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var name = name
        return name.withUTF8(body)
    }

    /// Whether the span's name equals `query` under ASCII-only case folding.
    func nameMatches(_ span: Span, _ query: UnsafeBufferPointer<UInt8>) -> Bool {
        guard span.nameEnd - span.nameStart == query.count else { return false }
        var offset = 0
        while offset < query.count {
            if ASCII.lowercased(bytes[span.nameStart + offset]) != ASCII.lowercased(query[offset]) {
                return false
            }
            offset += 1
        }
        return true
    }

    func decode(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
