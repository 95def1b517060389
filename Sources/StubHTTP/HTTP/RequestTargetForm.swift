/// The parts of a request-target (RFC 9112 §3.2) the server routes by.
struct RequestTargetForm {
    /// The path bytes, or nil for `*` and for an absolute-form URI with an empty path (`/`).
    var path: Range<Int>?
    /// The bytes after the first `?`, or nil.
    var query: Range<Int>?
    /// The target is `*` (only with OPTIONS).
    var isAsterisk = false

    /// Origin-form (`/x?y`), absolute-form (`http://host:port/x?y`, scheme case-insensitive, no
    /// userinfo; routed by its path, never proxied) or `*` with OPTIONS. Anything else is a 400.
    /// `target` is non-empty and holds only visible ASCII (the request-line scan checked that).
    static func classify(
        _ buf: UnsafeBufferPointer<UInt8>,
        _ target: Range<Int>,
        isOptions: Bool
    ) -> Result<RequestTargetForm, HTTPParseError> {
        let first = buf[target.lowerBound]
        if first == ASCII.slash {
            return .success(splitPathAndQuery(buf, target))
        }
        if first == ASCII.star && target.count == 1 {
            guard isOptions else {
                return .failure(.badRequest("the request-target * is only allowed with OPTIONS"))
            }
            return .success(RequestTargetForm(path: nil, query: nil, isAsterisk: true))
        }
        let authorityStart: Int
        if target.count > 7, buf.equalsIgnoringASCIICase(target.lowerBound..<(target.lowerBound + 7), "http://") {
            authorityStart = target.lowerBound + 7
        } else if target.count > 8,
            buf.equalsIgnoringASCIICase(target.lowerBound..<(target.lowerBound + 8), "https://")
        {
            authorityStart = target.lowerBound + 8
        } else {
            return .failure(.badRequest("request-target must start with / or http(s)://, or be * with OPTIONS"))
        }
        var index = authorityStart
        while index < target.upperBound && buf[index] != ASCII.slash && buf[index] != ASCII.question {
            index += 1
        }
        guard index > authorityStart else {
            return .failure(.badRequest("absolute-form request-target has no host"))
        }
        // Userinfo is refused too: RFC 9110 §4.2.4 asks recipients to treat it as an error.
        guard HostSyntax.isHostAndPort(buf, authorityStart..<index, allowsEmptyHost: false) else {
            return .failure(.badRequest("the absolute-form request-target's authority is not host[:port] (RFC 9110 §4.2)"))
        }
        if index == target.upperBound {
            return .success(RequestTargetForm(path: nil, query: nil))
        }
        if buf[index] == ASCII.question {
            return .success(RequestTargetForm(path: nil, query: (index + 1)..<target.upperBound))
        }
        return .success(splitPathAndQuery(buf, index..<target.upperBound))
    }

    /// Splits at the first `?`.
    private static func splitPathAndQuery(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> RequestTargetForm {
        var index = range.lowerBound
        while index < range.upperBound && buf[index] != ASCII.question { index += 1 }
        if index == range.upperBound {
            return RequestTargetForm(path: range, query: nil)
        }
        return RequestTargetForm(path: range.lowerBound..<index, query: (index + 1)..<range.upperBound)
    }
}
