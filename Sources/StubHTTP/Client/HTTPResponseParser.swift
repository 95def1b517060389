/// An incremental HTTP/1.1 response parser, the client's twin of `HTTPRequestParser`: the same
/// byte scanning, field rules and chunked decoding (`HTTPMessageParser`), and limits in the same
/// style. Append bytes as they arrive, call `next(answeringHead:)` until it answers `needMore`,
/// and call `finish()` when the connection closes.
///
/// Framing follows RFC 9112 §6.3: no body in answer to `HEAD` or with a 1xx, 204 or 304 status;
/// otherwise chunked, `Content-Length`, or every byte until the connection closes. It is as
/// strict as the server: both framing fields, two `Content-Length`s or a coding other than
/// `chunked` are errors, never guesses.
package struct HTTPResponseParser: Sendable {
    /// Bounds on one response; a breach is a `tooLarge` error naming the limit.
    package struct Limits: Sendable, Equatable {
        /// Longest status line, CRLF excluded.
        package var maxStatusLineBytes: Int
        /// Largest header section (field lines with their CRLFs; trailer fields count too).
        package var maxHeaderBytes: Int
        /// Most header fields (trailer fields count too).
        package var maxHeaderCount: Int
        /// Largest body, de-chunked.
        package var maxBodyBytes: Int
        /// Longest chunk-size line (size, extensions and CRLF).
        package var maxChunkLineBytes: Int

        /// The defaults: the server's limits for the head, 64 MiB for the body.
        package init(
            maxStatusLineBytes: Int = 8 * 1024,
            maxHeaderBytes: Int = 64 * 1024,
            maxHeaderCount: Int = 100,
            maxBodyBytes: Int = 64 * 1024 * 1024,
            maxChunkLineBytes: Int = 4 * 1024
        ) {
            self.maxStatusLineBytes = maxStatusLineBytes
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaderCount = maxHeaderCount
            self.maxBodyBytes = maxBodyBytes
            self.maxChunkLineBytes = maxChunkLineBytes
        }
    }

    /// The header section and body, and the buffered bytes.
    var message: HTTPMessageParser
    /// The status line and the response being assembled.
    var head = ResponseHead()

    /// A parser that enforces `limits` (negative values act as zero).
    package init(limits: Limits = Limits()) {
        message = HTTPMessageParser(
            limits: HTTPLimits(
                maxRequestLineBytes: limits.maxStatusLineBytes,
                maxHeaderBytes: limits.maxHeaderBytes,
                maxHeaderCount: limits.maxHeaderCount,
                maxBodyBytes: limits.maxBodyBytes,
                maxChunkLineBytes: limits.maxChunkLineBytes
            )
        )
    }

    /// Buffers received bytes. After an error, bytes are dropped.
    package mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { message.append($0) }
    }

    /// Received bytes not yet consumed by a returned response.
    package var bufferedByteCount: Int { message.bufferedByteCount }

    /// Parses as far as the buffered bytes allow and reports the next event. `answeringHead`
    /// says whether the response now due answers a `HEAD` request (it then has no body); pass
    /// the same value until that response is returned.
    package mutating func next(answeringHead: Bool = false) -> HTTPResponseEvent {
        head.answeringHead = answeringHead
        let bytes = message.buffer
        switch bytes.withUnsafeBufferPointer({ message.advance($0, head: &head) }) {
        case .needMore:
            return .needMore
        case .complete:
            return .response(finishResponse())
        case .failed(let error):
            head = ResponseHead()
            return .error(HTTPClientError(error))
        }
    }

    /// The connection has closed: returns the next response (one whose body ran until the
    /// close, say), or throws `closed` for one cut short or for no response at all.
    package mutating func finish() throws(HTTPClientError) -> ParsedResponse {
        switch next(answeringHead: head.answeringHead) {
        case .response(let response): return response
        case .error(let error): throw error
        case .needMore: break
        }
        switch message.phase {
        case .bodyUntilClose:
            return finishResponse()
        case .failed(let error):
            throw HTTPClientError(error)
        case .startLine where message.bufferedByteCount == 0:
            throw HTTPClientError(.closed, "the connection closed without a response")
        case .fixedBody(let remaining):
            throw HTTPClientError(.closed, "the body broke off after \(message.bufferedByteCount) of \(remaining) bytes")
        case .chunkSizeLine, .chunkData, .chunkDataEnd, .trailerFields:
            throw HTTPClientError(.closed, "the chunked body broke off after \(message.body.count) bytes")
        case .startLine, .headerFields:
            throw HTTPClientError(.closed, "the connection closed inside the response head")
        }
    }

    private mutating func finishResponse() -> ParsedResponse {
        var finished = ParsedResponse()
        swap(&finished, &head.response)
        finished.body = message.finishMessage()
        return finished
    }
}

/// The response's own parts: its status line and what its header section means.
struct ResponseHead: HTTPMessageHead, Sendable {
    /// `HTTP/`, the first bytes of every status line.
    private static let versionPrefix: [UInt8] = Array("HTTP/".utf8)

    /// The response being assembled.
    var response = ParsedResponse()
    /// Whether the response being parsed answers a `HEAD` request.
    var answeringHead = false

    /// `HTTP/1.x SP 3DIGIT [SP reason-phrase] CRLF`. Bytes that cannot begin a status line (a
    /// TLS alert, an SSH banner) fail as soon as they arrive; a line longer than the limit fails
    /// at the limit.
    mutating func parseStartLine(_ message: inout HTTPMessageParser, _ buf: UnsafeBufferPointer<UInt8>) -> HTTPMessageParser.Progress {
        let start = message.start
        let available = buf.count - start
        for offset in 0..<min(available, Self.versionPrefix.count) where buf[start + offset] != Self.versionPrefix[offset] {
            return .failed(.badRequest("not an HTTP/1.x response: it does not start with HTTP/"))
        }
        let maxLine = message.limits.maxRequestLineBytes
        // The line and its CRLF; a limit near Int.max means no limit.
        let (withCRLF, overflow) = maxLine.addingReportingOverflow(2)
        let lineBytes = overflow ? Int.max : withCRLF
        let stop = start + min(available, lineBytes)
        let lineFeed = buf.firstIndex(of: ASCII.lf, from: start + message.scan, to: stop)
        guard lineFeed < stop else {
            if available >= lineBytes {
                return .failed(.headerFieldsTooLarge("status line longer than \(maxLine) bytes"))
            }
            message.scan = stop - start
            return .needMore
        }
        guard lineFeed > start, buf[lineFeed - 1] == ASCII.cr else {
            return .failed(.badRequest("bare LF in the status line"))
        }
        if let error = readStatusLine(buf, start..<(lineFeed - 1)) { return .failed(error) }
        message.beginHeaderSection(at: lineFeed + 1)
        return .advanced
    }

    /// Checks the status line (CRLF stripped) and records its version, status and reason.
    private mutating func readStatusLine(_ buf: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> HTTPParseError? {
        let first = line.lowerBound
        guard line.count >= 12, ASCII.isDigit(buf[first + 5]), buf[first + 6] == ASCII.dot, ASCII.isDigit(buf[first + 7]),
            buf[first + 8] == ASCII.space, (first + 9..<first + 12).allSatisfy({ ASCII.isDigit(buf[$0]) }),
            line.count == 12 || buf[first + 12] == ASCII.space
        else {
            return .badRequest("malformed status line (expected HTTP/1.x, a space and a three-digit status)")
        }
        let major = Int(buf[first + 5] &- 0x30)
        let minor = Int(buf[first + 7] &- 0x30)
        guard major == 1, minor <= 1 else {
            return .badRequest("HTTP/\(major).\(minor) responses are not supported")
        }
        let status = (first + 9..<first + 12).reduce(0) { $0 * 10 + Int(buf[$1] &- 0x30) }
        guard status >= 100 else { return .badRequest("status \(status) is below 100") }
        let reason = min(first + 13, line.upperBound)..<line.upperBound
        guard buf.allFieldValueBytes(from: reason.lowerBound, to: reason.upperBound) else {
            return .badRequest("control byte in the reason phrase")
        }
        response.version = minor == 1 ? .http1_1 : .http1_0
        response.status = HTTPStatus(code: status)
        response.reason = String(decoding: UnsafeBufferPointer(rebasing: buf[reason]), as: UTF8.self)
        return nil
    }

    /// The header section is complete: choose the framing (RFC 9112 §6.3).
    mutating func finishHead(_ message: inout HTTPMessageParser, _ buf: UnsafeBufferPointer<UInt8>, sectionEnd: Int) -> HTTPMessageParser.Progress {
        let facts = message.facts
        let isHTTP11 = response.version == .http1_1
        let status = response.status
        var framing = HTTPMessageParser.BodyFraming.none
        // A HEAD answer's, a 304's or a 204's framing fields describe a body that is not sent.
        if !answeringHead && status.permitsBody {
            switch facts.bodyFraming(isHTTP11: isHTTP11, maxBodyBytes: message.limits.maxBodyBytes) {
            case .success(let chosen): framing = chosen ?? .untilClose
            case .failure(let error): return .failed(error)
            }
        }
        response.headers = message.takeHeaders(buf, sectionEnd: sectionEnd)
        if case .untilClose = framing {
            response.keepAlive = false
        } else {
            response.keepAlive = facts.keepAlive(isHTTP11: isHTTP11)
        }
        return message.beginBody(framing)
    }
}
