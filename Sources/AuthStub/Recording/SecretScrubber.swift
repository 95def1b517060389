import Foundation

/// The one home of what the recorder never writes: every token value becomes `{{token}}` or
/// `{{refreshToken}}`, and every other secret seen (passwords, client secrets, cookie values,
/// `Authorization` credentials, values of fields named like secrets or named in `scrubFields`)
/// becomes `[scrubbed]`, wherever it occurs in a string written, whole or inside longer text.
struct SecretScrubber {
    /// What a scrubbed value is replaced with.
    static let placeholder = "[scrubbed]"
    /// Secrets shorter than this are replaced only where a string is exactly them (a
    /// one-letter password inside every word would wreck the text, and says nothing).
    static let minimumSubstringLength = 4

    /// Access token values.
    let tokens: Set<String>
    /// Refresh token values.
    let refreshTokens: Set<String>
    /// Both, longest first, each with its placeholder.
    private let placeholders: [(value: String, placeholder: String)]
    /// Other secret values, longest first (so a secret inside another is not half replaced).
    let secrets: [String]
    /// The same, for exact lookups.
    private let secretSet: Set<String>
    private let redaction = Redaction(services: [])
    private let scrubFields: Set<[UInt8]>

    /// A scrubber for these values and the field names a user asked to scrub.
    init(tokens: Set<String>, refreshTokens: Set<String>, secrets: Set<String>, scrubFields: [String]) {
        self.tokens = tokens
        self.refreshTokens = refreshTokens
        placeholders = (tokens.map { ($0, "{{token}}") } + refreshTokens.subtracting(tokens).map { ($0, "{{refreshToken}}") }).sorted {
            $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.0 < $1.0
        }
        self.secrets = secrets.subtracting(tokens).subtracting(refreshTokens).filter { !$0.isEmpty }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0 < $1
        }
        self.scrubFields = Set(scrubFields.map(Redaction.normalized))
        secretSet = Set(self.secrets)
    }

    /// Whether a field (or header, or cookie) named `name` holds a secret: named like a
    /// password, secret or token (the journal's rules; a header's `X-` aside), or named in
    /// `scrubFields`.
    func isSecretField(_ name: String) -> Bool {
        let bare = name.lowercased().hasPrefix("x-") ? String(name.dropFirst(2)) : name
        return redaction.secrecy(ofField: bare) != nil || scrubFields.contains(Redaction.normalized(bare)) || isScrubField(name)
    }

    /// Whether the user asked for a field named `name` to be scrubbed.
    func isScrubField(_ name: String) -> Bool { scrubFields.contains(Redaction.normalized(name)) }

    /// `text` with every token and secret in it replaced.
    func text(_ text: String) -> String {
        if tokens.contains(text) { return "{{token}}" }
        if refreshTokens.contains(text) { return "{{refreshToken}}" }
        if secretSet.contains(text) { return Self.placeholder }
        var result = text
        for (token, placeholder) in placeholders where result.contains(token) {
            result = result.replacingOccurrences(of: token, with: placeholder)
        }
        for secret in secrets where secret.count >= Self.minimumSubstringLength && result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.placeholder)
        }
        return result
    }

    /// Whether `text` still holds a secret or token (the last check before a file is written).
    func leaks(in text: String) -> Bool {
        let text = ["{{token}}", "{{refreshToken}}", Self.placeholder].reduce(text) { $0.replacingOccurrences(of: $1, with: "") }
        return tokens.union(refreshTokens).union(secrets.filter { $0.count >= Self.minimumSubstringLength }).contains { text.contains($0) }
    }
}
