import StubHTTP

/// The cookies a request carries in its `Cookie` header (RFC 6265 §5.4: `name=value` pairs
/// separated by `; `), read leniently: pairs without `=` or with an empty name are skipped,
/// spaces around names and values are trimmed, and a value in double quotes loses them.
enum CookieHeader {
    /// Name → value; a name sent twice keeps its first value (a browser sends the cookie with
    /// the longer path first). Several `Cookie` fields count as one list.
    static func cookies(in headers: HTTPHeaders) -> [String: String] {
        var cookies: [String: String] = [:]
        for field in headers.values(for: "Cookie") {
            for pair in field.split(separator: ";") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = pair[..<equals].trimmed(of: " ")
                guard !name.isEmpty, cookies[name] == nil else { continue }
                var value = pair[pair.index(after: equals)...].trimmed(of: " ")
                if value.utf8.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
                cookies[name] = value
            }
        }
        return cookies
    }
}
