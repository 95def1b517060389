import Foundation
import StubHTTP

/// What a login request says, read and checked for form (not yet for the right password).
struct LoginInput: Sendable {
    /// The user it logs in: the pair of the check that names the user.
    let username: String
    /// What it sends for each of its credential checks, in check order.
    let presented: [PresentedCredentials]
    let expiresAt: Int64?
    let note: String?
    /// The OAuth 2.0 grant the tokens get: the client a `client` check identified, the scope.
    var grant: TokenGrant?
}

/// The username and password a login sends for one credential check.
struct PresentedCredentials: Sendable {
    let check: CredentialCheck
    let username: String
    let password: String
}

extension [PresentedCredentials] {
    /// The OAuth 2.0 client id a `client` check read; nil when no check is one.
    var client: String? { first { $0.check.scheme == .client }?.username }
}

extension Engine {
    /// Reads a login's credentials for each of its checks from its values (a refusal for the
    /// first check that got nothing or something malformed), without touching any state: this
    /// runs outside the engine's lock. The body was read before (`RequestBody`), as JSON or as
    /// a form. Takes the routed endpoint: passing its service and endpoint on would copy both
    /// fixtures whole.
    func parseLogin(_ request: HTTPRequest, _ values: RequestValues, routed: RoutedEndpoint) -> Result<LoginInput, Refusal> {
        let body = values.body
        let checks = routed.credentialChecks
        let presented: [PresentedCredentials]
        switch presentedCredentials(request, body: body, checks: checks) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let pairs): presented = pairs
        }
        guard let naming = checks.namingIndex, presented.indices.contains(naming) else {
            return .failure(Refusal(.badCredentials, "invalid credentials", reason: "the login has no credential check", cause: .missing))
        }

        var expiresAt: Int64?
        var note: String?
        if let field = routed.service.token.expiresAtField, let value = body?[field] {
            guard let text = value.stringValue, let instant = RFC3339.milliseconds(from: text) else {
                return .failure(Refusal(.badRequest, "\"\(field)\" must be an RFC 3339 timestamp like 2026-01-31T23:59:59+00:00"))
            }
            expiresAt = instant
        }
        if let field = routed.service.token.noteField, let value = body?[field] {
            guard let text = value.stringValue else { return .failure(Refusal(.badRequest, "\"\(field)\" must be a string")) }
            note = text
        }
        let grant = presented.client.map { TokenGrant(client: $0) }
        return .success(LoginInput(username: presented[naming].username, presented: presented, expiresAt: expiresAt, note: note, grant: grant))
    }

    /// What the request sends for each of `checks`, in check order; the refusal of the first
    /// check that got nothing or something malformed. Runs outside the lock.
    func presentedCredentials(_ request: HTTPRequest, body: JSONObject?, checks: [CredentialCheck]) -> Result<[PresentedCredentials], Refusal> {
        var presented: [PresentedCredentials] = []
        for check in checks {
            let pair: Result<(String, String), Refusal>
            switch check.scheme {
            case .basic: pair = basicCredentials(request)
            case .client: pair = clientCredentials(request, body: body)
            default: pair = bodyCredentials(body, check: check)
            }
            switch pair {
            case .failure(let refusal): return .failure(refusal.naming(check))
            case .success(let (username, password)): presented.append(PresentedCredentials(check: check, username: username, password: password))
            }
        }
        return .success(presented)
    }

    /// Checks each presented pair against its check's account list, in check order (401,
    /// reason `wrong`, naming the failing check). `users` are the service's users as they are
    /// now; other lists are the fixture's. Runs under the lock.
    func checkCredentials(_ presented: [PresentedCredentials], users: [String: UserAccount], service: ServiceFixture) -> Refusal? {
        for pair in presented {
            let expected: String?
            if pair.check.accounts == CredentialCheck.userList {
                expected = users[pair.username]?.password
            } else {
                expected = service.account(pair.username, in: pair.check.accounts)?.password
            }
            guard let expected else {
                return Refusal(.badCredentials, "invalid credentials", reason: "no such user \"\(pair.username)\"", cause: .wrong).naming(pair.check)
            }
            guard expected == pair.password else {
                return Refusal(.badCredentials, "invalid credentials", reason: "wrong password for user \"\(pair.username)\"", cause: .wrong)
                    .naming(pair.check)
            }
        }
        return nil
    }

    /// The pair of a `body` check: a field not sent is a malformed request (400 naming the field;
    /// reason `missing` when neither was sent, as bundled JSON logins always answered), a field
    /// that is no string too.
    private func bodyCredentials(_ body: JSONObject?, check: CredentialCheck) -> Result<(String, String), Refusal> {
        let usernameField = check.usernameField
        let passwordField = check.passwordField
        guard let object = body, object[usernameField] != nil || object[passwordField] != nil else {
            return .failure(Refusal(.badRequest, "the request body lacks \"\(usernameField)\"", cause: .missing))
        }
        guard let user = object[usernameField] else { return .failure(Refusal(.badRequest, "the request body lacks \"\(usernameField)\"")) }
        guard let pass = object[passwordField] else { return .failure(Refusal(.badRequest, "the request body lacks \"\(passwordField)\"")) }
        guard let userText = user.stringValue else { return .failure(Refusal(.badRequest, "\"\(usernameField)\" must be a string")) }
        guard let passText = pass.stringValue else { return .failure(Refusal(.badRequest, "\"\(passwordField)\" must be a string")) }
        return .success((userText, passText))
    }

    /// `Authorization: Basic base64(user:password)`.
    func basicCredentials(_ request: HTTPRequest) -> Result<(String, String), Refusal> {
        guard let authorization = request.headers["Authorization"] else {
            return .failure(Refusal(.badCredentials, "invalid credentials", reason: "missing credentials (no Authorization header)", cause: .missing))
        }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic" else {
            return .failure(
                Refusal(.badCredentials, "invalid credentials", reason: "missing credentials (Authorization is not Basic)", cause: .missing)
            )
        }
        guard let pair = Self.basicPair(parts[1].trimmed(of: " ")) else {
            return .failure(Refusal(.badCredentials, "invalid credentials", reason: "malformed Basic credentials", cause: .wrong))
        }
        return .success(pair)
    }

    /// `user:password` from Basic credentials (`base64(user:password)`); nil when they are not
    /// Base64 of UTF-8 text holding a colon.
    static func basicPair(_ credentials: String) -> (String, String)? {
        // The first colon byte splits (RFC 7617): as Characters, a colon followed by a combining
        // mark is no colon.
        guard let data = Data(base64Encoded: credentials),
            let decoded = String(data: data, encoding: .utf8), let colon = decoded.utf8.firstIndex(of: UInt8(ascii: ":"))
        else { return nil }
        return (String(decoded[..<colon]), String(decoded[decoded.utf8.index(after: colon)...]))
    }
}
