/// Which `Origin` and `Host` values count as this machine, for the control API's guard.
///
/// A web page on any site can make a browser send requests to `localhost`; these rules tell a
/// page the developer opened on loopback from one that merely targets it.
enum OriginRules {
    /// `http://localhost:*`, `http://127.0.0.1:*` (any `127.x.y.z`), `http://[::1]:*`, and
    /// `http://*.localhost:*`: pages served from this machine.
    static func isLoopbackOrigin(_ origin: String) -> Bool {
        let lowered = origin.lowercased()
        for scheme in ["http://", "https://"] where lowered.hasPrefix(scheme) {
            let authority = lowered.dropFirst(scheme.count)
            guard !authority.contains("/") else { return false }
            return isLoopbackName(hostName(of: authority))
        }
        return false
    }

    /// Whether a host name (no port, no brackets) names this machine's loopback interface.
    static func isLoopbackName(_ host: Substring) -> Bool {
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// Whether a host name is an IP address literal (which DNS rebinding cannot forge).
    static func isAddressLiteral(_ host: Substring) -> Bool {
        host.contains(":") || (!host.isEmpty && host.allSatisfy { $0 == "." || ($0.isASCII && $0.isNumber) })
    }

    /// Whether a bind address listens on every interface.
    static func isWildcard(_ host: String) -> Bool {
        host == "0.0.0.0" || host == "::" || host == "[::]"
    }

    /// The host of an authority (`Host` header or origin without its scheme), without port or
    /// IPv6 brackets: `[::1]:8080` → `::1`. Callers lowercase first.
    static func hostName(of authority: Substring) -> Substring {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return authority[authority.index(after: authority.startIndex)..<close]
        }
        if let colon = authority.firstIndex(of: ":") { return authority[..<colon] }
        return authority
    }

    /// An origin as browsers send it, for comparing with an allow-list entry: lowercased,
    /// without a trailing slash.
    static func normalized(_ origin: String) -> String {
        var text = origin.lowercased()
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
