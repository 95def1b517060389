import StubHTTP

/// The sample values an OpenAPI document's examples show: what each placeholder renders to on
/// a running server, made up where the value is live (a token of the service's format, the
/// time, the first user). Examples are rendered with `TemplateRenderer`, as answers are.
enum OpenAPISample {
    /// The sample "now": 2026-01-01T00:00:00+00:00, in the engine's milliseconds.
    static let now: Int64 = 1_767_225_600_000
    /// The issuer a server started with `authstub serve`'s defaults names.
    static let issuer = "http://127.0.0.1:\(AuthStubServer.commandLinePort)"
    /// An authorization code, RFC 6749 §4.1.2's own example.
    static let code = "SplxlOBeZQQYbYS6WxSbIA"

    /// The values `endpoint`'s examples are rendered with: for an error template (`status`
    /// set), its status and `message`.
    static func values(
        service: ServiceFixture,
        endpoint: EndpointFixture,
        request: JSONObject?,
        status: HTTPStatus? = nil,
        message: String? = nil
    ) -> TemplateValues {
        let user = service.users.first
        let client = service.credentialChecks(of: endpoint).first { $0.scheme == .client }.flatMap { service.accounts[$0.accounts]?.first }
        let expiresAt = service.token.lifetimeEnd(issuedAt: now) ?? service.token.idleTimeoutMilliseconds.map { now &+ $0 }
        let refreshLifetime = service.token.refresh?.lifetimeMilliseconds
        let redirectURI = client?.data["redirect_uris"]?.arrayValue?.first?.stringValue ?? "http://127.0.0.1/callback"
        return TemplateValues(
            token: token(service.token.format, number: 1),
            now: RFC3339.string(epochSeconds: Int(now / 1000)),
            user: user?.username,
            status: status,
            message: message,
            request: RequestValues(HTTPRequest(method: endpoint.method, path: endpoint.path), body: request),
            tokenTimes: TokenTimes(issuedAt: now, expiresAt: expiresAt, now: now),
            userData: user?.data,
            csrfToken: service.csrf.map { _ in token(.uuid, number: 3) },
            refreshToken: service.token.refresh.map { token($0.format, number: 2) },
            refreshTimes: TokenTimes(issuedAt: now, expiresAt: refreshLifetime.map { now &+ $0 }, now: now),
            issuer: issuer,
            jwks: service.signingKeys.isEmpty ? nil : SigningKeyRing(service.signingKeys).jwks,
            idToken: service.token.idToken.map { jwt(algorithm: $0.algorithm.rawValue, subject: user?.username) },
            grant: TokenGrant(client: client?.username, scope: service.scopes?.prefix(2).joined(separator: " ")),
            code: code,
            redirect: redirectURI + "?code=\(code)&state=xyz",
            retryAfter: retryAfter(service: service, endpoint: endpoint)
        )
    }

    /// A rate-limited answer's wait: the window of the route's first limit (a full window's wait,
    /// as the `Retry-After` the OpenAPI document shows).
    static func retryAfter(service: ServiceFixture, endpoint: EndpointFixture) -> Int64? {
        (service.rateLimits + endpoint.rateLimits).first.map { $0.windowMilliseconds / 1_000 }
    }

    /// A token of `format`: a fixed version-4 UUID (`number` tells samples apart), a JWT-shaped
    /// text for JWT tokens, else the prefix and characters of the alphabet.
    static func token(_ format: TokenFormat, number: Int) -> String {
        if let jwt = format.jwt { return self.jwt(algorithm: jwt.algorithm.rawValue, subject: "user") }
        let digit = String(number % 10)
        if format.characters == .uuid { return "5c0b4b3e-8f1d-4\(digit)a2-9c6e-1f2a3b4c5d6e" }
        let alphabet = format.characters.alphabet
        guard !alphabet.isEmpty else { return format.prefix }
        let random = (0..<format.length).map { Character(UnicodeScalar(alphabet[($0 &* 7 &+ number) % alphabet.count])) }
        return format.prefix + String(random)
    }

    /// A JWT-shaped token: a header and claims in base64url, and a made-up signature.
    private static func jwt(algorithm: String, subject: String?) -> String {
        let header: JSONValue = .object(["alg": .string(algorithm), "typ": .string("JWT")])
        var claims: JSONObject = ["iss": .string(issuer), "iat": .int(Int(now / 1000))]
        if let subject { claims["sub"] = .string(subject) }
        let parts = [header.serializedBytes(), JSONValue.object(claims).serializedBytes(), Array("sample-signature".utf8)]
        return parts.map(Base64URL.encode).joined(separator: ".")
    }
}
