import Foundation
import StubHTTP

/// What a login request says, read and checked for form (not yet for the right password).
struct LoginInput: Sendable {
    let username: String
    let password: String
    let expiresAt: Int64?
    let note: String?
}

extension Engine {
    /// Reads a login's credentials from its values (400 when the body lacks them), without
    /// touching any state: this runs outside the engine's lock. The body was read before
    /// (`RequestBody`), as JSON or as a form.
    func parseLogin(_ request: HTTPRequest, _ values: RequestValues, service: ServiceFixture) -> Result<LoginInput, Refusal> {
        let body = values.body
        let username: String
        let password: String
        switch service.credentials {
        case .jsonBody(let usernameField, let passwordField):
            guard let object = body else { return .failure(Refusal(.badRequest, "the request body is empty")) }
            guard let user = object[usernameField] else { return .failure(Refusal(.badRequest, "the request body lacks \"\(usernameField)\"")) }
            guard let pass = object[passwordField] else { return .failure(Refusal(.badRequest, "the request body lacks \"\(passwordField)\"")) }
            guard let userText = user.stringValue else { return .failure(Refusal(.badRequest, "\"\(usernameField)\" must be a string")) }
            guard let passText = pass.stringValue else { return .failure(Refusal(.badRequest, "\"\(passwordField)\" must be a string")) }
            username = userText
            password = passText
        case .basic:
            switch basicCredentials(request) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let pair): (username, password) = pair
            }
        }

        var expiresAt: Int64?
        var note: String?
        if let field = service.token.expiresAtField, let value = body?[field] {
            guard let text = value.stringValue, let instant = RFC3339.milliseconds(from: text) else {
                return .failure(Refusal(.badRequest, "\"\(field)\" must be an RFC 3339 timestamp like 2026-01-31T23:59:59+00:00"))
            }
            expiresAt = instant
        }
        if let field = service.token.noteField, let value = body?[field] {
            guard let text = value.stringValue else { return .failure(Refusal(.badRequest, "\"\(field)\" must be a string")) }
            note = text
        }
        return .success(LoginInput(username: username, password: password, expiresAt: expiresAt, note: note))
    }

    /// Checks the credentials against the service's users (401, reason `wrong`). Runs under the
    /// lock.
    func checkCredentials(_ input: LoginInput, users: [String: UserAccount]) -> Refusal? {
        guard let expected = users[input.username]?.password else {
            return Refusal(.badCredentials, "invalid credentials", reason: "no such user \"\(input.username)\"", cause: .wrong)
        }
        guard expected == input.password else {
            return Refusal(.badCredentials, "invalid credentials", reason: "wrong password for user \"\(input.username)\"", cause: .wrong)
        }
        return nil
    }

    /// `Authorization: Basic base64(user:password)`.
    private func basicCredentials(_ request: HTTPRequest) -> Result<(String, String), Refusal> {
        guard let authorization = request.headers["Authorization"] else {
            return .failure(Refusal(.badCredentials, "invalid credentials", reason: "missing credentials (no Authorization header)", cause: .missing))
        }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic" else {
            return .failure(
                Refusal(.badCredentials, "invalid credentials", reason: "missing credentials (Authorization is not Basic)", cause: .missing)
            )
        }
        // The first colon byte splits (RFC 7617): as Characters, a colon followed by a combining
        // mark is no colon.
        guard let data = Data(base64Encoded: parts[1].trimmed(of: " ")),
            let decoded = String(data: data, encoding: .utf8), let colon = decoded.utf8.firstIndex(of: UInt8(ascii: ":"))
        else {
            return .failure(Refusal(.badCredentials, "invalid credentials", reason: "malformed Basic credentials", cause: .wrong))
        }
        return .success((String(decoded[..<colon]), String(decoded[decoded.utf8.index(after: colon)...])))
    }
}
