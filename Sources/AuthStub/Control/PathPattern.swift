/// Paths in faults and journal filters: exact, or with `*` standing for any run of characters.
///
/// Compiled once; matching costs O(path + pattern) whatever the pattern. The pattern is split
/// on `*` into literal pieces: the first must start the path and the last must end it, and the
/// ones between are found left to right, each with a linear search starting where the one
/// before it ended. Taking each piece's first occurrence is never wrong (a later one only leaves
/// less room for the rest), so nothing is tried twice. A pattern with a `*` compares the UTF-8
/// bytes; one without compares as `String` does.
struct PathPattern: Sendable {
    /// The pattern as written.
    let text: String
    /// The literal pieces around and between the stars; nil when there is no star.
    private let pieces: Pieces?

    /// A pattern with at least one `*`, as literal pieces.
    private struct Pieces: Sendable {
        /// What the path starts with (before the first `*`).
        let prefix: [UInt8]
        /// What the path ends with (after the last `*`).
        let suffix: [UInt8]
        /// The non-empty pieces between the first and the last `*`, in order.
        let middle: [LiteralSearch]

        /// Prefix and suffix in place (without overlapping), then each middle piece after the last.
        func match(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
            guard path.count >= prefix.count + suffix.count else { return false }
            let end = path.count - suffix.count
            guard Self.equal(prefix, path, at: 0), Self.equal(suffix, path, at: end) else { return false }
            var position = prefix.count
            for piece in middle {
                guard let after = piece.end(in: path, from: position, to: end) else { return false }
                position = after
            }
            return true
        }

        /// Whether `path` holds `literal` at `start` (the caller keeps it within the path).
        private static func equal(_ literal: [UInt8], _ path: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
            for offset in literal.indices where literal[offset] != path[start + offset] { return false }
            return true
        }
    }

    init(_ pattern: String) {
        text = pattern
        let parts = pattern.utf8.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map { Array($0) }
        guard let first = parts.first, let last = parts.last, parts.count > 1 else {
            pieces = nil
            return
        }
        let middle = parts.dropFirst().dropLast().filter { !$0.isEmpty }.map(LiteralSearch.init)
        pieces = Pieces(prefix: first, suffix: last, middle: middle)
    }

    /// The one path the pattern matches, when it has no `*`.
    var exactPath: String? { pieces == nil ? text : nil }

    /// Bytes held beyond `text`: the literal pieces, and the search tables of those between stars.
    var compiledBytes: Int {
        guard let pieces else { return 0 }
        return pieces.middle.reduce(pieces.prefix.count + pieces.suffix.count) { $0 + $1.heldBytes }
    }

    /// Whether `path` fits the pattern.
    func matches(_ path: String) -> Bool {
        guard let pieces else { return path == text }
        if let fits = path.utf8.withContiguousStorageIfAvailable({ pieces.match($0) }) { return fits }
        return Array(path.utf8).withUnsafeBufferPointer { pieces.match($0) }
    }

    /// Whether `path` fits `pattern`, compiled for this one path: still O(path + pattern).
    static func matches(_ pattern: String, _ path: String) -> Bool {
        PathPattern(pattern).matches(path)
    }
}
