/// Paths in faults and journal filters: exact, or with `*` standing for any run of characters.
enum PathPattern {
    /// Whether `path` fits `pattern`.
    static func matches(_ pattern: String, _ path: String) -> Bool {
        guard pattern.contains("*") else { return pattern == path }
        return matches(Array(pattern.utf8)[...], Array(path.utf8)[...])
    }

    /// Greedy glob with backtracking to the last `*`: linear for the patterns people write.
    private static func matches(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex
        var t = text.startIndex
        var star: (pattern: Int, text: Int)?
        while t < text.endIndex {
            if p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") {
                star = (p, t)
                p += 1
            } else if p < pattern.endIndex, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let last = star {
                p = last.pattern + 1
                t = last.text + 1
                star = (last.pattern, last.text + 1)
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }
}
