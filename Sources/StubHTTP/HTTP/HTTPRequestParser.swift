/// An incremental HTTP/1.1 request parser: append bytes as they arrive, then call `next()` until it
/// answers `needMore`. It never traps on input and never allocates from a header value. A search
/// resumes where it stopped on the previous append, so trickled bytes are never rescanned.
package struct HTTPRequestParser: Sendable {
    /// Where in a request the parser is.
    enum Phase: Sendable {
        case requestLine
        case headerFields
        case fixedBody(remaining: Int)
        case chunkSizeLine
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailerFields
        case failed(HTTPParseError)
    }

    /// What one parsing step achieved.
    enum Progress {
        /// Consumed something and moved on: keep going.
        case advanced
        /// The buffered bytes end inside the current element.
        case needMore
        /// A whole request has been consumed.
        case complete
        /// The request is invalid.
        case failed(HTTPParseError)
    }

    /// The request being assembled, with what is needed to finish it.
    struct RequestHead: Sendable {
        /// Filled in as the parts arrive; handed out with a swap, never copied.
        var request = ParsedRequest()
        /// Where each header field lies, relative to the header section's first byte.
        var spans: [HTTPHeaders.Span] = []
        var facts = FramingFacts()
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
    var phase = Phase.requestLine
    var requestLine = RequestLineState()
    var head = RequestHead()
    /// Bytes of header (and trailer) field lines so far in this request.
    var sectionBytes = 0
    /// Header (and trailer) fields so far in this request.
    var fieldCount = 0
    /// Whether `continueExpected` was already returned for this request.
    var continueReturned = false

    package init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = HTTPLimits(
            maxRequestLineBytes: max(0, limits.maxRequestLineBytes),
            maxHeaderBytes: max(0, limits.maxHeaderBytes),
            maxHeaderCount: max(0, limits.maxHeaderCount),
            maxBodyBytes: max(0, limits.maxBodyBytes),
            maxChunkLineBytes: max(0, limits.maxChunkLineBytes)
        )
    }

    /// Buffers received bytes. After an error, bytes are dropped.
    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if case .failed = phase { return }
        guard !bytes.isEmpty else { return }
        compactIfWorthwhile()
        buffer.append(contentsOf: bytes)
    }

    /// Buffers received bytes. After an error, bytes are dropped.
    package mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Parses as far as the buffered bytes allow and reports the next event. Call it again after
    /// `.request` (pipelined requests) and after `.continueExpected`.
    package mutating func next() -> HTTPParseEvent {
        if case .failed(let error) = phase { return .error(error) }
        let bytes = buffer
        return bytes.withUnsafeBufferPointer { run($0) }
    }

    /// True when bytes of an unfinished request are buffered (leading empty lines do not count):
    /// a server that times out chooses 408 when true, a quiet close when false.
    package var hasPartialRequest: Bool {
        switch phase {
        case .failed:
            return false
        case .requestLine:
            if requestLine.step != .start { return true }
            var index = start
            let count = buffer.count
            while index < count {
                guard buffer[index] == ASCII.cr else { return true }
                guard index + 1 < count else { return false }
                guard buffer[index + 1] == ASCII.lf else { return true }
                index += 2
            }
            return false
        default:
            return true
        }
    }

    /// Received bytes not yet consumed by a returned request.
    package var bufferedByteCount: Int { buffer.count - start }

    private mutating func run(_ buf: UnsafeBufferPointer<UInt8>) -> HTTPParseEvent {
        while true {
            let progress: Progress
            switch phase {
            case .requestLine: progress = parseRequestLine(buf)
            case .headerFields: progress = parseFieldLine(buf, isTrailer: false)
            case .fixedBody(let remaining): progress = readFixedBody(buf, remaining: remaining)
            case .chunkSizeLine: progress = parseChunkSizeLine(buf)
            case .chunkData(let remaining): progress = readChunkData(buf, remaining: remaining)
            case .chunkDataEnd: progress = readChunkDataEnd(buf)
            case .trailerFields: progress = parseFieldLine(buf, isTrailer: true)
            case .failed(let error): return .error(error)
            }
            switch progress {
            case .advanced:
                continue
            case .needMore:
                if shouldAnnounceContinue {
                    continueReturned = true
                    return .continueExpected
                }
                return .needMore
            case .complete:
                return .request(finishRequest())
            case .failed(let error):
                fail(error)
                return .error(error)
            }
        }
    }

    /// `Expect: 100-continue` on an HTTP/1.1 request whose body is not all here yet.
    private var shouldAnnounceContinue: Bool {
        guard head.facts.expectsContinue, !continueReturned, head.request.version == .http1_1 else { return false }
        switch phase {
        case .fixedBody, .chunkSizeLine, .chunkData, .chunkDataEnd, .trailerFields: return true
        case .requestLine, .headerFields, .failed: return false
        }
    }

    private mutating func finishRequest() -> ParsedRequest {
        // Moved out with swap, so no reference is copied or retained twice.
        var finished = ParsedRequest()
        swap(&finished, &head.request)
        head.facts = FramingFacts()
        phase = .requestLine
        requestLine = RequestLineState()
        scan = 0
        continueReturned = false
        return finished
    }

    /// Enters the terminal state and lets go of everything buffered.
    private mutating func fail(_ error: HTTPParseError) {
        phase = .failed(error)
        buffer = []
        start = 0
        scan = 0
        lineOffset = 0
        head = RequestHead()
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

extension ParsedRequest {
    /// An empty request for the parser to fill in.
    init() {
        self.init(
            method: "",
            target: "",
            path: "",
            query: nil,
            version: .http1_1,
            headers: HTTPHeaders(),
            body: [],
            keepAlive: true
        )
    }
}
