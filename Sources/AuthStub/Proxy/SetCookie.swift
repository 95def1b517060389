/// A `Set-Cookie` value taken apart (RFC 6265 §4.1): the cookie's name and value, then its
/// attributes as sent.
struct SetCookie {
    /// The cookie's name.
    var name: String
    /// The cookie's value.
    var value: String
    /// The attributes after the first `;`, trimmed, e.g. `Path=/`, `HttpOnly`.
    var attributes: [String]

    /// `value` taken apart; nil without a `name=` before the first `;`.
    init?(_ value: String) {
        let parts = value.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmed(of: " ") }
        guard let pair = parts.first, let equals = pair.firstIndex(of: "="), equals > pair.startIndex else { return nil }
        name = String(pair[..<equals])
        self.value = String(pair[pair.index(after: equals)...])
        attributes = parts.dropFirst().filter { !$0.isEmpty }
    }

    /// The cookie for a browser on this server (`forThisServer(_:)` applied to its attributes).
    var forThisServer: SetCookie {
        var cookie = self
        cookie.attributes = Self.forThisServer(attributes)
        return cookie
    }

    /// Cookie attributes for a browser on this server, the one rule the proxy's answers and the
    /// recorder's fixtures follow: `Domain` and `Secure` removed (it speaks http on its own
    /// host), `SameSite=None` made `Lax` (None requires Secure), the others kept in order.
    static func forThisServer(_ attributes: [String]) -> [String] {
        attributes.compactMap { attribute in
            let name = attribute.split(separator: "=", maxSplits: 1).first.map { $0.trimmingSpaces().lowercased() } ?? ""
            if name == "domain" || name == "secure" { return nil }
            if name == "samesite", attribute.lowercased().hasSuffix("none") { return "SameSite=Lax" }
            return attribute
        }
    }

    /// The header value: `name=value; attribute; …`.
    var text: String { ([name + "=" + value] + attributes).joined(separator: "; ") }
}
