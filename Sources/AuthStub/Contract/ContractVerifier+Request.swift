import Foundation

extension ContractVerifier {
    /// A password no fixture uses, sent to check the documented bad-credentials answer.
    static let wrongPassword = "authstub-verify-wrong-password"
    /// A token no server issued, sent to check the documented bad-token answer.
    static let unknownToken = "authstub-verify-unknown-token"

    /// The documented request of `step`, with credentials and the token filled in and `Accept`
    /// set to the example's media type, so each Accept variant is checked on its own.
    func makeRequest(_ step: ContractStep, token: String?) -> ContractRequest {
        let condition = step.example.condition
        let user =
            credentials ?? step.service.users.first.map { Credentials(username: $0.username, password: $0.password) }
            ?? Credentials(username: "", password: "")
        let password = condition == .badCredentials ? Self.wrongPassword : user.password
        let sentToken = condition == .badToken ? Self.unknownToken : (token ?? "")
        let basic = Data("\(user.username):\(password)".utf8).base64EncodedString()

        let documented = step.endpoint.request
        var headers = (documented?.headers ?? []).map { header in
            HTTPHeaderField(header.name, Self.fill(header.value, token: sentToken, credentials: basic, user: user.username))
        }
        if let mediaType = step.example.mediaType {
            headers.removeAll { $0.name.lowercased() == "accept" }
            headers.append(HTTPHeaderField("Accept", mediaType))
        }
        var body = documented?.body
        let checks = step.service.credentialChecks(of: step.endpoint)
        if step.endpoint.role == .login, let naming = checks.namingIndex, checks[naming].readsBody, case .object(var fields)? = body {
            fields[checks[naming].usernameField] = .string(user.username)
            fields[checks[naming].passwordField] = .string(password)
            body = .object(fields)
        }
        if body != nil, !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
            headers.append(HTTPHeaderField("Content-Type", "application/json"))
        }
        let path = (step.service.basePaths.first ?? "") + step.endpoint.path
        return ContractRequest(method: step.endpoint.method, path: path, headers: headers, body: body?.serializedBytes() ?? [])
    }

    /// A documented header value with `{{token}}`, `{{credentials}}` and `{{user}}` filled in.
    private static func fill(_ value: String, token: String, credentials: String, user: String) -> String {
        guard case .success(let template) = TemplateText.parse(value) else { return value }
        return template.pieces.map { piece in
            switch piece {
            case .literal(let text): text
            case .placeholder(.token): token
            case .placeholder(.credentials): credentials
            case .placeholder(.user): user
            case .placeholder: ""
            }
        }.joined()
    }
}
