extension FixtureReader {
    /// Reads a token format: `"uuid"`, `{"hex": 64}`,
    /// `{"prefix": "sk_", "characters": "base62", "length": 32}` (`prefix` optional) or
    /// `{"jwt": {…}}`. nil when absent or wrong (the problem reported).
    mutating func tokenFormat(_ value: JSONValue?, at path: String) -> TokenFormat? {
        guard let value else { return nil }
        if let name = value.stringValue {
            guard name == TokenFormat.Characters.uuid.rawValue else {
                report(
                    path,
                    "\"\(name)\" is not a format; write \"uuid\", {\"hex\": 64}, {\"prefix\": \"sk_\", \"characters\": \"base62\", \"length\": 32} or {\"jwt\": {\"algorithm\": \"RS256\"}}"
                )
                return nil
            }
            return .uuid
        }
        if case .object(let members) = value, members["jwt"] != nil { return jwtFormat(value, at: path) }
        guard case .object(let members) = value, members["hex"] != nil else {
            guard let object = object(value, at: path, allowed: ["prefix", "characters", "length"], required: ["characters", "length"]),
                let characters = choice(object, "characters", at: path, as: TokenFormat.Characters.self),
                let length = int(object, "length", at: path, in: 1...TokenFormat.maximumLength)
            else { return nil }
            let format = TokenFormat(prefix: string(object, "prefix", at: path) ?? "", characters: characters, length: length)
            return checked(format, at: path, lengthKey: "length")
        }
        guard let object = object(value, at: path, allowed: ["hex"], required: ["hex"]),
            let length = int(object, "hex", at: path, in: 1...TokenFormat.maximumLength)
        else { return nil }
        return checked(TokenFormat(prefix: "", characters: .hex, length: length), at: path, lengthKey: "hex")
    }

    /// The bytes a prefix may hold: unreserved in URLs (RFC 3986 §2.3), so a token travels in any
    /// header, cookie or form body as it is.
    private static let prefixBytes = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)

    /// `format` when tokens in it never repeat in practice and travel in any header or cookie
    /// as they are.
    private mutating func checked(_ format: TokenFormat, at path: String, lengthKey: String) -> TokenFormat? {
        var good = true
        if format.characters == .uuid, format.length != TokenFormat.uuid.length {
            report(
                Self.path(path, lengthKey),
                "a UUID has \(TokenFormat.uuid.length) characters; leave \"characters\": \"uuid\" with no other length"
            )
            good = false
        } else if format.length < format.characters.minimumLength {
            report(
                Self.path(path, lengthKey),
                "\(format.characters) tokens need at least \(format.characters.minimumLength) characters (64 random bits), so they never repeat"
            )
            good = false
        }
        let allowed = format.prefix.utf8.allSatisfy { byte in
            Self.prefixBytes.contains(byte)
        }
        if !allowed || format.prefix.utf8.count > TokenFormat.maximumPrefixLength {
            report(
                Self.path(path, "prefix"),
                "a prefix is up to \(TokenFormat.maximumPrefixLength) of the characters A-Z a-z 0-9 - _ . ~, not \"\(format.prefix)\""
            )
            good = false
        }
        return good ? format : nil
    }
}
