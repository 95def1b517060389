/// What the header fields said about framing and the connection, gathered as each field arrives
/// so the header section is never scanned twice. Only ASCII case folding is used.
struct FramingFacts: Sendable {
    var hostCount = 0
    var contentLengthCount = 0
    /// The last `Content-Length` value, or nil when it was not 1-19 digits fitting an Int.
    var contentLength: Int?
    var hasTransferEncoding = false
    var chunkedCount = 0
    var lastCodingIsChunked = false
    var hasOtherCoding = false
    var hasEmptyCoding = false
    var connectionClose = false
    var connectionKeepAlive = false
    var expectsContinue = false
    var hasOtherExpectation = false

    /// Records what one header field means. `name` is a valid token, `value` is OWS-trimmed.
    mutating func note(_ buf: UnsafeBufferPointer<UInt8>, name: Range<Int>, value: Range<Int>) {
        switch name.count {
        case 4 where buf.equalsIgnoringASCIICase(name, "host"):
            hostCount += 1
        case 6 where buf.equalsIgnoringASCIICase(name, "expect"):
            if buf.equalsIgnoringASCIICase(value, "100-continue") {
                expectsContinue = true
            } else {
                hasOtherExpectation = true
            }
        case 10 where buf.equalsIgnoringASCIICase(name, "connection"):
            buf.forEachListElement(in: value) { option in
                if buf.equalsIgnoringASCIICase(option, "close") {
                    connectionClose = true
                } else if buf.equalsIgnoringASCIICase(option, "keep-alive") {
                    connectionKeepAlive = true
                }
            }
        case 14 where buf.equalsIgnoringASCIICase(name, "content-length"):
            contentLengthCount += 1
            contentLength = Self.parseContentLength(buf, value)
        case 17 where buf.equalsIgnoringASCIICase(name, "transfer-encoding"):
            hasTransferEncoding = true
            buf.forEachListElement(in: value) { coding in
                if coding.isEmpty {
                    hasEmptyCoding = true
                } else if buf.equalsIgnoringASCIICase(coding, "chunked") {
                    chunkedCount += 1
                    lastCodingIsChunked = true
                } else {
                    hasOtherCoding = true
                    lastCodingIsChunked = false
                }
            }
        default:
            break
        }
    }

    /// 1 to 19 ASCII digits and nothing else (no sign, space, list, hex or exponent), fitting an Int.
    static func parseContentLength(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 19 else { return nil }
        var result = 0
        for index in range {
            let byte = buf[index]
            guard ASCII.isDigit(byte) else { return nil }
            let (shifted, overflowA) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(Int(byte &- 0x30))
            guard !overflowA, !overflowB else { return nil }
            result = sum
        }
        return result
    }
}

extension HTTPRequestParser {
    /// The header section is complete: apply the rules that need all of it, then choose framing.
    /// Order: Host, Transfer-Encoding with HTTP/1.0, Content-Length with Transfer-Encoding,
    /// Content-Length itself (400, then 413), the transfer codings (400, then 501), Expect (417).
    mutating func finishHead() -> Progress {
        let facts = head.facts
        let isHTTP11 = head.version == .http1_1
        if isHTTP11 && facts.hostCount == 0 {
            return .failed(.badRequest("HTTP/1.1 request without a Host field"))
        }
        if facts.hostCount > 1 {
            return .failed(.badRequest("more than one Host field"))
        }
        if facts.hasTransferEncoding {
            if !isHTTP11 {
                return .failed(.badRequest("Transfer-Encoding is not allowed in HTTP/1.0"))
            }
            if facts.contentLengthCount > 0 {
                return .failed(.badRequest("both Content-Length and Transfer-Encoding"))
            }
        }
        var length = 0
        if facts.contentLengthCount > 1 {
            return .failed(.badRequest("more than one Content-Length field"))
        }
        if facts.contentLengthCount == 1 {
            guard let value = facts.contentLength else {
                return .failed(.badRequest("Content-Length must be 1 to 19 decimal digits"))
            }
            if value > limits.maxBodyBytes {
                return .failed(.contentTooLarge("body larger than \(limits.maxBodyBytes) bytes"))
            }
            length = value
        }
        if facts.hasTransferEncoding {
            if facts.hasEmptyCoding {
                return .failed(.badRequest("empty element in Transfer-Encoding"))
            }
            if facts.chunkedCount > 1 {
                return .failed(.badRequest("chunked applied more than once"))
            }
            if facts.chunkedCount == 1 && !facts.lastCodingIsChunked {
                return .failed(.badRequest("chunked is not the final transfer coding"))
            }
            if facts.hasOtherCoding {
                return .failed(.notImplemented("transfer codings other than chunked are not supported"))
            }
        }
        if facts.hasOtherExpectation {
            return .failed(.expectationFailed("only Expect: 100-continue is supported"))
        }

        head.keepAlive = isHTTP11
            ? !facts.connectionClose
            : facts.connectionKeepAlive && !facts.connectionClose
        scan = 0
        if facts.hasTransferEncoding {
            phase = .chunkSizeLine
            return .advanced
        }
        if length > 0 {
            phase = .fixedBody(remaining: length)
            return .advanced
        }
        return .complete
    }

    /// A `Content-Length` body: taken in one copy once all of it is buffered.
    mutating func readFixedBody(_ buf: UnsafeBufferPointer<UInt8>, remaining: Int) -> Progress {
        guard buf.count - start >= remaining else { return .needMore }
        body = Array(UnsafeBufferPointer(rebasing: buf[start..<(start + remaining)]))
        start += remaining
        return .complete
    }
}
