import StubHTTP

extension FixtureReader {
    static let endpointKeys: Set<String> = [
        "$schema", "kind", "name", "summary", "source", "method", "path", "role",
        "deprecation", "request", "responses", "interpretations", "notes", "accepts", "match", "requiredHeaders", "issuesCsrf", "refreshToken",
        "credentials", "revokes", "acceptsTokensFrom", "clients", "subjectToken", "requiredScope",
        "rateLimits",
    ]
    static let responseKeys: Set<String> = [
        "name", "when", "requestBodyHasAny", "reason", "match", "source", "status", "headers", "body",
        "documentedBody", "interpretation", "notes", "check", "redirectError",
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
        for problem in RoutePattern.problems(in: path ?? "") { report("$.path", problem) }
        let role = choice(root, "role", at: "$", as: EndpointRole.self)
        _ = string(root, "summary", at: "$")
        _ = stringArray(root, "interpretations", at: "$")
        _ = stringArray(root, "notes", at: "$")
        let source = source(root["source"], at: "$.source")
        let deprecation = deprecation(root["deprecation"], at: "$.deprecation")
        let request = requestExample(root["request"], at: "$.request")
        let accepts = bodyTypes(root, at: "$")
        let match = requestMatch(root, at: "$")
        if let request, let role, role == .login || accepts != nil { checkRequestFormat(request, accepts: accepts ?? [.json]) }
        let responses = responses(root, role: role)
        let requiredHeaders = requiredHeaders(root, at: "$")
        var issuesCsrf = false
        switch root["issuesCsrf"] {
        case .bool(let flag)?: issuesCsrf = flag
        case let other?: report("$.issuesCsrf", "expected true or false, found \(describe(other))")
        case nil: break
        }
        if issuesCsrf, let role, role != .public {
            report("$.issuesCsrf", "only a public endpoint issues CSRF values this way (a login of a service with \"csrf\" always does)")
        }
        let refreshToken = refreshTokenSelector(root, role: role)
        let subjectToken = subjectTokenSelector(root, role: role)
        let requiredScope = requiredScope(root, role: role, responses: responses)
        let credentials = root["credentials"].flatMap { credentialChecks($0, at: "$.credentials", lists: nil) }
        if credentials != nil, let role, role == .public {
            report("$.credentials", "a public endpoint checks no credentials")
        }
        let revokes = choice(root, "revokes", at: "$", as: RevocationScope.self)
        if revokes != nil, let role, role != .logout { report("$.revokes", "only a logout endpoint revokes tokens") }
        let acceptsTokensFrom = stringArray(root, "acceptsTokensFrom", at: "$") ?? []
        let clients = nonEmptyString(root, "clients", at: "$")
        let rateLimits = rateLimits(root, at: "$")
        if let role, role != .endSession, (role == .authorize) != (clients != nil) {
            report(
                "$.clients",
                role == .authorize
                    ? "an authorize endpoint names its clients' account list, e.g. \"clients\"" : "only an authorize endpoint names a clients list"
            )
        }
        for (index, response) in responses.enumerated() where response.redirectError != nil && (role != .authorize || response.condition == .success)
        {
            report(Self.path(Self.path("$.responses", index), "redirectError"), "only an authorize endpoint's refusals redirect with an error")
        }
        if !acceptsTokensFrom.isEmpty, let role,
            role == .login || role == .public || role == .refresh || role == .authorize || role == .redeemCode
                || role == .endSession
        {
            report("$.acceptsTokensFrom", "a \(role.rawValue) endpoint takes no access token")
        }
        guard let name, let method, let path, let role, problems.isEmpty else { return nil }
        return EndpointFixture(
            name: name,
            summary: root["summary"]?.stringValue,
            source: source,
            method: HTTPMethod(method),
            path: path,
            role: role,
            requiredHeaders: requiredHeaders,
            credentials: credentials,
            issuesCsrf: issuesCsrf,
            deprecation: deprecation,
            accepts: accepts,
            match: match,
            request: request,
            responses: responses,
            file: file,
            refreshToken: refreshToken,
            subjectToken: subjectToken,
            requiredScope: requiredScope,
            revokes: revokes ?? .token,
            acceptsTokensFrom: acceptsTokensFrom,
            clients: clients,
            rateLimits: rateLimits
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
            let match = requestMatch(object, at: path)
            let check = nonEmptyString(object, "check", at: path)
            if check != nil, let condition, condition != .badCredentials, condition != .badRequest {
                report(Self.path(path, "check"), "only a \"badCredentials\" or \"badRequest\" response answers a credential check")
            }
            let source = source(object["source"], at: Self.path(path, "source"))
            let redirectError = nonEmptyString(object, "redirectError", at: path)
            if let redirectError, !redirectError.utf8.allSatisfy({ (0x20...0x7E).contains($0) && $0 != 0x22 && $0 != 0x5C }) {
                report(Self.path(path, "redirectError"), "an error code is printable ASCII without \" and \\ (RFC 6749 §4.1.2.1)")
            }
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
                    reasons: reasons,
                    check: check,
                    match: match,
                    redirectError: redirectError
                )
            )
        }
        reportUnreachable(responses)
        if !elements.isEmpty, !responses.contains(where: { $0.condition == .success }), problems.isEmpty {
            report("$.responses", "no response has \"when\": \"success\"")
        }
        if role != .introspect {
            for (index, response) in responses.enumerated() where response.condition == .inactive {
                report(Self.path(Self.path("$.responses", index), "when"), "only an introspect endpoint answers \"inactive\"")
            }
        }
        if let role, role == .public || role == .login || role == .authorize {
            for (index, response) in responses.enumerated() where response.condition == .badToken {
                report(
                    Self.path(Self.path("$.responses", index), "when"),
                    "a \(role.rawValue) endpoint takes no token, so it has no \"badToken\" response"
                )
            }
        }
        return responses
    }

    /// Reports each response an earlier one always takes the place of: one for the same outcome
    /// (and, for a success, the same media type) with no conditions at all, or with the same
    /// `reason`, `check`, `match` and `requestBodyHasAny`.
    private mutating func reportUnreachable(_ responses: [ResponseExample]) {
        for (index, response) in responses.enumerated() {
            let earlier = responses[..<index].first { other in
                guard other.condition == response.condition, other.condition != .success || other.mediaType == response.mediaType else {
                    return false
                }
                let unconditional = other.reasons.isEmpty && other.check == nil && other.match == nil && other.requestBodyHasAny.isEmpty
                let same =
                    Set(other.reasons) == Set(response.reasons) && other.check == response.check && other.match == response.match
                    && Set(other.requestBodyHasAny) == Set(response.requestBodyHasAny)
                return unconditional || same
            }
            guard let earlier else { continue }
            report(
                Self.path(Self.path("$.responses", index), "name"),
                "\"\(response.name)\" is never chosen: \"\(earlier.name)\" before it answers the same requests (give it a reason, match or requestBodyHasAny, or remove it)"
            )
        }
    }

    /// `"accepts": ["json", "form"]`: known formats, at least one, none twice.
    private mutating func bodyTypes(_ root: JSONObject, at path: String) -> [RequestBodyType]? {
        guard let names = stringArray(root, "accepts", at: path) else { return nil }
        let acceptsPath = Self.path(path, "accepts")
        let known = RequestBodyType.known.map { "\"\($0)\"" }.joined(separator: ", ")
        if names.isEmpty { report(acceptsPath, "must list at least one of \(known)") }
        var types: [RequestBodyType] = []
        for (index, name) in names.enumerated() {
            let type = RequestBodyType(rawValue: name)
            guard RequestBodyType.known.contains(type) else {
                report(Self.path(acceptsPath, index), "\"\(name)\" is not one of \(known)")
                continue
            }
            guard !types.contains(type) else {
                report(Self.path(acceptsPath, index), "\"\(name)\" is listed twice")
                continue
            }
            types.append(type)
        }
        return types
    }

    /// `"refreshToken"`: where a `refresh` endpoint reads the refresh token (required there,
    /// nowhere else).
    private mutating func refreshTokenSelector(_ root: JSONObject, role: EndpointRole?) -> ValueSelector? {
        selector(
            root,
            "refreshToken",
            role: role,
            roles: [.refresh],
            needed: "a refresh endpoint needs \"refreshToken\": where the request carries it, e.g. \"body.refresh_token\"",
            misplaced: "only a refresh endpoint reads a refresh token"
        )
    }

    /// `"subjectToken"`: where an `introspect` or `revoke` endpoint reads the token it is about
    /// (required there, nowhere else).
    private mutating func subjectTokenSelector(_ root: JSONObject, role: EndpointRole?) -> ValueSelector? {
        selector(
            root,
            "subjectToken",
            role: role,
            roles: [.introspect, .revoke],
            needed: "an \(role?.rawValue ?? "") endpoint needs \"subjectToken\": where the request names the token, e.g. \"body.token\"",
            misplaced: "only an introspect or revoke endpoint reads a token to examine"
        )
    }

    /// A selector under `key`, required on endpoints of `roles` (`needed` otherwise) and refused
    /// on others (`misplaced`).
    private mutating func selector(
        _ root: JSONObject,
        _ key: String,
        role: EndpointRole?,
        roles: [EndpointRole],
        needed: String,
        misplaced: String
    ) -> ValueSelector? {
        let path = Self.path("$", key)
        guard let text = string(root, key, at: "$") else {
            if let role, roles.contains(role), root[key] == nil { report(path, needed) }
            return nil
        }
        guard let role, roles.contains(role) else {
            report(path, misplaced)
            return nil
        }
        guard let selector = ValueSelector(text) else {
            report(path, "\"\(text)\" is not a selector like \(ValueSelector.syntax)")
            return nil
        }
        return selector
    }

    /// `"requiredScope"`: a scope or a non-empty array of them, each one scope token (RFC 6749
    /// §3.3: no spaces), on an endpoint that requires a token; and each `insufficientScope`
    /// response on an endpoint that has one.
    private mutating func requiredScope(_ root: JSONObject, role: EndpointRole?, responses: [ResponseExample]) -> [String] {
        var scopes: [String] = []
        let path = "$.requiredScope"
        switch root["requiredScope"] {
        case .string(let scope)?: scopes = [scope]
        case .array(let elements)? where !elements.isEmpty: scopes = stringArray(root, "requiredScope", at: "$") ?? []
        case let other?: report(path, "expected a scope or a non-empty array of scopes, found \(describe(other))")
        case nil: break
        }
        for scope in scopes where scope.isEmpty || scope.utf8.contains(where: { $0 <= 0x20 || $0 == 0x22 || $0 == 0x5C || $0 >= 0x7F }) {
            report(
                path,
                "\(JSONValue.string(scope).serialized()) is not a scope token (RFC 6749 §3.3: printable ASCII without spaces, quotes or backslashes)"
            )
        }
        if !scopes.isEmpty, let role, ![EndpointRole.requiresToken, .touch, .logout].contains(role) {
            report(path, "only an endpoint that requires a token checks its scope")
        }
        if scopes.isEmpty {
            for (index, response) in responses.enumerated() where response.condition == .insufficientScope {
                report(Self.path(Self.path("$.responses", index), "when"), "\"insufficientScope\" answers only on an endpoint with \"requiredScope\"")
            }
        }
        return scopes
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

    /// Reports a documented request the route would refuse with 415: its `Content-Type` is a
    /// body format the route does not take (a form where it takes only JSON, or the reverse).
    private mutating func checkRequestFormat(_ request: RequestExample, accepts: [RequestBodyType]) {
        guard let header = request.headers.first(where: { $0.name.lowercased() == "content-type" }),
            let format = RequestBodyType.known.first(where: { $0.matches(contentType: header.value) }), !accepts.contains(format)
        else { return }
        report(
            Self.path("$.request.headers", header.name),
            "the route takes \(accepts.map(\.mediaType).joined(separator: " or ")) (\"accepts\"), so it would refuse this \(header.value) request with 415"
        )
    }

    private mutating func requestExample(_ value: JSONValue?, at path: String) -> RequestExample? {
        guard let object = object(value, at: path, allowed: ["headers", "body"]) else { return nil }
        if let body = object["body"] { checkTemplates(in: body, at: Self.path(path, "body")) }
        return RequestExample(headers: headers(object, "headers", at: path), body: object["body"])
    }
}
