import StubHTTP

extension Engine {
    /// Builds the response a decision calls for. Runs outside the lock. `timestamp` is the
    /// decision's time in RFC 3339, formatted once for the response and the journal.
    func render(_ decision: Decision, for request: HTTPRequest, fixtures: FixtureSet, timestamp: String) -> HTTPResponse {
        var response: HTTPResponse
        switch decision.kind {
        case .notFound:
            response = NearMiss.response(method: request.method, path: request.path, fixtures: fixtures)
        case .wrongMethod(let allowed):
            response = HTTPResponse(status: 405, headers: ["Content-Type": "application/json", "Allow": allowed.joined(separator: ", ")],
                                    text: "{\"error\":\(JSONText.quoted(decision.reason ?? "method not allowed"))}")
        case .answered(let service, let endpoint, let route, let condition):
            response = answer(decision, service: service, endpoint: endpoint, route: route, condition: condition, timestamp: timestamp)
        }
        response.headers.set(name: "Date", value: HTTPDate.string(epochSeconds: Int(decision.now / 1000)))
        return response
    }

    private func answer(_ decision: Decision, service: ServiceFixture, endpoint: EndpointFixture, route: Route,
                        condition: ResponseCondition, timestamp: String) -> HTTPResponse {
        var values = TemplateValues(token: decision.token, now: timestamp,
                                    user: decision.user, requestBody: decision.requestBody)
        var response: HTTPResponse
        if let example = decision.example {
            response = HTTPResponse(status: example.status)
            for header in example.headers {
                response.headers.add(name: header.name, value: TemplateRenderer.render(header.value, with: values))
            }
            if let body = example.body {
                response.body = TemplateRenderer.render(body, with: values).serializedBytes()
            }
            if settings.exampleHeader {
                response.headers.add(name: "X-AuthStub-Example", value: "\(service.name)/\(endpoint.name)#\(example.name)")
            }
        } else {
            let status = Self.status(of: condition)
            values.status = status
            values.message = decision.message
            response = HTTPResponse(status: status, headers: ["Content-Type": service.errors.mediaType])
            for header in service.errors.headers {
                response.headers.add(name: header.name, value: TemplateRenderer.render(header.value, with: values))
            }
            response.body = TemplateRenderer.render(service.errors.body, with: values).serializedBytes()
        }

        if response.status == 401, !response.headers.contains("WWW-Authenticate"), let challenge = challenge(for: condition, service: service) {
            response.headers.add(name: "WWW-Authenticate", value: challenge)
        }
        if decision.negotiates, !response.headers.values(for: "Vary").contains(where: { $0.lowercased().contains("accept") }) {
            response.headers.add(name: "Vary", value: "Accept")
        }
        if let deprecation = endpoint.deprecation {
            addDeprecationHeaders(deprecation, decision: decision, basePath: route.basePath, to: &response)
        }
        return response
    }

    /// The status an undocumented refusal gets.
    static func status(of condition: ResponseCondition) -> Int {
        switch condition {
        case .success: 200
        case .badCredentials, .badToken: 401
        case .badRequest: 400
        case .unsupportedMediaType: 415
        case .notAcceptable: 406
        case .gone: 410
        }
    }

    private func challenge(for condition: ResponseCondition, service: ServiceFixture) -> String? {
        if condition == .badCredentials, case .basic(let challenge?) = service.credentials { return challenge }
        return service.token.challenge
    }

    /// `Deprecation: @<epoch>` (RFC 9745), `Sunset` (RFC 8594) and the successor `Link`.
    private func addDeprecationHeaders(_ deprecation: DeprecationFixture, decision: Decision, basePath: String, to response: inout HTTPResponse) {
        if decision.phase != .removed, let since = deprecation.deprecatedAt {
            response.headers.add(name: "Deprecation", value: "@\(since / 1000)")
        }
        if let sunset = decision.sunsetAt {
            response.headers.add(name: "Sunset", value: HTTPDate.string(epochSeconds: Int(sunset / 1000)))
        }
        if let successor = deprecation.successorPath {
            response.headers.add(name: "Link", value: "<\(basePath)\(successor)>; rel=\"successor-version\"")
        }
    }
}
