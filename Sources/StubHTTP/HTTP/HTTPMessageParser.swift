/// What HTTP/1.1 requests and responses share after their first line (RFC 9112 §5-§7): the
/// header section, a body framed by `Content-Length`, chunked coding or the end of the
/// connection, and the trailer section. `HTTPRequestParser` and `HTTPResponseParser` each own
/// one, with an `HTTPMessageHead` that parses their start line and chooses the framing; the
/// bytes are buffered here.
///
/// It never traps on input and never allocates from a header value. A search resumes where it
/// stopped on the previous append, so trickled bytes are never rescanned.
struct HTTPMessageParser: Sendable {
    /// Where in a message the parser is.
    enum Phase: Sendable {
        /// The head parses its start line.
        case startLine
        case headerFields
        case fixedBody(remaining: Int)
        case chunkSizeLine
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailerFields
        /// Every byte until the connection closes (responses only).
        case bodyUntilClose
        case failed(HTTPParseError)
    }

    /// What one parsing step achieved.
    enum Progress {
        /// Consumed something and moved on: keep going.
        case advanced
        /// The buffered bytes end inside the current element.
        case needMore
        /// The header section ends with the CRLF at this index: the head checks the fields,
        /// takes them (`takeHeaders`) and chooses the framing (`beginBody`).
        case headerSectionEnd(Int)
        /// A whole message has been consumed.
        case complete
        /// The message is invalid.
        case failed(HTTPParseError)
    }

    /// How a message's body is delimited (RFC 9112 §6.3).
    enum BodyFraming {
        case none
        case length(Int)
        case chunked
        case untilClose
    }

    /// Capacity above which an emptied buffer is given back rather than kept for reuse.
    static let retainedCapacity = 256 * 1024

    let limits: HTTPLimits
    /// Received bytes; those before `start` are consumed.
    var buffer: [UInt8] = []
    /// Index in `buffer` of the first unconsumed byte (the start of the current element).
    var start = 0
    /// How many bytes after the current element's start its scan has already examined.
    var scan = 0
    /// In the header section: offset from `start` (the section's first byte) of the current line.
    var lineOffset = 0
    var phase = Phase.startLine
    /// Bytes of header (and trailer) field lines so far in this message.
    var sectionBytes = 0
    /// Header (and trailer) fields so far in this message.
    var fieldCount = 0
    /// Where each header field lies, relative to the header section's first byte.
    var spans: [HTTPHeaders.Span] = []
    /// What the header fields said about framing and the connection.
    var facts = FramingFacts()
    /// The body so far, de-chunked.
    var body: [UInt8] = []

    /// Negative limits act as zero.
    init(limits: HTTPLimits) {
        self.limits = HTTPLimits(
            maxRequestLineBytes: max(0, limits.maxRequestLineBytes),
            maxHeaderBytes: max(0, limits.maxHeaderBytes),
            maxHeaderCount: max(0, limits.maxHeaderCount),
            maxBodyBytes: max(0, limits.maxBodyBytes),
            maxChunkLineBytes: max(0, limits.maxChunkLineBytes)
        )
    }

    /// Buffers received bytes. After an error, bytes are dropped.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if case .failed = phase { return }
        guard !bytes.isEmpty else { return }
        compactIfWorthwhile()
        buffer.append(contentsOf: bytes)
    }

    /// Received bytes not yet consumed by a finished message.
    var bufferedByteCount: Int { buffer.count - start }

    /// Where `advance` stopped.
    enum Outcome {
        /// The buffered bytes end inside the message: append more.
        case needMore
        /// A whole message has been consumed: the owner hands it out and calls `finishMessage`.
        case complete
        /// The message is invalid; the parser has failed for good.
        case failed(HTTPParseError)
    }

    /// Parses `buf` (the buffered bytes) as far as it goes, with `head` for what differs between
    /// requests and responses: the start line, and what the header section means.
    mutating func advance(_ buf: UnsafeBufferPointer<UInt8>, head: inout some HTTPMessageHead) -> Outcome {
        while true {
            var progress: Progress
            switch phase {
            case .startLine: progress = head.parseStartLine(&self, buf)
            case .headerFields: progress = parseFieldLine(buf, isTrailer: false)
            case .fixedBody(let remaining): progress = readFixedBody(buf, remaining: remaining)
            case .chunkSizeLine: progress = parseChunkSizeLine(buf)
            case .chunkData(let remaining): progress = readChunkData(buf, remaining: remaining)
            case .chunkDataEnd: progress = readChunkDataEnd(buf)
            case .trailerFields: progress = parseFieldLine(buf, isTrailer: true)
            case .bodyUntilClose: progress = readUntilClose(buf)
            case .failed(let error): return .failed(error)
            }
            if case .headerSectionEnd(let sectionEnd) = progress {
                progress = head.finishHead(&self, buf, sectionEnd: sectionEnd)
            }
            switch progress {
            case .advanced, .headerSectionEnd: continue
            case .needMore: return .needMore
            case .complete: return .complete
            case .failed(let error):
                fail(error)
                return .failed(error)
            }
        }
    }

    /// The start line ended just before `sectionStart`: the header section begins there.
    mutating func beginHeaderSection(at sectionStart: Int) {
        start = sectionStart
        scan = 0
        lineOffset = 0
        sectionBytes = 0
        fieldCount = 0
        spans.reserveCapacity(16)
        phase = .headerFields
    }

    /// The header fields, copied out of the buffer in one go (separators included, never turned
    /// into Strings); `sectionEnd` is the index of the CRLF that ends the section.
    mutating func takeHeaders(_ buf: UnsafeBufferPointer<UInt8>, sectionEnd: Int) -> HTTPHeaders {
        var taken: [HTTPHeaders.Span] = []
        swap(&taken, &spans)
        let headers = HTTPHeaders(block: Array(UnsafeBufferPointer(rebasing: buf[start..<sectionEnd])), spans: taken)
        start = sectionEnd + 2
        lineOffset = 0
        scan = 0
        return headers
    }

    /// Enters the phase that reads a body framed as `framing`; `.complete` when there is none.
    mutating func beginBody(_ framing: BodyFraming) -> Progress {
        switch framing {
        case .none, .length(0):
            return .complete
        case .length(let length):
            phase = .fixedBody(remaining: length)
        case .chunked:
            phase = .chunkSizeLine
        case .untilClose:
            phase = .bodyUntilClose
        }
        return .advanced
    }

    /// Hands out the finished message's body and gets ready for the next message's start line.
    mutating func finishMessage() -> [UInt8] {
        // Moved out with swap, so the bytes are neither copied nor retained twice.
        var finished: [UInt8] = []
        swap(&finished, &body)
        facts = FramingFacts()
        phase = .startLine
        scan = 0
        return finished
    }

    /// Enters the terminal state and lets go of everything buffered.
    private mutating func fail(_ error: HTTPParseError) {
        phase = .failed(error)
        buffer = []
        start = 0
        scan = 0
        lineOffset = 0
        spans = []
        facts = FramingFacts()
        body = []
    }

    /// A `Content-Length` body: taken in one copy once all of it is buffered.
    private mutating func readFixedBody(_ buf: UnsafeBufferPointer<UInt8>, remaining: Int) -> Progress {
        guard buf.count - start >= remaining else { return .needMore }
        body = Array(UnsafeBufferPointer(rebasing: buf[start..<(start + remaining)]))
        start += remaining
        return .complete
    }

    /// A body that ends with the connection: everything buffered, up to `maxBodyBytes`.
    private mutating func readUntilClose(_ buf: UnsafeBufferPointer<UInt8>) -> Progress {
        let available = buf.count - start
        guard available > 0 else { return .needMore }
        guard available <= limits.maxBodyBytes - body.count else {
            return .failed(.contentTooLarge("body larger than \(limits.maxBodyBytes) bytes"))
        }
        body.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<buf.count]))
        start = buf.count
        return .needMore
    }

    /// Drops consumed bytes once they are at least half the buffer, so each byte moves at most
    /// about once on average.
    private mutating func compactIfWorthwhile() {
        guard start > 0 else { return }
        if start == buffer.count {
            if buffer.capacity > Self.retainedCapacity {
                buffer = []
            } else {
                buffer.removeAll(keepingCapacity: true)
            }
            start = 0
        } else if start >= buffer.count - start {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }
}

/// What differs between a request and a response: the start line, and what the complete header
/// section means for the body and the connection.
protocol HTTPMessageHead {
    /// Parses the start line at `message.start` as far as `buf` goes; once it is complete,
    /// records it and calls `message.beginHeaderSection(at:)`.
    mutating func parseStartLine(_ message: inout HTTPMessageParser, _ buf: UnsafeBufferPointer<UInt8>) -> HTTPMessageParser.Progress
    /// The header section ends with the CRLF at `sectionEnd`: checks the fields, takes them
    /// (`message.takeHeaders`) and chooses the framing (`message.beginBody`).
    mutating func finishHead(_ message: inout HTTPMessageParser, _ buf: UnsafeBufferPointer<UInt8>, sectionEnd: Int) -> HTTPMessageParser.Progress
}
