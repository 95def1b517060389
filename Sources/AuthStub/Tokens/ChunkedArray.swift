/// A growable array kept in chunks of `chunkLength` elements: growing allocates one more chunk
/// and never copies what is stored, so no append stalls on a large copy (a plain `Array`
/// doubles, moving every element). Indices are checked by the callers, as with `Array`.
struct ChunkedArray<Element: Sendable>: Sendable {
    /// Elements per chunk (a power of two).
    static var chunkLength: Int { 4096 }
    private static var shift: Int { 12 }

    private var chunks: [[Element]] = []
    private(set) var count = 0

    subscript(index: Int) -> Element {
        get { chunks[index >> Self.shift][index & (Self.chunkLength - 1)] }
        set { chunks[index >> Self.shift][index & (Self.chunkLength - 1)] = newValue }
    }

    mutating func append(_ element: Element) {
        if count >> Self.shift == chunks.count {
            var chunk: [Element] = []
            chunk.reserveCapacity(Self.chunkLength)
            chunks.append(chunk)
        }
        chunks[count >> Self.shift].append(element)
        count += 1
    }

    /// Removes the last element; keeps at most one empty chunk for the next appends.
    mutating func removeLast() {
        guard count > 0 else { return }
        count -= 1
        chunks[count >> Self.shift].removeLast()
        if chunks.count > (count >> Self.shift) + 2 { chunks.removeLast() }
    }
}
