/// The syntax of a `Host` field and of an absolute-form target's authority: `uri-host [":" port]`
/// (RFC 9110 §7.2), where uri-host is RFC 3986 §3.2.2's `IP-literal / IPv4address / reg-name`
/// and port is `*DIGIT`. Only the syntax is checked; which names count as this server is the
/// control guard's business.
enum HostSyntax {
    /// Whether `buf[range]` is `uri-host [":" port]`. An empty host (an empty reg-name) is
    /// allowed only with `allowsEmptyHost`: RFC 9110 §7.2 lets `Host` be empty, §4.2.1 forbids an
    /// http URI with an empty host.
    static func isHostAndPort(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, allowsEmptyHost: Bool) -> Bool {
        guard let hostEnd = hostEnd(buf, range) else { return false }
        if hostEnd == range.lowerBound && !allowsEmptyHost { return false }
        guard hostEnd < range.upperBound else { return true }
        guard buf[hostEnd] == ASCII.colon else { return false }
        return ((hostEnd + 1)..<range.upperBound).allSatisfy { ASCII.isDigit(buf[$0]) }
    }

    /// Where the uri-host that starts `range` ends, or nil when it is not one: a bracketed
    /// IP-literal, or the longest run of reg-name bytes (which covers IPv4address).
    private static func hostEnd(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        if index < range.upperBound && buf[index] == openBracket {
            guard let close = (range.lowerBound..<range.upperBound).first(where: { buf[$0] == closeBracket }),
                isIPLiteralContent(buf, (range.lowerBound + 1)..<close)
            else { return nil }
            return close + 1
        }
        while index < range.upperBound {
            let byte = buf[index]
            if byte == percent {
                guard range.upperBound - index >= 3,
                    ASCII.hexValue(buf[index + 1]) >= 0, ASCII.hexValue(buf[index + 2]) >= 0
                else { return nil }
                index += 3
            } else if isUnreserved(byte) || isSubDelimiter(byte) {
                index += 1
            } else {
                break
            }
        }
        return index
    }

    /// `IPv6address / IPvFuture`, the part of an IP-literal between the brackets.
    private static func isIPLiteralContent(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let first = range.first else { return false }
        if ASCII.lowercased(buf[first]) == 0x76 {  // v
            return isIPvFuture(buf, range)
        }
        return isIPv6(buf, range)
    }

    /// `"v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`.
    private static func isIPvFuture(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound + 1
        while index < range.upperBound && ASCII.hexValue(buf[index]) >= 0 { index += 1 }
        guard index > range.lowerBound + 1, index < range.upperBound, buf[index] == ASCII.dot else { return false }
        let rest = (index + 1)..<range.upperBound
        return !rest.isEmpty
            && rest.allSatisfy {
                isUnreserved(buf[$0]) || isSubDelimiter(buf[$0]) || buf[$0] == ASCII.colon
            }
    }

    /// RFC 3986's IPv6address: eight 16-bit pieces of 1-4 hex digits separated by `:`, at most one
    /// `::` standing for one or more zero pieces, and optionally an IPv4address as the last two.
    private static func isIPv6(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let end = range.upperBound
        var index = range.lowerBound
        var pieces = 0
        var elided = false
        if index + 1 < end && buf[index] == ASCII.colon && buf[index + 1] == ASCII.colon {
            elided = true
            index += 2
        }
        while index < end {
            var pieceEnd = index
            var hasDot = false
            while pieceEnd < end && buf[pieceEnd] != ASCII.colon {
                if buf[pieceEnd] == ASCII.dot { hasDot = true }
                pieceEnd += 1
            }
            if hasDot {
                // An IPv4address is only allowed last.
                guard pieceEnd == end, isIPv4(buf, index..<pieceEnd) else { return false }
                pieces += 2
                index = pieceEnd
                break
            }
            let digits = pieceEnd - index
            guard digits >= 1, digits <= 4,
                (index..<pieceEnd).allSatisfy({ ASCII.hexValue(buf[$0]) >= 0 })
            else { return false }
            pieces += 1
            index = pieceEnd
            guard index < end else { break }
            // At a colon: `::` (once), or `:` followed by another piece.
            if index + 1 < end && buf[index + 1] == ASCII.colon {
                guard !elided else { return false }
                elided = true
                index += 2
            } else {
                index += 1
                guard index < end else { return false }
            }
        }
        return elided ? pieces <= 7 : pieces == 8
    }

    /// Four dec-octets (0-255, no leading zeros) separated by dots.
    private static func isIPv4(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var octets = 0
        var index = range.lowerBound
        while index <= range.upperBound {
            var octetEnd = index
            while octetEnd < range.upperBound && buf[octetEnd] != ASCII.dot { octetEnd += 1 }
            let digits = octetEnd - index
            guard digits >= 1, digits <= 3, (index..<octetEnd).allSatisfy({ ASCII.isDigit(buf[$0]) }),
                digits == 1 || buf[index] != 0x30
            else { return false }
            let value = (index..<octetEnd).reduce(0) { $0 * 10 + Int(buf[$1] &- 0x30) }
            guard value <= 255 else { return false }
            octets += 1
            index = octetEnd + 1
        }
        return octets == 4
    }

    /// `ALPHA / DIGIT / "-" / "." / "_" / "~"`.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        ASCII.isDigit(byte) || ASCII.isLowercaseLetter(ASCII.lowercased(byte))
            || byte == 0x2D || byte == ASCII.dot || byte == 0x5F || byte == 0x7E
    }

    /// `"!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="`.
    private static func isSubDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D: return true
        default: return false
        }
    }

    private static let openBracket: UInt8 = 0x5B
    private static let closeBracket: UInt8 = 0x5D
    private static let percent: UInt8 = 0x25
}
