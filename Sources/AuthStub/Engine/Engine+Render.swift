import StubHTTP

extension Engine {
    /// The answer a decision calls for, as the HTTP layer carries it out. Runs outside the lock.
    func render(_ decision: Decision, for request: HTTPRequest, fixtures: FixtureSet) -> HTTPAction {
        let timestamp = decision.timestamp
        // A HEAD gets the head its GET would get (RFC 9110 §9.3.2), so these bodies, whose
        // length the HEAD's Content-Length gives, name GET; the journal keeps the real method.
        let method: HTTPMethod = request.method == .head ? .get : request.method
        var response: HTTPResponse
        switch (decision.outcome, decision.route) {
        case (.connectionFault(.drop), _):
            return Self.held(.drop, by: decision.delay)
        case (.connectionFault(.reset), _):
            return Self.held(.reset, by: decision.delay)
        case (.notFound, _), (.example, nil), (.template, nil):  // documented answers come only from a matched route
            if let owner = fixtures.unknownRouteOwner(of: request.path) {
                response = errorTemplateResponse(
                    service: owner,
                    status: .notFound,
                    message: "no fixture matches \(method) \(request.path)",
                    values: TemplateValues(token: nil, now: timestamp, user: nil, request: nil)
                )
            } else {
                response = NearMiss.response(method: method, path: request.path, fixtures: fixtures)
            }
        case (.wrongMethod(let allowed), _):
            let reason = Decision.wrongMethodReason(path: request.path, method: method, allowed: allowed)
            if let owner = fixtures.unknownRouteOwner(of: request.path) {
                response = errorTemplateResponse(
                    service: owner,
                    status: .methodNotAllowed,
                    message: reason,
                    values: TemplateValues(token: nil, now: timestamp, user: nil, request: nil)
                )
                response.headers.set(name: "Allow", value: allowed.joined(separator: ", "))
                break
            }
            response = HTTPResponse(
                status: 405,
                headers: ["Content-Type": "application/json", "Allow": allowed.joined(separator: ", ")],
                text: "{\"error\":\(JSONText.quoted(reason))}"
            )
        case (.ownRefusal(let status, let message), _):
            response = HTTPResponse.error(status: status, message: message)
        case (.forward(let upstream), _):
            response = forwardedResponse(decision, upstream: upstream, host: request.headers["Host"])
        case (.injected(let status, let headers, let body), let route):
            response = injectedResponse(
                status: status,
                headers: headers,
                body: body,
                service: route?.service,
                message: decision.reason ?? "injected fault",
                timestamp: timestamp
            )
        case (.example(let chosen), let route?):
            response = exampleResponse(chosen, values: templateValues(decision, timestamp: timestamp))
            Self.documentedHeaders(condition: chosen.example.condition, route: route, to: &response)
        case (.template(let condition, let status, let message), let route?):
            response = errorTemplateResponse(
                service: route.service,
                status: status,
                message: message,
                values: templateValues(decision, timestamp: timestamp)
            )
            Self.documentedHeaders(condition: condition, route: route, to: &response)
        }
        if let seconds = decision.retryAfter {
            // The limit's own wait, in place of any the example states.
            response.headers.set(name: "Retry-After", value: String(seconds))
        }
        if settings.exampleHeader, !decision.faultIDs.isEmpty {
            response.headers.add(name: "X-AuthStub-Fault", value: decision.faultIDs.joined(separator: ", "))
        }
        if case .forward = decision.outcome, response.headers.contains("Date") {
            // The upstream's own Date stays, as every other field it sent.
        } else {
            response.headers.set(name: "Date", value: decision.dateText)
        }
        guard decision.breaksOff else { return Self.held(.respond(response), by: decision.delay) }
        let broken = breakable(response, faultID: decision.faultIDs.last ?? "?")
        return Self.held(.truncated(broken, bodyBytes: broken.body.count / 2), by: decision.delay)
    }

    /// `action`, after a `delay` fault's wait when one applied.
    private static func held(_ action: HTTPAction, by delay: Duration?) -> HTTPAction {
        guard let delay else { return action }
        return .delayed(delay, then: action)
    }

    /// An answer made ready to break off (`malformed`): one without a body (a 204) gets one to
    /// cut.
    private func breakable(_ response: HTTPResponse, faultID: String) -> HTTPResponse {
        guard response.body.count < 2 || response.status == 204 || response.status == 304 else { return response }
        var replacement = response
        if response.status == 204 || response.status == 304 { replacement.status = 200 }
        replacement.headers.set(name: "Content-Type", value: "application/json")
        replacement.body = Array("{\"error\":\"AuthStub fault \(faultID) cut this body short\"}".utf8)
        return replacement
    }

    /// The values a documented answer's placeholders are filled from.
    private func templateValues(_ decision: Decision, timestamp: String) -> TemplateValues {
        TemplateValues(
            token: decision.token,
            now: timestamp,
            user: decision.user,
            message: decision.message,
            request: decision.request,
            tokenTimes: decision.tokenTimes,
            userData: decision.userData,
            csrfToken: decision.csrfToken,
            refreshToken: decision.refreshToken?.token,
            refreshTimes: decision.refreshToken?.times,
            issuer: decision.issuer,
            jwks: decision.jwks,
            idToken: decision.idToken,
            grant: decision.grant,
            code: decision.code,
            redirect: redirectURL(decision),
            retryAfter: decision.retryAfter
        )
    }

    /// `{{redirect}}` (RFC 6749 §4.1.2, §4.1.2.1): the `authorize` answer's redirect URI with the
    /// code, or with the documented refusal's `redirectError` and the refusal's message as
    /// `error_description` (`"` and `\` turned to `'`, other bytes outside printable ASCII
    /// dropped, as §4.1.2.1 allows), and `state`.
    private func redirectURL(_ decision: Decision) -> String? {
        guard let redirect = decision.redirect else { return nil }
        if let code = decision.code { return redirect.url(adding: [("code", code)]) }
        guard case .example(let chosen) = decision.outcome, let error = chosen.example.redirectError else { return redirect.url(adding: []) }
        var parameters = [(name: "error", value: error)]
        if let message = decision.message {
            let printable = message.unicodeScalars.filter { (0x20...0x7E).contains($0.value) }.map { $0 == "\"" || $0 == "\\" ? "'" : Character($0) }
            parameters.append(("error_description", String(printable)))
        }
        return redirect.url(adding: parameters)
    }

    /// A `status` fault's answer. Without a body, a status of 400 or more gets the matched
    /// service's error shape (or AuthStub's own `{"error": …}` when no route matched).
    private func injectedResponse(
        status: HTTPStatus,
        headers: [HTTPHeaderField],
        body: FaultBody?,
        service: ServiceFixture?,
        message: String,
        timestamp: String
    ) -> HTTPResponse {
        var response: HTTPResponse
        switch body {
        case .text(let text)?:
            response = HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], text: text)
        case .json(let value)?:
            response = HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: value.serializedBytes())
        case nil where status >= 400:
            if let service {
                response = errorTemplateResponse(
                    service: service,
                    status: status,
                    message: message,
                    values: TemplateValues(token: nil, now: timestamp, user: nil, request: nil)
                )
            } else {
                response = HTTPResponse.error(status: status, message: message)
            }
        case nil:
            response = HTTPResponse(status: status)
        }
        if headers.contains(where: { $0.name.lowercased() == "content-type" }) { response.headers.remove(name: "Content-Type") }
        for header in headers { response.headers.add(name: header.name, value: header.value) }
        return response
    }

    /// The service's own error shape with `status` and `message`.
    private func errorTemplateResponse(service: ServiceFixture, status: HTTPStatus, message: String?, values: TemplateValues) -> HTTPResponse {
        var values = values
        values.status = status
        values.message = message
        return service.errors.prepared.render(status: status, with: values)
    }

    /// A documented example with its placeholders filled in.
    private func exampleResponse(_ chosen: RoutedExample, values: TemplateValues) -> HTTPResponse {
        var response = chosen.example.prepared.render(with: values)
        if settings.exampleHeader {
            response.headers.add(name: "X-AuthStub-Example", value: chosen.id)
        }
        return response
    }

    /// What every documented answer adds: the challenge on a 401, `Vary: Accept` when the
    /// route negotiates, and a deprecated route's headers (the OpenAPI export declares them
    /// from here too).
    static func documentedHeaders(condition: ResponseCondition, route: MatchedRoute, to response: inout HTTPResponse) {
        if response.status == 401, !response.headers.contains("WWW-Authenticate"),
            let challenge = challenge(for: condition, route: route)
        {
            response.headers.add(name: "WWW-Authenticate", value: challenge)
        }
        if route.negotiates, !response.headers.values(for: "Vary").contains(where: { $0.lowercased().contains("accept") }) {
            response.headers.add(name: "Vary", value: "Accept")
        }
        if let deprecation = route.endpoint.deprecation {
            addDeprecationHeaders(deprecation, route: route, to: &response)
        }
    }

    /// A 401's `WWW-Authenticate`: for bad credentials, the first of the login's checks that
    /// states one; else the token's.
    private static func challenge(for condition: ResponseCondition, route: MatchedRoute) -> String? {
        if condition == .badCredentials, let challenge = route.fixture.credentialChecks.lazy.compactMap(\.challenge).first {
            return challenge
        }
        return route.service.token.challenge
    }

    /// `Deprecation: @<epoch>` (RFC 9745), `Sunset` (RFC 8594) and the successor `Link`.
    private static func addDeprecationHeaders(_ deprecation: DeprecationFixture, route: MatchedRoute, to response: inout HTTPResponse) {
        if route.phase != .removed, let since = deprecation.deprecatedAtMilliseconds {
            response.headers.add(name: "Deprecation", value: "@\(since / 1000)")
        }
        if let sunset = route.sunsetAt {
            response.headers.add(name: "Sunset", value: HTTPDate.string(epochSeconds: Int(sunset / 1000)))
        }
        if let successor = deprecation.successorPath {
            response.headers.add(name: "Link", value: "<\(route.basePath)\(successor)>; rel=\"successor-version\"")
        }
    }
}
