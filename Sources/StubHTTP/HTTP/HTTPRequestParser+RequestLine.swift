/// Progress through `method SP request-target SP HTTP-version CRLF`, kept across appends.
struct RequestLineState: Sendable {
    enum Step: Sendable {
        /// Skipping empty lines before the request (RFC 9112 §2.2).
        case start
        case method
        case target
        case version
        /// The CR ending the version was seen.
        case lineFeed
    }

    var step = Step.start
    /// Offset from the line start of the space after the method.
    var methodEnd = 0
    /// Offset from the line start of the space after the target.
    var targetEnd = 0
    var methodHasLowercase = false
}

extension RequestHead {
    /// Validates the request line byte by byte as it arrives, so garbage (a TLS ClientHello,
    /// binary noise) fails at its first impossible byte and an endless line fails at the limit.
    mutating func parseStartLine(_ message: inout HTTPMessageParser, _ buf: UnsafeBufferPointer<UInt8>) -> HTTPMessageParser.Progress {
        let end = buf.count
        if requestLine.step == .start {
            while true {
                guard message.start < end else { return .needMore }
                let byte = buf[message.start]
                if byte == ASCII.cr {
                    guard message.start + 1 < end else { return .needMore }
                    guard buf[message.start + 1] == ASCII.lf else {
                        return .failed(.badRequest("CR not followed by LF before the request line"))
                    }
                    message.start += 2
                    continue
                }
                if byte == ASCII.lf { return .failed(.badRequest("bare LF before the request line")) }
                break
            }
            requestLine.step = .method
            message.scan = 0
        }

        let maxLine = message.limits.maxRequestLineBytes
        // Bytes before `withinLimit` fit in the limit; the CRLF ending the line is not counted.
        let withinLimit = end - message.start > maxLine ? message.start + maxLine : end
        var index = message.start + message.scan
        scanning: while true {
            switch requestLine.step {
            case .start, .method:
                requestLine.step = .method
                while index < withinLimit {
                    let byte = buf[index]
                    guard ASCII.isTokenByte(byte) else { break }
                    if ASCII.isLowercaseLetter(byte) { requestLine.methodHasLowercase = true }
                    index += 1
                }
                guard index < withinLimit else { break scanning }
                guard buf[index] == ASCII.space, index > message.start else {
                    return .failed(
                        .badRequest(
                            index == message.start && buf[index] == ASCII.space
                                ? "request line starts with a space"
                                : "invalid byte in the method"
                        )
                    )
                }
                requestLine.methodEnd = index - message.start
                requestLine.step = .target
                index += 1

            case .target:
                index = buf.firstNonTargetByte(from: index, to: withinLimit)
                guard index < withinLimit else { break scanning }
                let byte = buf[index]
                if byte == ASCII.space {
                    guard index - message.start > requestLine.methodEnd + 1 else {
                        return .failed(.badRequest("empty request-target (more than one space after the method)"))
                    }
                    requestLine.targetEnd = index - message.start
                    requestLine.step = .version
                    index += 1
                } else if byte == ASCII.cr || byte == ASCII.lf {
                    return .failed(.badRequest("request line has no HTTP version (HTTP/0.9 is not supported)"))
                } else {
                    return .failed(.badRequest("invalid byte in the request-target"))
                }

            case .version:
                let versionStart = message.start + requestLine.targetEnd + 1
                while index < end {
                    let position = index - versionStart
                    let byte = buf[index]
                    if position == 8 {
                        guard byte == ASCII.cr else {
                            return .failed(.badRequest("malformed HTTP version"))
                        }
                        requestLine.step = .lineFeed
                        index += 1
                        continue scanning
                    }
                    guard index < withinLimit else { break scanning }
                    guard Self.versionByteIsValid(byte, at: position) else {
                        return .failed(.badRequest("malformed HTTP version"))
                    }
                    index += 1
                }
                break scanning

            case .lineFeed:
                guard index < end else { break scanning }
                guard buf[index] == ASCII.lf else {
                    return .failed(.badRequest("CR not followed by LF in the request line"))
                }
                return completeRequestLine(&message, buf, lineFeed: index)
            }
        }
        if index < end {
            return .failed(.uriTooLong("request line longer than \(maxLine) bytes"))
        }
        message.scan = index - message.start
        return .needMore
    }

    /// `HTTP/` DIGIT `.` DIGIT, checked one position at a time.
    private static func versionByteIsValid(_ byte: UInt8, at position: Int) -> Bool {
        switch position {
        case 0: return byte == 0x48  // H
        case 1, 2: return byte == 0x54  // T
        case 3: return byte == 0x50  // P
        case 4: return byte == ASCII.slash
        case 5, 7: return ASCII.isDigit(byte)
        case 6: return byte == ASCII.dot
        default: return false
        }
    }

    /// The whole line is syntactically valid: check version, method and target form.
    private mutating func completeRequestLine(
        _ message: inout HTTPMessageParser,
        _ buf: UnsafeBufferPointer<UInt8>,
        lineFeed: Int
    ) -> HTTPMessageParser.Progress {
        let methodRange = message.start..<(message.start + requestLine.methodEnd)
        let targetRange = (message.start + requestLine.methodEnd + 1)..<(message.start + requestLine.targetEnd)
        let versionStart = message.start + requestLine.targetEnd + 1
        let major = Int(buf[versionStart + 5] &- 0x30)
        let minor = Int(buf[versionStart + 7] &- 0x30)

        guard major == 1, minor == 0 || minor == 1 else {
            return .failed(.versionNotSupported("HTTP/\(major).\(minor) is not supported; use HTTP/1.1"))
        }
        if requestLine.methodHasLowercase {
            return .failed(.notImplemented("method contains lower-case letters (methods are case-sensitive)"))
        }
        if buf.equalsIgnoringASCIICase(methodRange, "connect") {
            return .failed(.notImplemented("CONNECT is not supported"))
        }
        let isOptions = buf.equalsIgnoringASCIICase(methodRange, "options")
        let form: RequestTargetForm
        switch RequestTargetForm.classify(buf, targetRange, isOptions: isOptions) {
        case .success(let classified): form = classified
        case .failure(let error): return .failed(error)
        }

        request.method = HTTPMethod(Self.string(buf, methodRange))
        request.target = Self.string(buf, targetRange)
        if form.path == targetRange {
            request.path = request.target
        } else {
            request.path = form.path.map { Self.string(buf, $0) } ?? (form.isAsterisk ? "*" : "/")
        }
        request.query = form.query.map { Self.string(buf, $0) }
        request.version = minor == 1 ? .http1_1 : .http1_0
        requestLine = RequestLineState()
        message.beginHeaderSection(at: lineFeed + 1)
        return .advanced
    }

    static func string(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buf[range]), as: UTF8.self)
    }
}
