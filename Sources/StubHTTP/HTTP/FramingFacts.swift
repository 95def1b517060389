/// What the header fields said about framing and the connection, gathered as each field arrives
/// so the header section is never scanned twice. Only ASCII case folding is used.
struct FramingFacts: Sendable {
    var hostCount = 0
    /// False once a `Host` value is not `uri-host [":" port]` (RFC 9110 §7.2).
    var hostIsValid = true
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
            hostIsValid = hostIsValid && HostSyntax.isHostAndPort(buf, value, allowsEmptyHost: true)
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

    /// The body framing the fields ask for, or nil when there is neither `Content-Length` nor
    /// `Transfer-Encoding`. Checked in this order: Transfer-Encoding in HTTP/1.0, both fields,
    /// more than one Content-Length, its syntax (400), its size against `maxBodyBytes` (413),
    /// then the transfer codings (400; 501 for codings other than `chunked`).
    func bodyFraming(isHTTP11: Bool, maxBodyBytes: Int) -> Result<HTTPMessageParser.BodyFraming?, HTTPParseError> {
        if hasTransferEncoding {
            if !isHTTP11 { return .failure(.badRequest("Transfer-Encoding is not allowed in HTTP/1.0")) }
            if contentLengthCount > 0 { return .failure(.badRequest("both Content-Length and Transfer-Encoding")) }
        }
        if contentLengthCount > 1 { return .failure(.badRequest("more than one Content-Length field")) }
        if contentLengthCount == 1 {
            guard let length = contentLength else {
                return .failure(.badRequest("Content-Length must be 1 to 19 decimal digits"))
            }
            if length > maxBodyBytes { return .failure(.contentTooLarge("body larger than \(maxBodyBytes) bytes")) }
            return .success(.length(length))
        }
        guard hasTransferEncoding else { return .success(nil) }
        if hasEmptyCoding { return .failure(.badRequest("empty element in Transfer-Encoding")) }
        if chunkedCount > 1 { return .failure(.badRequest("chunked applied more than once")) }
        if chunkedCount == 1 && !lastCodingIsChunked { return .failure(.badRequest("chunked is not the final transfer coding")) }
        if hasOtherCoding { return .failure(.notImplemented("transfer codings other than chunked are not supported")) }
        return .success(.chunked)
    }

    /// Whether the connection may stay open after this message: in HTTP/1.1 unless `Connection`
    /// has `close`, in HTTP/1.0 only with `keep-alive` (and without `close`).
    func keepAlive(isHTTP11: Bool) -> Bool {
        isHTTP11 ? !connectionClose : connectionKeepAlive && !connectionClose
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
