/// An input as the parser harnesses read it: byte 0 steers the run (bits 0-2: how many chunk
/// lengths follow; the harness gives the other bits their meaning), then that many bytes, each
/// a chunk length of 1-256 used in turn, then the byte stream to parse.
package struct SplitFeedInput {
    /// Byte 0.
    package let control: UInt8
    /// The bytes to parse.
    package let stream: [UInt8]
    /// The chunk lengths for the split feed; none means byte by byte.
    private let chunkLengths: [Int]

    /// Reads the layout; nil for an empty input.
    package init?(_ input: [UInt8]) {
        guard let control = input.first else { return nil }
        let lengthCount = min(Int(control & 0x07), input.count - 1)
        self.control = control
        chunkLengths = input.dropFirst().prefix(lengthCount).map { Int($0) + 1 }
        stream = Array(input.dropFirst(1 + lengthCount))
    }

    /// The stream cut by the chunk lengths in turn (byte by byte without any).
    package var splitChunks: [ArraySlice<UInt8>] {
        let lengths = chunkLengths.isEmpty ? [1] : chunkLengths
        var chunks: [ArraySlice<UInt8>] = []
        var start = 0
        while start < stream.count {
            let end = min(stream.count, start + lengths[chunks.count % lengths.count])
            chunks.append(stream[start..<end])
            start = end
        }
        return chunks
    }

    /// The chunk lengths, for failure messages.
    package var splitDescription: String { chunkLengths.isEmpty ? "byte by byte" : "chunks \(chunkLengths)" }
}
