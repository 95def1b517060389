extension HTTPRequestParser {
    /// Parses one field line of the header section (or, with `isTrailer`, of the trailer section)
    /// or the empty line that ends it. The LF search resumes where it stopped, and is bounded by
    /// what is left of `maxHeaderBytes`, so an oversized section fails as soon as it is too big.
    mutating func parseFieldLine(_ buf: UnsafeBufferPointer<UInt8>, isTrailer: Bool) -> Progress {
        let end = buf.count
        if scan == 0 {
            guard start < end else { return .needMore }
            let first = buf[start]
            if first == ASCII.cr {
                guard start + 1 < end else { return .needMore }
                guard buf[start + 1] == ASCII.lf else {
                    return .failed(.badRequest("CR not followed by LF in the header section"))
                }
                start += 2
                return isTrailer ? .complete : finishHead()
            }
            if first == ASCII.lf {
                return .failed(.badRequest("bare LF in the header section"))
            }
            if ASCII.isWhitespace(first) {
                return .failed(.badRequest("field line starts with whitespace (obsolete line folding)"))
            }
        }

        let budget = limits.maxHeaderBytes - sectionBytes
        let available = end - start
        let stop = start + min(available, budget)
        var index = start + scan
        while index < stop && buf[index] != ASCII.lf { index += 1 }

        guard index < stop else {
            if available >= budget {
                return .failed(.headerFieldsTooLarge("header section larger than \(limits.maxHeaderBytes) bytes"))
            }
            scan = index - start
            return .needMore
        }
        // The line's first byte is not LF, so index > start.
        guard buf[index - 1] == ASCII.cr else {
            return .failed(.badRequest("bare LF in the header section"))
        }
        if let error = takeField(buf, start..<(index - 1), isTrailer: isTrailer) {
            return .failed(error)
        }
        sectionBytes += index + 1 - start
        fieldCount += 1
        if fieldCount > limits.maxHeaderCount {
            return .failed(.headerFieldsTooLarge("more than \(limits.maxHeaderCount) header fields"))
        }
        start = index + 1
        scan = 0
        return .advanced
    }

    /// Validates `name ":" OWS value OWS` (the CRLF already stripped) and, for a header field,
    /// stores it and notes what it means for framing. Trailer fields are validated, then dropped.
    private mutating func takeField(
        _ buf: UnsafeBufferPointer<UInt8>,
        _ line: Range<Int>,
        isTrailer: Bool
    ) -> HTTPParseError? {
        var index = line.lowerBound
        while index < line.upperBound && ASCII.isTokenByte(buf[index]) { index += 1 }
        guard index < line.upperBound else {
            return .badRequest("field line has no colon")
        }
        guard buf[index] == ASCII.colon else {
            return .badRequest(ASCII.isWhitespace(buf[index])
                ? "whitespace between field name and colon"
                : "invalid byte in field name")
        }
        guard index > line.lowerBound else {
            return .badRequest("empty field name")
        }
        let name = line.lowerBound..<index
        index += 1
        while index < line.upperBound && ASCII.isWhitespace(buf[index]) { index += 1 }
        let valueStart = index
        var valueEnd = index
        while index < line.upperBound {
            let byte = buf[index]
            if byte > ASCII.space {
                guard byte != ASCII.delete else {
                    return .badRequest("control byte in field value")
                }
                valueEnd = index + 1
            } else if byte != ASCII.space && byte != ASCII.tab {
                return .badRequest("control byte in field value")
            }
            index += 1
        }
        guard !isTrailer else { return nil }
        let value = valueStart..<valueEnd
        head.facts.note(buf, name: name, value: value)
        head.headers.appendRaw(
            name: UnsafeBufferPointer(rebasing: buf[name]),
            value: UnsafeBufferPointer(rebasing: buf[value])
        )
        return nil
    }
}
