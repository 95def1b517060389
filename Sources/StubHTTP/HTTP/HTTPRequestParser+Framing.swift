extension HTTPRequestParser {
    /// The header section is complete: apply the rules that need all of it, then choose framing.
    /// Order: Host, Transfer-Encoding with HTTP/1.0, Content-Length with Transfer-Encoding,
    /// Content-Length itself (400, then 413), the transfer codings (400, then 501), Expect (417).
    /// `sectionEnd` is the index of the CRLF that ends the header section.
    mutating func finishHead(_ buf: UnsafeBufferPointer<UInt8>, sectionEnd: Int) -> Progress {
        let facts = head.facts
        let isHTTP11 = head.request.version == .http1_1
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

        var spans: [HTTPHeaders.Span] = []
        swap(&spans, &head.spans)
        head.request.headers = HTTPHeaders(block: Array(UnsafeBufferPointer(rebasing: buf[start..<sectionEnd])), spans: spans)
        start = sectionEnd + 2
        lineOffset = 0
        head.request.keepAlive =
            isHTTP11
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
        head.request.body = Array(UnsafeBufferPointer(rebasing: buf[start..<(start + remaining)]))
        start += remaining
        return .complete
    }
}
