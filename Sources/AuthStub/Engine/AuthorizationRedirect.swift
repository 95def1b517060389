import Foundation

/// Where an `authorize` answer sends the user agent back: the client's redirect URI (RFC 6749
/// §3.1.2) with the answer's parameters added to its query (`code` and `state` on success,
/// §4.1.2; `error`, `error_description` and `state` on a refusal, §4.1.2.1).
struct AuthorizationRedirect: Sendable, Equatable {
    /// The redirect URI: the one the request sent, or the client's only registered one.
    let uri: String
    /// The request's `state`, echoed.
    let state: String?

    /// The redirect URI with `parameters` (and `state`) appended to its query: after `?`, or `&`
    /// when it has a query already; values percent-encoded (all but the unreserved characters).
    func url(adding parameters: [(name: String, value: String)]) -> String {
        let all = parameters + (state.map { [("state", $0)] } ?? [])
        let query = all.map { "\($0.name)=\(Self.encoded($0.value))" }.joined(separator: "&")
        guard !query.isEmpty else { return uri }
        let separator = uri.contains("?") ? (uri.hasSuffix("?") || uri.hasSuffix("&") ? "" : "&") : "?"
        return uri + separator + query
    }

    /// `value` with every byte but the unreserved characters (RFC 3986 §2.3) percent-encoded.
    private static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .unreserved) ?? ""
    }

    /// Whether `requested` is `registered`: the same text, or both loopback URIs (`http` to
    /// `127.0.0.1`, `[::1]` or `localhost`) that differ only in the port (RFC 8252 §7.3: "MUST
    /// allow any port to be specified at the time of the request for loopback IP redirect URIs").
    static func matches(_ requested: String, registered: String) -> Bool {
        if requested == registered { return true }
        guard let request = withoutLoopbackPort(requested), let registration = withoutLoopbackPort(registered) else { return false }
        return request == registration
    }

    /// A loopback redirect URI without its port (`http://127.0.0.1/cb` for
    /// `http://127.0.0.1:5000/cb`); nil for any other URI.
    private static func withoutLoopbackPort(_ uri: String) -> String? {
        let scheme = "http://"
        guard uri.utf8.starts(with: scheme.utf8) else { return nil }
        let rest = uri.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let host: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            guard after.isEmpty || (after.first == ":" && after.dropFirst().allSatisfy(\.isASCIIDigit)) else { return nil }
        } else {
            let parts = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = parts[0]
            guard parts.count == 1 || parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
        }
        guard ["127.0.0.1", "[::1]", "localhost"].contains(host.lowercased()) else { return nil }
        return scheme + host.lowercased() + rest[authorityEnd...]
    }
}

extension Character {
    /// An ASCII digit, `0` to `9`.
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
