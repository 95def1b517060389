import StubHTTP

extension Engine {
    /// Of the routes that fit a request's method and path, the one whose endpoint's `match`
    /// holds, tried in order (those with a `match` by file name, then the one without). When
    /// none holds, the request is refused with a 400, reason `unmatched`, by the first endpoint
    /// documenting a `badRequest` response for that reason (else the first endpoint): its first
    /// `badRequest` response whose rules hold, else the service's error shape. Runs outside the
    /// lock.
    ///
    /// nil only for no candidates. The values are read leniently for this (a body in any format one of the endpoints takes,
    /// ignored when it does not parse); the chosen endpoint then reads the body by its own rules.
    func chooseEndpoint(
        _ candidates: [RouteTable.Candidate],
        for request: HTTPRequest,
        fixtures: FixtureSet
    ) -> (RouteTable.Candidate, unmatched: Refusal?)? {
        guard let first = candidates.first else { return nil }
        // Without matches, a route has exactly one endpoint (the loader checks); the list of
        // endpoints is made only when some have one.
        guard candidates.contains(where: { fixtures.routed($0.route).endpoint.match != nil }) else { return (first, nil) }
        let endpoints = candidates.map { fixtures.routed($0.route).endpoint }
        var formats: [RequestBodyType] = []
        for format in endpoints.flatMap({ $0.accepts ?? [.json] }) where !formats.contains(format) { formats.append(format) }
        let body = (try? RequestBody.read(request, accepts: formats, required: false).get())?.object
        var values = RequestValues(request, body: body)
        for (candidate, endpoint) in zip(candidates, endpoints) {
            values.pathParameters = candidate.parameters
            if endpoint.match?.holds(for: values) ?? true { return (candidate, nil) }
        }
        let tried = zip(candidates, endpoints).map { candidate, endpoint in
            let service = fixtures.services[candidate.route.serviceIndex]
            return "\(EndpointID(service, endpoint)) (\(endpoint.match?.selectors.joined(separator: ", ") ?? "no match"))"
        }
        let refusal = Refusal(
            .badRequest,
            "unsupported value",
            reason: "no endpoint for \(request.method) \(request.path) matches the request; tried \(tried.joined(separator: ", "))",
            cause: .unmatched
        )
        let documenting = zip(candidates, endpoints).first { _, endpoint in
            endpoint.responses.contains { $0.condition == .badRequest && $0.reasons.contains(.unmatched) && ($0.match?.holds(for: values) ?? true) }
        }
        return (documenting?.0 ?? first, refusal)
    }
}
