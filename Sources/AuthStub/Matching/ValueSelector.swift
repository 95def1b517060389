import StubHTTP

/// Names one value of a request, as fixtures write it: `body.grant_type` (a member of a JSON
/// body or a field of a form body), `query.scope`, `header.X-Api-Key` (case-insensitive),
/// `cookie.sid` or `path.id`.
struct ValueSelector: Sendable, Hashable, CustomStringConvertible {
    /// Which part of the request holds the value.
    enum Source: String, Sendable, CaseIterable {
        /// A top-level member of a JSON object body, or a field of a form body.
        case body
        /// A query parameter, percent-decoded.
        case query
        /// A header field; the name is compared case-insensitively.
        case header
        /// A cookie of the `Cookie` header (RFC 6265 §5.4).
        case cookie
        /// A parameter of the endpoint's path pattern (`/users/{id}`).
        case path
    }

    /// Which part of the request holds the value.
    let source: Source
    /// The field's name; a header's is kept in lower case, so equal selectors compare equal.
    let name: String

    /// How a selector is written, for error messages.
    static let syntax = "body.<field>, query.<name>, header.<Name>, cookie.<name> or path.<param>"

    /// A selector from its parts; a header name (an HTTP token, so ASCII) is lower-cased.
    init(_ source: Source, _ name: String) {
        self.source = source
        self.name = source == .header ? name.lowercased() : name
    }

    /// Parses `"body.grant_type"`: a known source, a dot, a non-empty name (an HTTP token for a
    /// header). Everything after the first dot is the name, so `body.a.b` names the field `a.b`.
    init?(_ text: String) {
        guard let dot = text.utf8.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        guard let source = Source(rawValue: String(text[..<dot])) else { return nil }
        let name = String(text[text.utf8.index(after: dot)...])
        guard !name.isEmpty else { return nil }
        if source == .header, !name.utf8.allSatisfy(ASCII.isTokenByte) { return nil }
        self.init(source, name)
    }

    /// The selector as fixtures write it.
    var description: String { "\(source.rawValue).\(name)" }
}
