import StubHTTP

extension OpenAPIDocument {
    /// A response header an answer sends, with a sample value.
    struct SentHeader {
        let name: String
        let sample: String
        /// Sent on every such answer (not only when a setting or the control API says so).
        let always: Bool
    }

    /// The `headers` of one status's response: every header one of `group` sends, each with a
    /// schema, a description and a sample, required when every answer of the group always
    /// sends it.
    static func responseHeaders(_ group: [Answer], of service: ServiceFixture, basePath: String) -> JSONObject {
        var names: [String] = []
        var samples: [String: SentHeader] = [:]
        var alwaysCount: [String: Int] = [:]
        for answer in group {
            for header in sentHeaders(answer, of: service, basePath: basePath) {
                let key = header.name.lowercased()
                if samples[key] == nil {
                    names.append(key)
                    samples[key] = header
                }
                if header.always { alwaysCount[key, default: 0] += 1 }
            }
        }
        var headers = JSONObject()
        for key in names {
            guard let header = samples[key] else { continue }
            headers[header.name] = .object([
                "description": .string(headerDescription(header.name)),
                "required": .bool(alwaysCount[key] == group.count),
                "schema": JSONSchemaInference.type("string"),
                "example": .string(header.sample),
            ])
        }
        return headers
    }

    /// The headers `answer` sends beside `Content-Type` and those every answer has (`Date`,
    /// `Server`, `Content-Length`): its own, then those the engine adds to documented answers
    /// (`Engine.documentedHeaders`: the challenge on a 401, `Vary`, a deprecated route's
    /// `Deprecation`, `Sunset` and `Link`; a rate limit's `Retry-After`), then
    /// `X-AuthStub-Example` on an example.
    static func sentHeaders(_ answer: Answer, of service: ServiceFixture, basePath: String) -> [SentHeader] {
        let values = sampleValues(for: answer, of: service)
        var response = HTTPResponse(status: answer.status)
        for header in answer.headers {
            response.headers.add(name: header.name, value: TemplateRenderer.render(header.value, with: values))
        }
        let deprecation = answer.endpoint.deprecation
        let route = MatchedRoute(
            fixture: RoutedEndpoint(service: service, endpoint: answer.endpoint),
            basePath: basePath,
            phase: deprecation == nil ? nil : (answer.condition == .gone ? .removed : .deprecated),
            // A sunset date the control API may set later is declared too (not required).
            sunsetAt: deprecation?.sunsetAtMilliseconds ?? OpenAPISample.now,
            negotiates: Engine.offeredMediaTypes(answer.endpoint).count > 1
        )
        Engine.documentedHeaders(condition: answer.condition, route: route, to: &response)
        if answer.condition == .rateLimited, let wait = OpenAPISample.retryAfter(service: service, endpoint: answer.endpoint) {
            // The engine sends the limit's own wait, in place of any the example states.
            response.headers.set(name: "Retry-After", value: String(wait))
        }
        var sent = response.headers.map { field in
            SentHeader(
                name: field.name,
                sample: field.value,
                always: field.name.lowercased() != "sunset" || deprecation?.sunsetAtMilliseconds != nil
            )
        }
        if let example = answer.example {
            // Sent unless `authstub serve --no-example-header` (or the Swift option) turns it off.
            sent.append(SentHeader(name: "X-AuthStub-Example", sample: EndpointID(service, answer.endpoint).example(example), always: false))
        }
        return sent
    }

    /// What a response header is, for its description.
    private static func headerDescription(_ name: String) -> String {
        switch name.lowercased() {
        case "www-authenticate": "The challenge of a refusal (RFC 9110 §11.6.1)."
        case "deprecation": "When the route was deprecated, as @<Unix seconds> (RFC 9745)."
        case "sunset": "When the deprecated route is removed (RFC 8594); sent once a sunset date is set."
        case "link": "The route that replaces this deprecated one, rel=\"successor-version\" (RFC 8288)."
        case "vary": "The request headers the answer depends on (RFC 9110 §12.5.5)."
        case "location": "Where the redirect goes (RFC 9110 §10.2.2)."
        case "set-cookie": "A cookie the answer sets (RFC 6265)."
        case "retry-after": "How long to wait before trying again (RFC 9110 §10.2.3)."
        case "x-authstub-example": "The documented example that answered, <service>/<endpoint>#<example> (AuthStub)."
        default: "As the fixture documents it."
        }
    }
}
