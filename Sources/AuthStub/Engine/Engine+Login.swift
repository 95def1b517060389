import Foundation
import StubHTTP

/// What a login request says, read and checked for form (not yet for the right password).
struct LoginInput: Sendable {
    let username: String
    let password: String
    let body: JSONObject?
    let expiresAt: Int64?
    let note: String?
}

extension Engine {
    /// Reads a login's media type, body and credentials (415, then 400), without touching any
    /// state: this runs outside the engine's lock.
    func parseLogin(_ request: HTTPRequest, service: ServiceFixture) -> Result<LoginInput, Refusal> {
        let body: JSONObject?
        switch jsonBody(of: request, required: isJSONBodyScheme(service.credentials)) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let parsed): body = parsed
        }
        func refuse(_ refusal: Refusal) -> Result<LoginInput, Refusal> {
            var refusal = refusal
            refusal.body = body
            return .failure(refusal)
        }

        let username: String
        let password: String
        switch service.credentials {
        case .jsonBody(let usernameField, let passwordField):
            guard let object = body else { return refuse(Refusal(.badRequest, "the request body is empty")) }
            guard let user = object[usernameField] else { return refuse(Refusal(.badRequest, "the request body lacks \"\(usernameField)\"")) }
            guard let pass = object[passwordField] else { return refuse(Refusal(.badRequest, "the request body lacks \"\(passwordField)\"")) }
            guard let userText = user.stringValue else { return refuse(Refusal(.badRequest, "\"\(usernameField)\" must be a string")) }
            guard let passText = pass.stringValue else { return refuse(Refusal(.badRequest, "\"\(passwordField)\" must be a string")) }
            username = userText
            password = passText
        case .basic:
            switch basicCredentials(request) {
            case .failure(let refusal): return refuse(refusal)
            case .success(let pair): (username, password) = pair
            }
        }

        var expiresAt: Int64?
        var note: String?
        if let field = service.token.expiresAtField, let value = body?[field] {
            guard let text = value.stringValue, let instant = RFC3339.milliseconds(from: text) else {
                return refuse(Refusal(.badRequest, "\"\(field)\" must be an RFC 3339 timestamp like 2026-01-31T23:59:59+00:00"))
            }
            expiresAt = instant
        }
        if let field = service.token.noteField, let value = body?[field] {
            guard let text = value.stringValue else { return refuse(Refusal(.badRequest, "\"\(field)\" must be a string")) }
            note = text
        }
        return .success(LoginInput(username: username, password: password, body: body, expiresAt: expiresAt, note: note))
    }

    /// Checks the credentials against the service's users (401). Runs under the lock.
    func checkCredentials(_ input: LoginInput, users: [String: UserAccount]) -> Refusal? {
        guard let expected = users[input.username]?.password else {
            var refusal = Refusal(.badCredentials, "invalid credentials", reason: "no such user \"\(input.username)\"")
            refusal.body = input.body
            return refusal
        }
        guard expected == input.password else {
            var refusal = Refusal(.badCredentials, "invalid credentials", reason: "wrong password for user \"\(input.username)\"")
            refusal.body = input.body
            return refusal
        }
        return nil
    }

    private func isJSONBodyScheme(_ scheme: CredentialScheme) -> Bool {
        if case .jsonBody = scheme { return true }
        return false
    }

    /// The request's JSON object body: nil when empty and not `required`; 415 when its
    /// `Content-Type` is not JSON; 400 when it does not parse or is not an object.
    func jsonBody(of request: HTTPRequest, required: Bool) -> Result<JSONObject?, Refusal> {
        if request.body.isEmpty && !required { return .success(nil) }
        let contentType = request.headers["Content-Type"]
        guard let contentType, Self.isJSONMediaType(contentType) else {
            let given = contentType.map { "'\($0)'" } ?? "none"
            return .failure(Refusal(.unsupportedMediaType, "Content-Type must be application/json, not \(given)"))
        }
        guard !request.body.isEmpty else { return .failure(Refusal(.badRequest, "the request body is empty")) }
        let value: JSONValue
        do {
            value = try JSONValue.parse(request.body)
        } catch {
            return .failure(Refusal(.badRequest, "the request body is not JSON: \(error)"))
        }
        guard case .object(let object) = value else {
            return .failure(Refusal(.badRequest, "the request body must be a JSON object (found \(value.typeName))"))
        }
        return .success(object)
    }

    /// `application/json`, `application/…+json`, any parameters, any case.
    static func isJSONMediaType(_ value: String) -> Bool {
        let type = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmed(of: " ").lowercased() } ?? ""
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    /// `Authorization: Basic base64(user:password)`.
    private func basicCredentials(_ request: HTTPRequest) -> Result<(String, String), Refusal> {
        guard let authorization = request.headers["Authorization"] else {
            return .failure(Refusal(.badCredentials, "invalid credentials", reason: "missing credentials (no Authorization header)"))
        }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic" else {
            return .failure(Refusal(.badCredentials, "invalid credentials", reason: "missing credentials (Authorization is not Basic)"))
        }
        // The first colon byte splits (RFC 7617): as Characters, a colon followed by a combining
        // mark is no colon.
        guard let data = Data(base64Encoded: parts[1].trimmed(of: " ")),
            let decoded = String(data: data, encoding: .utf8), let colon = decoded.utf8.firstIndex(of: UInt8(ascii: ":"))
        else {
            return .failure(Refusal(.badCredentials, "invalid credentials", reason: "malformed Basic credentials"))
        }
        return .success((String(decoded[..<colon]), String(decoded[decoded.utf8.index(after: colon)...])))
    }
}
