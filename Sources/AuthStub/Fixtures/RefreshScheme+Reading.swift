extension FixtureReader {
    /// Reads `token.refresh`: `{"lifetime", "format", "rotate", "reuse"}`, all optional.
    mutating func refreshScheme(_ value: JSONValue?, at path: String) -> RefreshScheme? {
        guard let value, let object = object(value, at: path, allowed: ["lifetime", "format", "rotate", "reuse"]) else { return nil }
        var scheme = RefreshScheme()
        scheme.lifetimeMilliseconds = duration(object, "lifetime", at: path)
        scheme.format = tokenFormat(object["format"], at: Self.path(path, "format")) ?? .uuid
        if scheme.format.jwt != nil {
            report(Self.path(path, "format"), "refresh tokens are opaque: a JWT format is for access tokens (token.format)")
        }
        if let rotate = object["rotate"] {
            if case .bool(let flag) = rotate {
                scheme.rotate = flag
            } else {
                report(Self.path(path, "rotate"), "expected true or false, found \(describe(rotate))")
            }
        }
        scheme.reuse = choice(object, "reuse", at: path, as: RefreshScheme.Reuse.self) ?? .refuse
        if object["reuse"] != nil, !scheme.rotate {
            report(Self.path(path, "reuse"), "only a rotated refresh token can be reused; add \"rotate\": true")
        }
        return scheme
    }
}
