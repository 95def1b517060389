import StubHTTP

/// What the placeholders of one response stand for.
struct TemplateValues: Sendable {
    var token: String?
    var now: String
    var user: String?
    var status: HTTPStatus?
    var message: String?
    var credentials: String?
    /// The request's values, for `{{request.…}}`.
    var request: RequestValues?
    /// The times of the token the response concerns.
    var tokenTimes: TokenTimes?
    /// The data of the user the request acted as.
    var userData: JSONObject?
    /// The CSRF value the answer hands out.
    var csrfToken: String?
    /// The refresh token a login or refresh issued (or kept), and its times.
    var refreshToken: String?
    var refreshTimes: TokenTimes?
    /// The issuer URL (`{{issuer}}`).
    var issuer: String?
    /// The service's published keys (`{{jwks}}`).
    var jwks: JSONValue?
    /// The ID token issued beside the access token (`{{idToken}}`).
    var idToken: String?
    /// The OAuth 2.0 grant of the token the response concerns, for `{{client}}` and `{{scope}}`.
    var grant: TokenGrant?
    /// The authorization code an `authorize` answer issued.
    var code: String?
    /// The URL an `authorize` answer redirects to.
    var redirect: String?
    /// A rate-limited answer's wait in whole seconds.
    var retryAfter: Int64?

    /// The value of `placeholder`, or nil when this response has none.
    func value(of placeholder: Placeholder) -> JSONValue? {
        switch placeholder {
        case .token: token.map(JSONValue.string)
        case .now: .string(now)
        case .user: user.map(JSONValue.string)
        case .status: status.map { .int($0.code) }
        case .message: message.map(JSONValue.string)
        case .credentials: credentials.map(JSONValue.string)
        case .request(let selector): request?.value(selector)
        case .tokenTime(let field): tokenTimes?.value(of: field)
        case .userField(let field): userData?[field]
        case .csrfToken: csrfToken.map(JSONValue.string)
        case .refreshToken: refreshToken.map(JSONValue.string)
        case .refreshTokenTime(let field): refreshTimes?.value(of: field)
        case .issuer: issuer.map(JSONValue.string)
        case .jwks: jwks
        case .idToken: idToken.map(JSONValue.string)
        case .client: grant?.client.map(JSONValue.string)
        case .scope: grant?.scope.map(JSONValue.string)
        case .code: code.map(JSONValue.string)
        case .redirect: redirect.map(JSONValue.string)
        case .retryAfter: retryAfter.map { .int(Int(clamping: $0)) }
        }
    }

    /// The value as text inside a longer string: strings as they are, other JSON as written.
    func text(of placeholder: Placeholder) -> String {
        guard let value = value(of: placeholder) else { return "" }
        if case .string(let text) = value { return text }
        return value.serialized()
    }
}
