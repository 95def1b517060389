extension OpenAPIDocument {
    /// One member of a request body as the engine reads it: its schema, whether a request that
    /// can succeed must send it, and a sample value.
    struct RequestField {
        let name: String
        let schema: JSONValue
        let required: Bool
        let sample: JSONValue
    }

    /// The `requestBody` of a route: per media type the body formats its endpoints take, a
    /// schema of the members they read (merged over the endpoints: a member only some of them
    /// need is optional, `match` values join into an `enum`) and a sample body; nil when no
    /// endpoint reads a body (a Basic login without note fields, a token route).
    static func requestBody(_ route: [EndpointFixture], of service: ServiceFixture) -> JSONValue? {
        var schemas: [String: [JSONValue]] = [:]
        var mediaTypes: [String] = []
        var examples: [String: JSONObject] = [:]
        var required = true
        for endpoint in route {
            let fields = requestFields(endpoint, of: service)
            guard !fields.isEmpty else {
                required = false
                continue
            }
            required = required && fields.contains(where: \.required)
            let schema: JSONValue = .object([
                "type": .string("object"),
                "properties": .object(JSONObject(fields.map { JSONObject.Member(key: $0.name, value: $0.schema) })),
                "required": .array(fields.filter(\.required).map { .string($0.name) }),
            ])
            let example: JSONValue = .object(["value": .object(JSONObject(fields.map { JSONObject.Member(key: $0.name, value: $0.sample) }))])
            for type in bodyTypes(endpoint) {
                if !mediaTypes.contains(type) { mediaTypes.append(type) }
                schemas[type, default: []].append(schema)
                examples[type, default: [:]][endpoint.name] = example
            }
        }
        guard !mediaTypes.isEmpty else { return nil }
        var content = JSONObject()
        for type in mediaTypes {
            content[type] = .object(["schema": JSONSchemaInference.merged(schemas[type] ?? []), "examples": .object(examples[type] ?? [:])])
        }
        return .object(["required": .bool(required), "content": .object(content)])
    }

    /// The sample body of `endpoint`'s request (its members' samples), for the placeholders its
    /// answers echo (`{{request.body.note}}`); nil when it reads none.
    static func requestSample(_ endpoint: EndpointFixture, of service: ServiceFixture) -> JSONObject? {
        let fields = requestFields(endpoint, of: service)
        return fields.isEmpty ? nil : JSONObject(fields.map { JSONObject.Member(key: $0.name, value: $0.sample) })
    }

    /// The media types of the body formats `endpoint` takes: its `accepts`, else what the
    /// engine reads by its role (JSON, and form too where a token travels in the body), with
    /// the documented request's `Content-Type` first.
    private static func bodyTypes(_ endpoint: EndpointFixture) -> [String] {
        let formats = Engine.bodyFormats(endpoint)
        var types = formats.map(\.mediaType)
        if let documented = endpoint.request?.headers.first(where: { $0.name.lowercased() == "content-type" })?.value,
            formats.contains(where: { $0.matches(contentType: documented) }), !types.contains(documented)
        {
            types.insert(documented, at: 0)
        }
        return types
    }

    /// The members `endpoint` reads from a request body, in the order a person would write
    /// them: `match`ed values, credentials, the token it is about, optional extras, then any
    /// other member of the documented request.
    static func requestFields(_ endpoint: EndpointFixture, of service: ServiceFixture) -> [RequestField] {
        let documented = documentedRequest(endpoint, of: service)
        var fields: [RequestField] = []
        func add(_ name: String, _ schema: JSONValue, required: Bool, sample: JSONValue) {
            guard !fields.contains(where: { $0.name == name }) else { return }
            fields.append(RequestField(name: name, schema: schema, required: required, sample: documented?[name] ?? sample))
        }
        let text = JSONSchemaInference.type("string")
        for condition in endpoint.match?.conditions.sorted(by: { $0.selector.name < $1.selector.name }) ?? []
        where condition.selector.source == .body {
            switch condition.expectation {
            case .oneOf(let values):
                let schema: JSONValue = .object(["type": .string("string"), "enum": .array(values.map(JSONValue.string))])
                add(condition.selector.name, schema, required: true, sample: .string(values.first ?? ""))
            case .present(true):
                add(condition.selector.name, text, required: true, sample: .string("value"))
            case .present:
                break
            }
        }
        let user = service.users.first?.username ?? "user"
        let checks = authenticatingChecks(endpoint, of: service)
        for check in checks {
            switch check.scheme {
            case .body:
                add(check.usernameField, text, required: true, sample: .string(user))
                add(check.passwordField, text, required: true, sample: .string("password"))
            case .client:
                // Or Authorization: Basic (client_secret_basic): neither is required in the body.
                let client = service.accounts[check.accounts]?.first?.username ?? "client"
                add(Engine.clientIDField, text, required: false, sample: .string(client))
                add(Engine.clientSecretField, text, required: false, sample: .string("password"))
            default:
                break
            }
        }
        let token = OpenAPISample.token(service.token.format, number: 1)
        switch endpoint.role {
        case .login:
            if let field = service.token.noteField { add(field, text, required: false, sample: .string("a note")) }
            if let field = service.token.expiresAtField {
                let schema: JSONValue = .object(["type": .string("string"), "format": .string("date-time")])
                add(field, schema, required: false, sample: .string(RFC3339.string(epochSeconds: Int(OpenAPISample.now / 1000) + 86_400)))
            }
            if let rule = service.oneTimeCode, rule.selector.source == .body {
                add(rule.selector.name, text, required: false, sample: .string("123456"))
            }
        case .refresh:
            if let selector = endpoint.refreshToken, selector.source == .body {
                let refresh = OpenAPISample.token(service.token.refresh?.format ?? .uuid, number: 2)
                add(selector.name, text, required: true, sample: .string(refresh))
            }
        case .redeemCode:
            add(Engine.codeField, text, required: true, sample: .string(OpenAPISample.code))
            add(Engine.redirectURIField, text, required: false, sample: .string("http://127.0.0.1/callback"))
            add(Engine.codeVerifierField, text, required: false, sample: .string("dBjftJeZ4CVP-mJ92K9qOuwY3VBmWFvU9CTRCLGmI7U"))
        case .introspect, .revoke:
            if let selector = endpoint.subjectToken, selector.source == .body { add(selector.name, text, required: true, sample: .string(token)) }
        default:
            break
        }
        if service.scopes != nil, [EndpointRole.login, .refresh].contains(endpoint.role) {
            add(ScopeRequest.parameter, text, required: false, sample: .string(service.scopes?.first ?? "openid"))
        }
        for member in documented ?? [:] {
            add(member.key, JSONSchemaInference.schema(of: member.value), required: false, sample: member.value)
        }
        return fields
    }

    /// The documented request body as members, its placeholders filled with sample values; a
    /// form body written as text (`a=1&b=2`) is read as its fields.
    private static func documentedRequest(_ endpoint: EndpointFixture, of service: ServiceFixture) -> JSONObject? {
        guard var body = endpoint.request?.body else { return nil }
        if let text = body.stringValue, case .success(let fields) = FormBody.parse(Array(text.utf8)) { body = .object(fields) }
        let values = OpenAPISample.values(service: service, endpoint: endpoint, request: nil)
        return TemplateRenderer.render(body, with: values).objectValue
    }
}
