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

    /// The text of `range`: one of `commonTexts` when the bytes are exactly that text (no
    /// allocation, and every copy kept, as in a request journal, shares the literal's storage),
    /// else the bytes decoded.
    func decode(_ range: Range<Int>) -> String {
        if range.count >= Self.smallestCommonText {
            for common in Self.commonTexts where common.bytes.count == range.count && common.bytes.elementsEqual(bytes[range]) {
                return common.text
            }
        }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// Header names and values that clients send on many requests and that are too long for a
    /// `String` to keep inline (16 bytes or more; shorter ones never allocate).
    static let commonTexts: [(text: String, bytes: [UInt8])] = [
        "application/json",
        "application/x-www-form-urlencoded",
        "application/json, text/plain, */*",
        "gzip, deflate, br",
        "gzip, deflate, br, zstd",
        "Access-Control-Request-Method",
        "Access-Control-Request-Headers",
        "Upgrade-Insecure-Requests",
    ].map { ($0, Array($0.utf8)) }
    /// The length of the shortest of `commonTexts`.
    static let smallestCommonText = commonTexts.map(\.bytes.count).min() ?? 0
}
