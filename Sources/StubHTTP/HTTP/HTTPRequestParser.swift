/// An incremental HTTP/1.1 request parser: append bytes as they arrive, then call `next()` until it
/// answers `needMore`. It never traps on input and never allocates from a header value. A search
/// resumes where it stopped on the previous append, so trickled bytes are never rescanned.
package struct HTTPRequestParser: Sendable {
    /// The header section and body, and the buffered bytes.
    var message: HTTPMessageParser
    /// The request line and the request being assembled.
    var head = RequestHead()
    /// Whether `continueExpected` was already returned for this request.
    var continueReturned = false

    /// A parser that enforces `limits` (negative values act as zero).
    package init(limits: HTTPLimits = HTTPLimits()) {
        message = HTTPMessageParser(limits: limits)
    }

    /// Buffers received bytes. After an error, bytes are dropped.
    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        message.append(bytes)
    }

    /// Buffers received bytes. After an error, bytes are dropped.
    package mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { message.append($0) }
    }

    /// Parses as far as the buffered bytes allow and reports the next event. Call it again after
    /// `.request` (pipelined requests) and after `.continueExpected`.
    package mutating func next() -> HTTPParseEvent {
        let bytes = message.buffer
        // Only the parsing runs inside the closure: handing the request out there copied it.
        let outcome = bytes.withUnsafeBufferPointer { message.advance($0, head: &head) }
        switch outcome {
        case .needMore:
            if shouldAnnounceContinue {
                continueReturned = true
                return .continueExpected
            }
            return .needMore
        case .complete:
            return .request(finishRequest())
        case .failed(let error):
            head = RequestHead()
            return .error(error)
        }
    }

    /// True when bytes of an unfinished request are buffered (leading empty lines do not count):
    /// a server that times out chooses 408 when true, a quiet close when false.
    package var hasPartialRequest: Bool {
        switch message.phase {
        case .failed:
            return false
        case .startLine:
            if head.requestLine.step != .start { return true }
            var index = message.start
            let buffer = message.buffer
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
    package var bufferedByteCount: Int { message.bufferedByteCount }

    /// `Expect: 100-continue` on an HTTP/1.1 request whose body is not all here yet.
    private var shouldAnnounceContinue: Bool {
        guard message.facts.expectsContinue, !continueReturned, head.request.version == .http1_1 else { return false }
        switch message.phase {
        case .fixedBody, .chunkSizeLine, .chunkData, .chunkDataEnd, .trailerFields: return true
        case .startLine, .headerFields, .bodyUntilClose, .failed: return false
        }
    }

    private mutating func finishRequest() -> ParsedRequest {
        // Moved out with swap, so no reference is copied or retained twice.
        var finished = ParsedRequest()
        swap(&finished, &head.request)
        finished.body = message.finishMessage()
        head.requestLine = RequestLineState()
        continueReturned = false
        return finished
    }
}

/// The request's own parts: its line (`HTTPRequestParser+RequestLine.swift`) and what its header
/// section means (`HTTPRequestParser+Framing.swift`).
struct RequestHead: HTTPMessageHead, Sendable {
    var requestLine = RequestLineState()
    /// The request being assembled, filled in as the parts arrive; handed out with a swap.
    var request = ParsedRequest()
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
