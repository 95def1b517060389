import StubHTTP

extension OpenAPIDocument {
    /// One way an endpoint answers: a documented example, or the service's error shape for a
    /// condition no example answers.
    struct Answer {
        let endpoint: EndpointFixture
        let condition: ResponseCondition
        let status: HTTPStatus
        /// The example's name, or the refusal and its cause.
        let name: String
        /// Its `Content-Type`; nil: none stated (JSON is assumed for a body).
        let mediaType: String?
        /// The body template; nil: no body.
        let body: JSONValue?
        /// The headers it states beside `Content-Type`.
        let headers: [HeaderTemplate]
        /// The documented example's own name; nil for the service's error shape.
        let example: String?

        /// An undocumented refusal in the service's error shape (`{{status}}` and `{{message}}`
        /// are filled).
        var isErrorShape: Bool { example == nil }
    }

    /// Every answer of the route's endpoints: each documented example, then the service's
    /// error shape for each condition the engine meets that the endpoint's examples do not
    /// fully answer. An example is named `<endpoint>#<example>` when several endpoints share
    /// the route.
    static func answers(_ route: [EndpointFixture], of service: ServiceFixture) -> [Answer] {
        var answers: [Answer] = []
        for endpoint in route {
            for example in endpoint.responses {
                answers.append(
                    Answer(
                        endpoint: endpoint,
                        condition: example.condition,
                        status: example.status,
                        name: route.count > 1 ? "\(endpoint.name)#\(example.name)" : example.name,
                        mediaType: example.mediaType,
                        body: example.status == 204 || example.status == 304 ? nil : example.body,
                        headers: example.headers.filter { $0.name.lowercased() != "content-type" },
                        example: example.name
                    )
                )
            }
            let success = EngineRefusal(condition: .success, cause: "no success example fits the request")
            for refusal in [success] + engineRefusals(of: endpoint, on: route, service: service)
            where !documents(refusal.condition, in: endpoint, of: service) {
                answers.append(
                    Answer(
                        endpoint: endpoint,
                        condition: refusal.condition,
                        status: Engine.status(of: refusal.condition),
                        name: "\(refusal.condition.rawValue): \(refusal.cause) (the service's error shape)",
                        mediaType: service.errors.mediaType,
                        body: service.errors.body,
                        headers: service.errors.headers,
                        example: nil
                    )
                )
            }
        }
        return answers
    }

    /// The `responses` of an operation: one per status its answers have, described by their
    /// names, with every header they send (required when all of them send it) and, per media
    /// type, one schema for all their bodies and each as a sample-valued example.
    static func responses(_ answers: [Answer], of service: ServiceFixture, basePath: String) -> JSONObject {
        var statuses: [HTTPStatus] = []
        for answer in answers where !statuses.contains(answer.status) { statuses.append(answer.status) }
        var responses = JSONObject()
        for status in statuses {
            let group = answers.filter { $0.status == status }
            var names: [String] = []
            for answer in group where !names.contains(answer.name) { names.append(answer.name) }
            var response: JSONObject = ["description": .string(names.joined(separator: "; "))]
            let headers = responseHeaders(group, of: service, basePath: basePath)
            if !headers.isEmpty { response["headers"] = .object(headers) }
            let content = responseContent(group, of: service)
            if !content.isEmpty { response["content"] = .object(content) }
            responses[status.description] = .object(response)
        }
        return responses
    }

    /// Per media type, one schema for the bodies of `group` and each body as an example.
    private static func responseContent(_ group: [Answer], of service: ServiceFixture) -> JSONObject {
        var content = JSONObject()
        var mediaTypes: [String] = []
        for answer in group where answer.body != nil {
            let type = answer.mediaType ?? "application/json"
            if !mediaTypes.contains(type) { mediaTypes.append(type) }
        }
        for type in mediaTypes {
            var schemas: [JSONValue] = []
            var examples = JSONObject()
            for answer in group where (answer.mediaType ?? "application/json") == type {
                guard let body = answer.body else { continue }
                let values = sampleValues(for: answer, of: service)
                let sample = TemplateRenderer.render(body, with: values)
                schemas.append(
                    JSONSchemaInference.schema(ofTemplate: body, sample: sample) { isAlwaysSent($0, in: answer, of: service) }
                )
                let key = answer.example == nil ? answer.condition.rawValue : answer.name
                if examples[key] == nil { examples[key] = .object(["value": sample]) }
            }
            content[type] = .object(["schema": JSONSchemaInference.merged(schemas), "examples": .object(examples)])
        }
        return content
    }

    /// The values `answer`'s placeholders get in the document.
    static func sampleValues(for answer: Answer, of service: ServiceFixture) -> TemplateValues {
        OpenAPISample.values(
            service: service,
            endpoint: answer.endpoint,
            request: requestSample(answer.endpoint, of: service),
            status: answer.isErrorShape ? answer.status : nil,
            message: answer.condition == .success ? nil : "the request was refused"
        )
    }

    /// Whether `placeholder` has a value in every `answer` the engine renders (else an object
    /// member holding only it is left out): the time and issuer always; the status in the
    /// error shape; the message in refusals; the token and its user when a token route
    /// succeeds; the signing keys when the service has some.
    static func isAlwaysSent(_ placeholder: Placeholder, in answer: Answer, of service: ServiceFixture) -> Bool {
        let succeedsWithToken =
            answer.condition == .success
            && [EndpointRole.login, .logout, .touch, .requiresToken, .refresh, .redeemCode].contains(answer.endpoint.role)
        switch placeholder {
        case .now, .issuer: return true
        case .status: return answer.isErrorShape
        case .message: return answer.condition != .success
        case .token, .user, .tokenTime(.issuedAt), .tokenTime(.issuedAtUnix): return succeedsWithToken
        case .tokenTime: return succeedsWithToken && (service.token.lifetime != nil || service.token.idleTimeout != nil)
        case .jwks: return !service.signingKeys.isEmpty
        default: return false
        }
    }
}
