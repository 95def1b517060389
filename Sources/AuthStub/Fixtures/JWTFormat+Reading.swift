extension FixtureReader {
    /// Reads `{"jwt": {"algorithm": "RS256", "type": "at+jwt", "audience": "…", "claims": {…}}}`
    /// (only `algorithm` required). nil when wrong (the problem reported).
    mutating func jwtFormat(_ value: JSONValue, at path: String) -> TokenFormat? {
        guard let outer = object(value, at: path, allowed: ["jwt"], required: ["jwt"]) else { return nil }
        let jwtPath = Self.path(path, "jwt")
        guard let object = object(outer["jwt"], at: jwtPath, allowed: ["algorithm", "type", "audience", "claims"], required: ["algorithm"])
        else { return nil }
        guard let algorithm = choice(object, "algorithm", at: jwtPath, as: JWSAlgorithm.self) else { return nil }
        var format = JWTFormat(algorithm: algorithm)
        if let type = string(object, "type", at: jwtPath) { format.type = type }
        if let audience = string(object, "audience", at: jwtPath) {
            checkTemplate(audience, at: Self.path(jwtPath, "audience"))
            format.audience = audience
        }
        if let claims = object["claims"] {
            guard case .object(let members) = claims else {
                report(Self.path(jwtPath, "claims"), "expected an object of claims, found \(describe(claims))")
                return nil
            }
            checkTemplates(in: claims, at: Self.path(jwtPath, "claims"))
            format.claims = members
        }
        var token = JWTFormat.identifier
        token.jwt = format
        return token
    }
}
