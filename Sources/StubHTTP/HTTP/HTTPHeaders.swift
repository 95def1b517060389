/// Header fields in arrival order with their original case; lookups are ASCII-case-insensitive.
///
/// Names and values are kept as raw bytes in one array (for parsed requests, the header section
/// as received), with one array of index ranges beside it, so a parsed request's headers cost two
/// allocations. Values are never force-decoded: the
/// `String` accessors decode UTF-8 with repair (invalid bytes become U+FFFD) and `rawValue(for:)`
/// gives the bytes exactly as received. Nothing here validates names or values; the parser does
/// that for what it produces, and a response writer must do it for what it sends.
public struct HTTPHeaders: Sendable {
    /// Where one field's name and value sit in `bytes`.
    struct Span: Sendable, Equatable {
        var nameStart: Int
        var nameEnd: Int
        var valueStart: Int
        var valueEnd: Int

        var name: Range<Int> { nameStart..<nameEnd }
        var value: Range<Int> { valueStart..<valueEnd }
    }

    /// Every name and value (back to back, or with the separators of the parsed header section).
    private(set) var bytes: [UInt8]
    /// One span per field, in order.
    private(set) var spans: [Span]

    /// Creates an empty set of fields.
    public init() {
        bytes = []
        spans = []
    }

    /// Creates fields from name/value pairs, keeping their order.
    public init(_ fields: [(name: String, value: String)]) {
        self.init()
        for field in fields {
            add(name: field.name, value: field.value)
        }
    }

    /// The number of fields (a name that appears twice counts twice).
    public var count: Int { spans.count }

    /// Appends a field, keeping any existing fields of that name.
    public mutating func add(name: String, value: String) {
        // Contiguous bytes append as one copy; a String's UTF-8 view goes a slower generic way.
        var name = name
        var value = value
        name.withUTF8 { name in value.withUTF8 { add(rawName: name, rawValue: $0) } }
    }

    /// Appends a field from raw bytes, exactly as given.
    mutating func add(rawName: some Sequence<UInt8>, rawValue: some Sequence<UInt8>) {
        makeRoomForFirstField()
        let nameStart = bytes.count
        bytes.append(contentsOf: rawName)
        let nameEnd = bytes.count
        bytes.append(contentsOf: rawValue)
        spans.append(Span(nameStart: nameStart, nameEnd: nameEnd, valueStart: nameEnd, valueEnd: bytes.count))
    }

    /// Appends a field whose value `write` appends straight into the fields' storage (a prepared
    /// response's pieces), so no value is built on its own first.
    package mutating func add(name: String, writingValue write: (inout [UInt8]) -> Void) {
        makeRoomForFirstField()
        let nameStart = bytes.count
        bytes.append(contentsOf: name.utf8)
        let nameEnd = bytes.count
        write(&bytes)
        spans.append(Span(nameStart: nameStart, nameEnd: nameEnd, valueStart: nameEnd, valueEnd: bytes.count))
    }

    /// Makes room for a typical response's fields when the first one is added, so that adding
    /// a handful of fields one by one does not grow the storage again each time.
    private mutating func makeRoomForFirstField() {
        guard spans.capacity == 0 else { return }
        spans.reserveCapacity(8)
        bytes.reserveCapacity(256)
    }

    /// Replaces every field of that name with one field, placed where the first one was
    /// (or at the end if there was none).
    public mutating func set(name: String, value: String) {
        guard let first = firstIndex(of: name) else {
            add(name: name, value: value)
            return
        }
        rebuild(replacing: name, at: first, with: (Array(name.utf8), Array(value.utf8)))
    }

    /// Removes every field of that name.
    public mutating func remove(name: String) {
        guard firstIndex(of: name) != nil else { return }
        rebuild(replacing: name, at: nil, with: nil)
    }

    /// Fields whose names and values lie in `block` at `spans` (the parser's path: the header
    /// section is copied once, separators included, and never turned into Strings).
    init(block: [UInt8], spans: [Span]) {
        bytes = block
        self.spans = spans
    }

    /// Copies every field not named `name`; the replacement (if any) goes in at span index `at`.
    private mutating func rebuild(
        replacing name: String,
        at position: Int?,
        with replacement: (name: [UInt8], value: [UInt8])?
    ) {
        var newBytes: [UInt8] = []
        var newSpans: [Span] = []
        newBytes.reserveCapacity(bytes.count)
        newSpans.reserveCapacity(spans.count)
        withQuery(name) { query in
            for (index, span) in spans.enumerated() {
                if index == position, let replacement {
                    let start = newBytes.count
                    newBytes.append(contentsOf: replacement.name)
                    let middle = newBytes.count
                    newBytes.append(contentsOf: replacement.value)
                    newSpans.append(Span(nameStart: start, nameEnd: middle, valueStart: middle, valueEnd: newBytes.count))
                }
                if nameMatches(span, query) { continue }
                let start = newBytes.count
                newBytes.append(contentsOf: bytes[span.name])
                let middle = newBytes.count
                newBytes.append(contentsOf: bytes[span.value])
                newSpans.append(Span(nameStart: start, nameEnd: middle, valueStart: middle, valueEnd: newBytes.count))
            }
        }
        bytes = newBytes
        spans = newSpans
    }
}
