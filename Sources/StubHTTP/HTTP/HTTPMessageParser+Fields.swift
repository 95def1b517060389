extension HTTPMessageParser {
    /// Parses one field line of the header section (or, with `isTrailer`, of the trailer section)
    /// or the empty line that ends it. The LF search resumes where it stopped, and is bounded by
    /// what is left of `maxHeaderBytes`, so an oversized section fails as soon as it is too big.
    ///
    /// Header lines stay in the buffer (`start` is the section start, `lineOffset` the current
    /// line) so the section can be copied into `HTTPHeaders` in one go; trailer lines are
    /// consumed one by one (`lineOffset` stays 0).
    mutating func parseFieldLine(_ buf: UnsafeBufferPointer<UInt8>, isTrailer: Bool) -> Progress {
        let end = buf.count
        let lineStart = start + lineOffset
        if scan == 0 {
            guard lineStart < end else { return .needMore }
            let first = buf[lineStart]
            if first == ASCII.cr {
                guard lineStart + 1 < end else { return .needMore }
                guard buf[lineStart + 1] == ASCII.lf else {
                    return .failed(.badRequest("CR not followed by LF in the header section"))
                }
                if isTrailer {
                    start = lineStart + 2
                    return .complete
                }
                return .headerSectionEnd(lineStart)
            }
            if first == ASCII.lf {
                return .failed(.badRequest("bare LF in the header section"))
            }
            if ASCII.isWhitespace(first) {
                return .failed(.badRequest("field line starts with whitespace (obsolete line folding)"))
            }
        }

        let budget = limits.maxHeaderBytes - sectionBytes
        let available = end - lineStart
        let index = buf.firstIndex(of: ASCII.lf, from: lineStart + scan, to: lineStart + min(available, budget))
        guard index < lineStart + min(available, budget) else {
            if available >= budget {
                return .failed(.headerFieldsTooLarge("header section larger than \(limits.maxHeaderBytes) bytes"))
            }
            scan = index - lineStart
            return .needMore
        }
        // The line's first byte is not LF, so index > lineStart.
        guard buf[index - 1] == ASCII.cr else {
            return .failed(.badRequest("bare LF in the header section"))
        }
        if let error = takeField(buf, lineStart..<(index - 1), isTrailer: isTrailer) {
            return .failed(error)
        }
        sectionBytes += index + 1 - lineStart
        fieldCount += 1
        if fieldCount > limits.maxHeaderCount {
            return .failed(.headerFieldsTooLarge("more than \(limits.maxHeaderCount) header fields"))
        }
        if isTrailer {
            start = index + 1
        } else {
            lineOffset = index + 1 - start
        }
        scan = 0
        return .advanced
    }

    /// Validates `name ":" OWS value OWS` (the CRLF already stripped) and, for a header field,
    /// records where it is and what it means for framing. Trailer fields are validated, then dropped.
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
            return .badRequest(
                ASCII.isWhitespace(buf[index])
                    ? "whitespace between field name and colon"
                    : "invalid byte in field name"
            )
        }
        guard index > line.lowerBound else {
            return .badRequest("empty field name")
        }
        let name = line.lowerBound..<index
        guard buf.allFieldValueBytes(from: index + 1, to: line.upperBound) else {
            return .badRequest("control byte in field value")
        }
        guard !isTrailer else { return nil }
        var valueStart = index + 1
        var valueEnd = line.upperBound
        while valueStart < valueEnd && ASCII.isWhitespace(buf[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart && ASCII.isWhitespace(buf[valueEnd - 1]) { valueEnd -= 1 }
        facts.note(buf, name: name, value: valueStart..<valueEnd)
        spans.append(
            HTTPHeaders.Span(
                nameStart: name.lowerBound - start,
                nameEnd: name.upperBound - start,
                valueStart: valueStart - start,
                valueEnd: valueEnd - start
            )
        )
        return nil
    }
}
