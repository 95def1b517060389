import Foundation

/// A live value inside a documented example, written `{{name}}` in fixture strings.
enum Placeholder: Sendable, Equatable {
    /// The token issued by this login, or carried by this request.
    case token
    /// The server clock, RFC 3339 (`2026-11-23T10:00:00+00:00`).
    case now
    /// The user the request authenticated as.
    case user
    /// The HTTP status (a number), in error templates.
    case status
    /// The refusal's message, in error templates.
    case message
    /// `user:password` in Base64, in request examples of Basic logins.
    case credentials
    /// A value of the request, echoed: `{{request.body.note}}`, `{{request.query.scope}}`,
    /// `{{request.header.X-Trace}}`, `{{request.cookie.sid}}`, `{{request.path.id}}`.
    case request(ValueSelector)
    /// A time of the token (issued or carried): `{{token.expiresIn}}`.
    case tokenTime(TokenTimeField)
    /// A member of the user's data (the fixture's `users[].data`): `{{user.email}}`.
    case userField(String)
    /// A CSRF value the server makes for this answer (a login, or `issuesCsrf`): `{{csrfToken}}`.
    case csrfToken
    /// The refresh token a login or refresh issued (or kept): `{{refreshToken}}`.
    case refreshToken
    /// A time of that refresh token: `{{refreshToken.expiresIn}}`.
    case refreshTokenTime(TokenTimeField)
    /// The server's issuer URL (`AuthStubServer.Options.issuer`, else its URL as bound):
    /// `{{issuer}}`.
    case issuer
    /// The service's published signing keys, a JWK Set (RFC 7517 §5): `{{jwks}}`.
    case jwks
    /// The ID token issued beside the access token (OpenID Connect Core §2): `{{idToken}}`.
    case idToken
    /// The client id of the token's OAuth 2.0 grant: `{{client}}`.
    case client
    /// The scope of the token's OAuth 2.0 grant, space-separated: `{{scope}}`.
    case scope
    /// The authorization code an `authorize` endpoint issued: `{{code}}`.
    case code
    /// The redirect an `authorize` endpoint answers with: the client's redirect URI with `code`
    /// and `state` (or `error`…) added to its query: `{{redirect}}`.
    case redirect
    /// The whole seconds a rate-limited answer tells the client to wait, as its `Retry-After`
    /// says: `{{retryAfter}}`.
    case retryAfter

    static let requestPrefix = "request."
    static let tokenTimePrefix = "token."
    static let userFieldPrefix = "user."
    static let refreshTokenTimePrefix = "refreshToken."

    /// Every name a fixture may use, for error messages.
    static let knownNames =
        "token, now, user, status, message, credentials, "
        + "request.body.<field>, request.query.<name>, request.header.<Name>, request.cookie.<name>, request.path.<param>, "
        + "token.<expiresAt|expiresAtUnix|expiresIn|issuedAt|issuedAtUnix>, user.<field>, csrfToken, "
        + "refreshToken, refreshToken.<expiresAt|expiresAtUnix|expiresIn|issuedAt|issuedAtUnix>, client, scope, code, redirect, issuer, jwks, idToken, retryAfter"

    init?(name: String) {
        switch name {
        case "token": self = .token
        case "now": self = .now
        case "user": self = .user
        case "status": self = .status
        case "message": self = .message
        case "credentials": self = .credentials
        case "csrfToken": self = .csrfToken
        case "refreshToken": self = .refreshToken
        case "issuer": self = .issuer
        case "jwks": self = .jwks
        case "idToken": self = .idToken
        case "client": self = .client
        case "scope": self = .scope
        case "code": self = .code
        case "redirect": self = .redirect
        case "retryAfter": self = .retryAfter
        default:
            if name.hasPrefix(Self.refreshTokenTimePrefix) {
                guard let field = TokenTimeField(rawValue: String(name.dropFirst(Self.refreshTokenTimePrefix.count))) else { return nil }
                self = .refreshTokenTime(field)
                return
            }
            if name.hasPrefix(Self.tokenTimePrefix) {
                guard let field = TokenTimeField(rawValue: String(name.dropFirst(Self.tokenTimePrefix.count))) else { return nil }
                self = .tokenTime(field)
                return
            }
            if name.hasPrefix(Self.userFieldPrefix) {
                let field = String(name.dropFirst(Self.userFieldPrefix.count))
                guard !field.isEmpty else { return nil }
                self = .userField(field)
                return
            }
            guard name.hasPrefix(Self.requestPrefix), let selector = ValueSelector(String(name.dropFirst(Self.requestPrefix.count))) else {
                return nil
            }
            self = .request(selector)
        }
    }
}

/// A fixture string split into literal text and placeholders.
struct TemplateText: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case literal(String)
        case placeholder(Placeholder)
    }

    let pieces: [Piece]

    /// The placeholder, when the whole string is exactly one (`"{{token}}"`): such a value is
    /// replaced by a JSON value of its own type, and an object member whose placeholder has no
    /// value (an absent request field) is left out.
    var soloPlaceholder: Placeholder? {
        if pieces.count == 1, case .placeholder(let placeholder) = pieces[0] { return placeholder }
        return nil
    }

    /// Splits `text`; a reason when a `{{` is not closed or names nothing known.
    static func parse(_ text: String) -> Result<TemplateText, TemplateError> {
        guard text.contains("{{") else { return .success(TemplateText(pieces: [.literal(text)])) }
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { pieces.append(.literal(String(rest[..<open.lowerBound]))) }
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                return .failure(TemplateError(reason: "'{{' without a closing '}}'"))
            }
            let name = afterOpen[..<close.lowerBound].trimmed(of: " ")
            guard let placeholder = Placeholder(name: name) else {
                return .failure(TemplateError(reason: "unknown placeholder {{\(name)}} (known: \(Placeholder.knownNames))"))
            }
            pieces.append(.placeholder(placeholder))
            rest = afterOpen[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        return .success(TemplateText(pieces: pieces))
    }
}

/// Why a fixture string is not a valid template.
struct TemplateError: Error, Equatable {
    let reason: String
}

extension Substring {
    /// The text without leading and trailing `character`s.
    func trimmed(of character: Character) -> String {
        var slice = self
        while slice.first == character { slice = slice.dropFirst() }
        while slice.last == character { slice = slice.dropLast() }
        return String(slice)
    }
}
