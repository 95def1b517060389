extension HTTPMessageParser {
    /// `chunk-size [ chunk-ext ] CRLF`: 1-15 hex digits, then optional `;name[=value]` extensions
    /// (validated, then ignored). A zero size starts the trailer section.
    mutating func parseChunkSizeLine(_ buf: UnsafeBufferPointer<UInt8>) -> Progress {
        let available = buf.count - start
        let maxLine = limits.maxChunkLineBytes
        let stop = start + min(available, maxLine)
        var index = start + scan
        while index < stop && buf[index] != ASCII.lf { index += 1 }
        guard index < stop else {
            if available >= maxLine {
                return .failed(.badRequest("chunk-size line longer than \(maxLine) bytes"))
            }
            scan = index - start
            return .needMore
        }
        guard index > start, buf[index - 1] == ASCII.cr else {
            return .failed(.badRequest("bare LF in a chunk-size line"))
        }
        let size: Int
        switch Self.parseChunkSize(buf, start..<(index - 1)) {
        case .success(let parsed): size = parsed
        case .failure(let error): return .failed(error)
        }
        start = index + 1
        scan = 0
        if size == 0 {
            phase = .trailerFields
            return .advanced
        }
        let (total, overflow) = body.count.addingReportingOverflow(size)
        if overflow || total > limits.maxBodyBytes {
            return .failed(.contentTooLarge("chunked body larger than \(limits.maxBodyBytes) bytes"))
        }
        phase = .chunkData(remaining: size)
        return .advanced
    }

    /// Copies chunk data into the body as it arrives.
    mutating func readChunkData(_ buf: UnsafeBufferPointer<UInt8>, remaining: Int) -> Progress {
        let taken = min(buf.count - start, remaining)
        if taken > 0 {
            body.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<(start + taken)]))
            start += taken
        }
        if taken == remaining {
            phase = .chunkDataEnd
            return .advanced
        }
        phase = .chunkData(remaining: remaining - taken)
        return .needMore
    }

    /// The CRLF that must follow chunk data; anything else fails at its first byte.
    mutating func readChunkDataEnd(_ buf: UnsafeBufferPointer<UInt8>) -> Progress {
        let end = buf.count
        guard start < end else { return .needMore }
        guard buf[start] == ASCII.cr else {
            return .failed(.badRequest("chunk data not followed by CRLF"))
        }
        guard start + 1 < end else { return .needMore }
        guard buf[start + 1] == ASCII.lf else {
            return .failed(.badRequest("chunk data not followed by CRLF"))
        }
        start += 2
        scan = 0
        phase = .chunkSizeLine
        return .advanced
    }

    /// The size from a chunk-size line (CRLF stripped).
    static func parseChunkSize(_ buf: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Result<Int, HTTPParseError> {
        var index = line.lowerBound
        var size = 0
        while index < line.upperBound {
            let digit = ASCII.hexValue(buf[index])
            guard digit >= 0 else { break }
            guard index - line.lowerBound < 15 else {
                return .failure(.badRequest("chunk size longer than 15 hex digits"))
            }
            let (shifted, overflowA) = size.multipliedReportingOverflow(by: 16)
            let (sum, overflowB) = shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else {
                return .failure(.badRequest("chunk size too large"))
            }
            size = sum
            index += 1
        }
        guard index > line.lowerBound else {
            return .failure(.badRequest("chunk size is not a hexadecimal number"))
        }
        guard index == line.upperBound || buf[index] == ASCII.semicolon else {
            return .failure(.badRequest("invalid byte after the chunk size"))
        }
        if let error = validateChunkExtensions(buf, index..<line.upperBound) {
            return .failure(error)
        }
        return .success(size)
    }

    /// `*( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] )`, starting at a `;`.
    static func validateChunkExtensions(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> HTTPParseError? {
        let end = range.upperBound
        var index = range.lowerBound
        func skipWhitespace() {
            while index < end && ASCII.isWhitespace(buf[index]) { index += 1 }
        }
        func skipToken() -> Bool {
            let tokenStart = index
            while index < end && ASCII.isTokenByte(buf[index]) { index += 1 }
            return index > tokenStart
        }
        while index < end {
            guard buf[index] == ASCII.semicolon else {
                return .badRequest("malformed chunk extension")
            }
            index += 1
            skipWhitespace()
            guard skipToken() else {
                return .badRequest("chunk extension without a name")
            }
            skipWhitespace()
            guard index < end, buf[index] == ASCII.equals else { continue }
            index += 1
            skipWhitespace()
            if index < end && buf[index] == ASCII.quote {
                index += 1
                var closed = false
                while index < end {
                    let byte = buf[index]
                    index += 1
                    if byte == ASCII.quote {
                        closed = true
                        break
                    }
                    if byte == ASCII.backslash {
                        guard index < end, ASCII.isFieldValueByte(buf[index]) else {
                            return .badRequest("bad escape in chunk extension")
                        }
                        index += 1
                    } else if !ASCII.isFieldValueByte(byte) {
                        return .badRequest("control byte in chunk extension")
                    }
                }
                guard closed else {
                    return .badRequest("unterminated quoted string in chunk extension")
                }
            } else if !skipToken() {
                return .badRequest("chunk extension without a value after =")
            }
            skipWhitespace()
        }
        return nil
    }
}
