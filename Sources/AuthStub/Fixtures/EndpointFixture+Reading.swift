import StubHTTP

extension FixtureReader {
    static let endpointKeys: Set<String> = [
        "$schema", "kind", "name", "summary", "source", "method", "path", "role",
        "deprecation", "request", "responses", "interpretations", "notes", "refreshToken",
    ]
    static let responseKeys: Set<String> = [
        "name", "when", "requestBodyHasAny", "reason", "source", "status", "headers", "body",
        "documentedBody", "interpretation", "notes",
    ]

    /// Reads one endpoint file.
    mutating func endpoint(_ document: JSONValue) -> EndpointFixture? {
        guard
            let root = object(
                document,
                at: "$",
                allowed: Self.endpointKeys,
                required: ["kind", "name", "method", "path", "role", "responses"]
            )
        else { return nil }
        if let kind = string(root, "kind", at: "$"), kind != "endpoint" {
            report("$.kind", "an endpoint file must have \"kind\": \"endpoint\", not \"\(kind)\"")
        }
        let name = nonEmptyString(root, "name", at: "$")
        if let name, !isToken(name) {
            report("$.name", "\"\(name)\" must be a single word (letters, digits, - or _)")
        }
        let method = nonEmptyString(root, "method", at: "$")
        if let method, !isToken(method) || method != method.uppercased() {
            report("$.method", "\"\(method)\" is not an upper-case HTTP method such as \"POST\"")
        }
        let path = nonEmptyString(root, "path", at: "$")
        if let path, !Self.isPath(path) || path.utf8.contains(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            report("$.path", "\"\(path)\" must start with / and hold no query or fragment")
        }
        let role = choice(root, "role", at: "$", as: EndpointRole.self)
        _ = string(root, "summary", at: "$")
        _ = stringArray(root, "interpretations", at: "$")
        _ = stringArray(root, "notes", at: "$")
        let source = source(root["source"], at: "$.source")
        let deprecation = deprecation(root["deprecation"], at: "$.deprecation")
        let request = requestExample(root["request"], at: "$.request")
        let responses = responses(root, role: role)
        let refreshToken = refreshTokenSelector(root, role: role)
        guard let name, let method, let path, let role, problems.isEmpty else { return nil }
        return EndpointFixture(
            name: name,
            summary: root["summary"]?.stringValue,
            source: source,
            method: HTTPMethod(method),
            path: path,
            role: role,
            deprecation: deprecation,
            request: request,
            responses: responses,
            file: file,
            refreshToken: refreshToken
        )
    }

    private mutating func responses(_ root: JSONObject, role: EndpointRole?) -> [ResponseExample] {
        guard let elements = array(root, "responses", at: "$") else { return [] }
        var responses: [ResponseExample] = []
        for (index, element) in elements.enumerated() {
            let path = Self.path("$.responses", index)
            guard let object = object(element, at: path, allowed: Self.responseKeys, required: ["name", "when", "status"]) else { continue }
            let name = nonEmptyString(object, "name", at: path)
            if let name, responses.contains(where: { $0.name == name }) {
                report(Self.path(path, "name"), "response name \"\(name)\" is used twice in this file")
            }
            let condition = choice(object, "when", at: path, as: ResponseCondition.self)
            let status = int(object, "status", at: path, in: 100...599)
            let headers = headers(object, "headers", at: path)
            let body = object["body"]
            if let body { checkTemplates(in: body, at: Self.path(path, "body")) }
            if let status, body != nil, status < 200 || status == 204 || status == 304 {
                report(Self.path(path, "body"), "a \(status) response has no body in HTTP; keep the document's body under \"documentedBody\"")
            }
            _ = string(object, "interpretation", at: path)
            _ = stringArray(object, "notes", at: path)
            let hasAny = stringArray(object, "requestBodyHasAny", at: path) ?? []
            let reasons = refusalReasons(object, at: path, condition: condition)
            let source = source(object["source"], at: Self.path(path, "source"))
            guard let name, let condition, let status else { continue }
            responses.append(
                ResponseExample(
                    name: name,
                    condition: condition,
                    requestBodyHasAny: hasAny,
                    source: source,
                    status: HTTPStatus(code: status),
                    headers: headers,
                    body: body,
                    reasons: reasons
                )
            )
        }
        if !elements.isEmpty, !responses.contains(where: { $0.condition == .success }), problems.isEmpty {
            report("$.responses", "no response has \"when\": \"success\"")
        }
        if let role, role == .public || role == .login {
            for (index, response) in responses.enumerated() where response.condition == .badToken {
                report(
                    Self.path(Self.path("$.responses", index), "when"),
                    "a \(role.rawValue) endpoint takes no token, so it has no \"badToken\" response"
                )
            }
        }
        return responses
    }

    /// `"refreshToken"`: where a `refresh` endpoint reads the refresh token (required there,
    /// nowhere else).
    private mutating func refreshTokenSelector(_ root: JSONObject, role: EndpointRole?) -> ValueSelector? {
        guard let text = string(root, "refreshToken", at: "$") else {
            if role == .refresh, root["refreshToken"] == nil {
                report("$.refreshToken", "a refresh endpoint needs \"refreshToken\": where the request carries it, e.g. \"body.refresh_token\"")
            }
            return nil
        }
        guard role == .refresh else {
            report("$.refreshToken", "only a refresh endpoint reads a refresh token")
            return nil
        }
        guard let selector = ValueSelector(text) else {
            report("$.refreshToken", "\"\(text)\" is not a selector like \(ValueSelector.syntax)")
            return nil
        }
        return selector
    }

    /// `"reason"`: one known refusal reason or an array of them, on a response that is not a
    /// success.
    private mutating func refusalReasons(_ object: JSONObject, at path: String, condition: ResponseCondition?) -> [RefusalReason] {
        guard let value = object["reason"] else { return [] }
        let reasonPath = Self.path(path, "reason")
        let texts: [String]
        switch value {
        case .string(let text):
            texts = [text]
        case .array(let elements):
            if elements.isEmpty { report(reasonPath, "list at least one reason") }
            texts = stringArray(object, "reason", at: path) ?? []
        default:
            report(reasonPath, "expected a reason or an array of reasons, found \(describe(value))")
            return []
        }
        if condition == .success { report(reasonPath, "a success answers no refusal, so it has no \"reason\"") }
        for text in texts where RefusalReason.named(text) == nil {
            report(reasonPath, "\"\(text)\" is not one of \(RefusalReason.knownNames)")
        }
        return texts.map(RefusalReason.init(rawValue:))
    }

    private mutating func deprecation(_ value: JSONValue?, at path: String) -> DeprecationFixture? {
        guard let object = object(value, at: path, allowed: ["quote", "deprecatedAt", "sunsetAt", "successor", "interpretation"]) else { return nil }
        _ = string(object, "quote", at: path)
        _ = string(object, "interpretation", at: path)
        var deprecation = DeprecationFixture(
            deprecatedAtMilliseconds: timestamp(object, "deprecatedAt", at: path),
            sunsetAtMilliseconds: timestamp(object, "sunsetAt", at: path)
        )
        let successorPath = Self.path(path, "successor")
        if let successor = self.object(object["successor"], at: successorPath, allowed: ["method", "path"], required: ["method", "path"]) {
            deprecation.successorMethod = nonEmptyString(successor, "method", at: successorPath).map { HTTPMethod($0) }
            deprecation.successorPath = nonEmptyString(successor, "path", at: successorPath)
        }
        return deprecation
    }

    private mutating func requestExample(_ value: JSONValue?, at path: String) -> RequestExample? {
        guard let object = object(value, at: path, allowed: ["headers", "body"]) else { return nil }
        if let body = object["body"] { checkTemplates(in: body, at: Self.path(path, "body")) }
        return RequestExample(headers: headers(object, "headers", at: path), body: object["body"])
    }
}
