import StubHTTP

extension Engine {
    /// Builds the response a decision calls for. Runs outside the lock. `timestamp` is the
    /// decision's time in RFC 3339, formatted once for the response and the journal.
    func render(_ decision: Decision, for request: HTTPRequest, fixtures: FixtureSet, timestamp: String) -> HTTPResponse {
        var response: HTTPResponse
        if let refusal = decision.ownRefusal {
            response = HTTPResponse.error(status: refusal.status, message: refusal.message)
        } else if let injected = decision.injected {
            response = injectedResponse(injected, decision: decision, timestamp: timestamp)
        } else {
            response = documentedResponse(decision, for: request, fixtures: fixtures, timestamp: timestamp)
        }
        if settings.exampleHeader, !decision.faultIDs.isEmpty {
            response.headers.add(name: "X-AuthStub-Fault", value: decision.faultIDs.joined(separator: ", "))
        }
        response.headers.set(name: "Date", value: HTTPDate.string(epochSeconds: Int(decision.now / 1000)))
        return response
    }

    private func documentedResponse(_ decision: Decision, for request: HTTPRequest, fixtures: FixtureSet, timestamp: String) -> HTTPResponse {
        let response: HTTPResponse
        // A HEAD gets the head its GET would get (RFC 9110 §9.3.2), so these bodies, whose
        // length the HEAD's Content-Length gives, name GET; the journal keeps the real method.
        let method = request.method == "HEAD" ? "GET" : request.method
        switch decision.kind {
        case .notFound:
            response = NearMiss.response(method: method, path: request.path, fixtures: fixtures)
        case .wrongMethod(let allowed):
            let reason = Decision.wrongMethodReason(path: request.path, method: method, allowed: allowed)
            response = HTTPResponse(
                status: 405,
                headers: ["Content-Type": "application/json", "Allow": allowed.joined(separator: ", ")],
                text: "{\"error\":\(JSONText.quoted(reason))}"
            )
        case .answered(let service, let endpoint, let route, let condition):
            response = answer(decision, service: service, endpoint: endpoint, route: route, condition: condition, timestamp: timestamp)
        }
        return response
    }

    /// A `status` fault's answer. Without a body, a status of 400 or more gets the matched
    /// service's error shape (or AuthStub's own `{"error": …}` when no route matched).
    private func injectedResponse(_ injected: Decision.InjectedAnswer, decision: Decision, timestamp: String) -> HTTPResponse {
        let message = decision.reason ?? "injected fault"
        var response: HTTPResponse
        switch injected.body {
        case .text(let text)?:
            response = HTTPResponse(status: injected.status, headers: ["Content-Type": "text/plain; charset=utf-8"], text: text)
        case .json(let value)?:
            response = HTTPResponse(status: injected.status, headers: ["Content-Type": "application/json"], body: value.serializedBytes())
        case nil where injected.status >= 400:
            if case .answered(let service, _, _, _) = decision.kind {
                response = errorTemplateResponse(
                    service: service,
                    status: injected.status,
                    message: message,
                    values: TemplateValues(token: nil, now: timestamp, user: nil, requestBody: nil)
                )
            } else {
                response = HTTPResponse.error(status: injected.status, message: message)
            }
        case nil:
            response = HTTPResponse(status: injected.status)
        }
        if injected.headers.contains(where: { $0.name.lowercased() == "content-type" }) { response.headers.remove(name: "Content-Type") }
        for header in injected.headers { response.headers.add(name: header.name, value: header.value) }
        return response
    }

    /// The service's own error shape with `status` and `message`.
    private func errorTemplateResponse(service: ServiceFixture, status: Int, message: String?, values: TemplateValues) -> HTTPResponse {
        var values = values
        values.status = status
        values.message = message
        var response = HTTPResponse(status: status, headers: ["Content-Type": service.errors.mediaType])
        for header in service.errors.headers {
            response.headers.add(name: header.name, value: TemplateRenderer.render(header.value, with: values))
        }
        response.body = TemplateRenderer.render(service.errors.body, with: values).serializedBytes()
        return response
    }

    private func answer(
        _ decision: Decision,
        service: ServiceFixture,
        endpoint: EndpointFixture,
        route: Route,
        condition: ResponseCondition,
        timestamp: String
    ) -> HTTPResponse {
        let values = TemplateValues(
            token: decision.token,
            now: timestamp,
            user: decision.user,
            requestBody: decision.requestBody
        )
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
            response = errorTemplateResponse(
                service: service,
                status: decision.templateStatus ?? Self.status(of: condition),
                message: decision.message,
                values: values
            )
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
