import Foundation

/// The one home of the rules for what the journal hides of what clients send: credentials in
/// `Authorization` and `Proxy-Authorization` (the scheme stays; a bearer token is shortened),
/// cookie values, headers that carry a token or a required key, and the password, secret and token fields of JSON
/// bodies, form bodies and query strings. Hidden values become `[redacted]`; tokens are shown
/// by their first four characters. A body stays valid JSON or form data.
package struct Redaction: Sendable {
    /// What a hidden value is replaced with.
    static let placeholder = "[redacted]"

    /// How a field's value is hidden.
    enum Secrecy: Sendable, Equatable {
        /// Replaced by the placeholder (passwords, secrets).
        case hidden
        /// Shortened to its first characters (tokens).
        case token
    }

    /// Field names, normalised (see `normalized`), whose values are hidden: the services'
    /// password fields and common ones. A name that contains `password`, `passwd` or `secret`
    /// is hidden too.
    let hiddenFields: Set<[UInt8]>
    /// Field names, normalised, that hold tokens.
    static let tokenFields: Set<[UInt8]> = Set(
        [
            "token", "accesstoken", "refreshtoken", "idtoken", "authtoken", "sessiontoken",
            "subjecttoken", "actortoken", "apikey", "apitoken",
        ].map { Array($0.utf8) }
    )
    private static let hiddenFragments: [[UInt8]] = ["password", "passwd", "secret"].map { Array($0.utf8) }
    /// Field names, exactly as sent, that hold tokens in these services only: the authorization
    /// code a `redeemCode` endpoint reads (`code`; not `__code`, the per-request override).
    let serviceTokenFields: Set<String>
    /// Header names, lowercased, that carry a service's token (e.g. `auth-token`) or a key a
    /// service requires (`requiredHeaders` with values), or a CSRF value (`csrf.header`).
    let tokenHeaders: Set<String>

    /// The rules for `services`: their password fields and token headers on top of the common names.
    init(services: [ServiceFixture]) {
        var hidden: Set<[UInt8]> = Set(["pwd", "codeverifier", "clientassertion"].map { Array($0.utf8) })
        var headers: Set<String> = []
        var tokenFields: Set<String> = []
        for service in services {
            if service.endpoints.contains(where: { $0.role == .redeemCode }) { tokenFields.insert(Engine.codeField) }
            for check in service.credentials + service.endpoints.flatMap({ $0.credentials ?? [] }) where check.readsBody {
                hidden.insert(Self.normalized(check.passwordField))
            }
            if let name = service.token.carrier.headerName { headers.insert(name.lowercased()) }
            // A required header with fixed values carries a key (an `apikey`): shortened like a token.
            for header in service.requiredHeaders + service.endpoints.flatMap({ $0.requiredHeaders ?? [] }) where !header.values.isEmpty {
                headers.insert(header.name.lowercased())
            }
            if let csrf = service.csrf { headers.insert(csrf.header.lowercased()) }
            // A header an endpoint reads a token from (a refresh token, or the token an
            // introspection or revocation is about).
            for selector in service.endpoints.flatMap({ [$0.refreshToken, $0.subjectToken] }) where selector?.source == .header {
                headers.insert(selector?.name ?? "")
            }
        }
        hiddenFields = hidden
        tokenHeaders = headers
        serviceTokenFields = tokenFields
        // What the rules every server shares leave plain (worked out once a process), less what
        // these services' own names hide: a server's start stays cheap.
        plainHeaders = Set(
            Self.sharedPlainHeaders.lazy.filter { !headers.contains($0.name) && !tokenFields.contains($0.bare) && !hidden.contains($0.normal) }
                .flatMap { [$0.name, $0.capitalized] }
        )
        plainFields = Set(Self.sharedPlainFields.lazy.filter { !tokenFields.contains($0.name) && !hidden.contains($0.normal) }.map(\.name))
        // `secretFields` is still empty here, so `secrecy(ofField:)` applies the full name rules.
        secretFields = Dictionary(uniqueKeysWithValues: Self.commonSecretFields.compactMap { name in secrecy(ofField: name).map { (name, $0) } })
    }

    /// Common body, form and query field names, as sent, that hold no secret under these rules,
    /// so most fields skip the name rules.
    private let plainFields: Set<String>
    /// Common secret field names, as sent, with how these rules hide them, so the fields most
    /// requests send skip the name rules whether plain or secret.
    private var secretFields: [String: Secrecy] = [:]
    /// The secret field names most requests send.
    private static let commonSecretFields = [
        "password", "client_secret", "refresh_token", "access_token", "id_token", "token", "code_verifier", "client_assertion",
    ]
    /// The common field names the shared rules leave plain, each with its normalized form.
    private static let sharedPlainFields = commonFields.map { (name: $0, normal: normalized($0)) }.filter { sharedSecrecy($0.normal) == nil }
    /// The field names most requests send.
    private static let commonFields = [
        "username", "user", "email", "login", "name", "grant_type", "client_id", "scope", "redirect_uri", "response_type",
        "state", "nonce", "code_challenge", "code_challenge_method", "audience", "returnSecureToken", "mode", "note",
        "expiresAt", "id", "type", "locale", "device", "remember",
    ]

    /// Common request header names that the journal shows as sent under these rules, so most
    /// headers skip the field-name rules: each lowercased, and as clients usually capitalise it
    /// (`Content-Type`), which is looked up as sent without lowercasing it first.
    private let plainHeaders: Set<String>
    /// The common header names the shared rules show as sent: not a credential or cookie
    /// header, and no secret by name.
    /// Each with its usual capitalisation, the name the field rules see (`x-` dropped) and its
    /// normalized form.
    private static let sharedPlainHeaders = commonHeaders.map { name in
        let bare = name.hasPrefix("x-") ? String(name.dropFirst(2)) : name
        let capitalized = name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
        return (name: name, capitalized: capitalized, bare: bare, normal: normalized(bare))
    }.filter { !["authorization", "proxy-authorization", "cookie", "set-cookie"].contains($0.name) && sharedSecrecy($0.normal) == nil }
    /// The request headers most clients send.
    private static let commonHeaders = [
        "host", "accept", "accept-encoding", "accept-language", "content-type", "content-length", "user-agent", "connection",
        "origin", "referer", "cache-control", "pragma", "te", "expect", "if-none-match", "if-modified-since", "traceparent",
        "sec-fetch-mode", "sec-fetch-site", "sec-fetch-dest", "x-request-id", "x-forwarded-for", "prefer",
    ]

    /// `5c0b…` for `5c0b2f4e-…`: a token shown by its first four characters (`…` alone when it
    /// is no longer than that).
    package static func shortened(_ token: String) -> String {
        // Its first four characters, not its count: counting every character of a long token
        // costs near a thousand instructions, and every journaled token comes here.
        let shown = token.prefix(4)
        return shown.endIndex == token.endIndex ? "…" : String(shown) + "…"
    }

    /// `client_secret`, `Client-Secret` and `clientSecret` alike: ASCII letters lowercased, `_`
    /// and `-` dropped. Bytes, not `Character`s: every request's header names and body fields
    /// pass through here (and Foundation's `String.contains` costs tens of thousands of
    /// instructions a call).
    static func normalized(_ name: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for byte in name.utf8 where byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") {
            bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
        }
        return bytes
    }

    /// Whether a field (or header) named `name` holds a secret, and how to hide it.
    func secrecy(ofField name: String) -> Secrecy? {
        if plainFields.contains(name) { return nil }
        if let known = secretFields[name] { return known }
        if serviceTokenFields.contains(name) { return .token }
        let normal = Self.normalized(name)
        let shared = Self.sharedSecrecy(normal)
        if shared == .token { return .token }
        return hiddenFields.contains(normal) ? .hidden : shared
    }

    /// How the rules every server shares hide a field whose name normalizes to `normal`: token
    /// names, and names holding `password`, `passwd` or `secret`.
    private static func sharedSecrecy(_ normal: [UInt8]) -> Secrecy? {
        if tokenFields.contains(normal) { return .token }
        return hiddenFragments.contains { bytes(normal, contain: $0) } ? .hidden : nil
    }

    /// Whether `fragment` occurs in `bytes`.
    private static func bytes(_ bytes: [UInt8], contain fragment: [UInt8]) -> Bool {
        guard !fragment.isEmpty, fragment.count <= bytes.count else { return fragment.isEmpty }
        for start in 0...(bytes.count - fragment.count) where bytes[start] == fragment[0] {
            if bytes[start..<(start + fragment.count)].elementsEqual(fragment) { return true }
        }
        return false
    }

    /// A header's value as the journal shows it; unchanged when it holds no secret.
    func header(_ name: String, _ value: String) -> String {
        // Found as sent, the name needs no lowercasing (a capitalisation of a plain name is plain).
        if plainHeaders.contains(name) { return value }
        let lowered = name.lowercased()
        if plainHeaders.contains(lowered) { return value }
        switch lowered {
        case "authorization", "proxy-authorization":
            return credentials(value)
        case "cookie", "set-cookie":
            return cookies(value)
        case _ where tokenHeaders.contains(lowered):
            return Self.shortened(value)
        default:
            let bare = lowered.hasPrefix("x-") ? String(lowered.dropFirst(2)) : lowered
            return secrecy(ofField: bare).map { Self.replacement(for: value, $0) } ?? value
        }
    }

    /// `Bearer 5c0b…`, `Basic [redacted]`: the scheme stays, the credentials go.
    private func credentials(_ value: String) -> String {
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return Self.placeholder }
        if parts[0].lowercased() == "bearer" { return "\(parts[0]) \(Self.shortened(parts[1].trimmed(of: " ")))" }
        return "\(parts[0]) \(Self.placeholder)"
    }

    /// `session=[redacted]; theme=[redacted]`: cookie names stay, values go.
    private func cookies(_ value: String) -> String {
        value.split(separator: ";").map { part in
            let pair = part.trimmed(of: " ")
            guard let equals = pair.firstIndex(of: "=") else { return pair }
            return String(pair[..<equals]) + "=" + Self.placeholder
        }.joined(separator: "; ")
    }

    /// Whether a journaled header is `Authorization: Basic` with its credentials hidden.
    static func hidesBasicCredentials(_ field: HTTPHeaderField) -> Bool {
        field.name.lowercased() == "authorization" && field.value.lowercased() == "basic \(placeholder)"
    }

    /// `Basic base64(user:[redacted])`: credentials a Pact can replay without the real password,
    /// once the provider state makes the placeholder the user's password.
    static func basicStandIn(user: String) -> String {
        "Basic " + Data("\(user):\(placeholder)".utf8).base64EncodedString()
    }

    /// A secret value's stand-in: the placeholder, or for a token its first characters.
    static func replacement(for value: String, _ secrecy: Secrecy) -> String {
        secrecy == .token ? shortened(value) : placeholder
    }

    /// A request body as the journal shows it. JSON (whatever its `Content-Type`, as browsers
    /// send JSON as `text/plain` to skip a preflight) and form bodies keep their shape with
    /// their secret fields hidden; any other body that names a secret field is hidden whole.
    /// `parsed` is the body as the engine already read it as JSON, when it did, so it is not
    /// parsed twice.
    func body(_ text: String, contentType: String?, parsed: JSONObject? = nil) -> String {
        guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return text }
        if first == UInt8(ascii: "{"), let parsed { return redacted(.object(parsed))?.serialized() ?? text }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "["), let value = try? JSONValue.parse(text) {
            return redacted(value)?.serialized() ?? text
        }
        let mediaType = contentType?.split(separator: ";", maxSplits: 1).first.map { $0.trimmed(of: " ").lowercased() }
        if mediaType == "application/x-www-form-urlencoded" { return form(text) }
        return mentionsSecret(text) ? Self.placeholder : text
    }

    /// A query string as the journal shows it: the values of secret parameters hidden.
    func query(_ query: String?) -> String? {
        query.map(form)
    }

    /// A JSON value with the values of secret members replaced, at any depth (null stays null);
    /// nil when it holds none, so the body is kept as sent.
    private func redacted(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .object(let object):
            var members: [JSONObject.Member] = []
            var changed = false
            members.reserveCapacity(object.count)
            for member in object {
                guard let secrecy = secrecy(ofField: member.key) else {
                    let inner = redacted(member.value)
                    changed = changed || inner != nil
                    members.append(JSONObject.Member(key: member.key, value: inner ?? member.value))
                    continue
                }
                let shown: JSONValue =
                    switch member.value {
                    case .null: .null
                    case .string(let text): .string(Self.replacement(for: text, secrecy))
                    default: .string(Self.placeholder)
                    }
                changed = changed || shown != member.value
                members.append(JSONObject.Member(key: member.key, value: shown))
            }
            // The keys are the object's own, so unique.
            return changed ? .object(JSONObject(uniqueMembers: members)) : nil
        case .array(let elements):
            let shown = elements.map { (redacted($0), $0) }
            return shown.contains { $0.0 != nil } ? .array(shown.map { $0.0 ?? $0.1 }) : nil
        default:
            return nil
        }
    }

    /// `a=1&password=x` as `a=1&password=[redacted]`: names and order stay, secret values go
    /// (percent-encoded where form encoding needs it).
    private func form(_ text: String) -> String {
        text.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            guard let equals = pair.firstIndex(of: "="),
                let secrecy = secrecy(ofField: PercentDecoding.decode(pair[..<equals], plusIsSpace: true))
            else { return String(pair) }
            let value = PercentDecoding.decode(pair[pair.index(after: equals)...], plusIsSpace: true)
            let shown = Self.replacement(for: value, secrecy)
            return String(pair[...equals]) + (shown.addingPercentEncoding(withAllowedCharacters: Self.formValueCharacters) ?? Self.placeholder)
        }.joined(separator: "&")
    }

    /// What a form value may hold unencoded: the unreserved characters, and the placeholder's brackets.
    private static let formValueCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~[]")

    /// Whether free text names a secret field (then a body the journal cannot take apart is hidden whole).
    private func mentionsSecret(_ text: String) -> Bool {
        let normal = Self.normalized(text)
        return [Self.hiddenFragments, Array(hiddenFields), Array(Self.tokenFields)].joined().contains { Self.bytes(normal, contain: $0) }
    }
}

extension Redaction {
    /// Hides the secrets of a journal entry being built (headers, body, query, token), keeping
    /// the key and fingerprints of the header values it changed (the token's is its `tokenID`).
    /// `exposedTokens` are tokens of this server the request carried elsewhere in its URL (as
    /// sent; see `Engine.exposedTokens`): they are shortened in the path and the query too.
    /// `parsedBody` is the whole body as the engine read it as JSON, when it did.
    func redact(_ entry: inout JournalEntry, key: FingerprintKey, exposedTokens: [String], parsedBody: JSONObject? = nil) {
        var fingerprints = SecretFingerprints(key: key)
        // Only a body not read as JSON already needs its Content-Type (which tells a form).
        let contentType = parsedBody != nil ? nil : entry.headers.first { $0.name.lowercased() == "content-type" }?.value
        for index in entry.headers.indices {
            let sent = entry.headers[index].value
            let shown = header(entry.headers[index].name, sent)
            guard shown != sent else { continue }
            entry.headers[index].value = shown
            fingerprints.headers[index] = key.fingerprint(sent)
        }
        entry.body = body(entry.body, contentType: contentType, parsed: parsedBody)
        entry.query = query(entry.query)
        for token in exposedTokens {
            entry.path = entry.path.replacing(token, with: Self.shortened(token))
            entry.query = entry.query?.replacing(token, with: Self.shortened(token))
        }
        if let token = entry.token {
            entry.token = Self.shortened(token)
        }
        entry.fingerprints = fingerprints
    }
}
