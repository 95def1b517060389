import StubHTTP

extension Engine {
    /// The journal's record of one answered request, its secrets hidden by `redaction` (unless
    /// the server keeps them) before it is kept anywhere.
    func journalEntry(
        for request: HTTPRequest,
        decision: Decision,
        redaction: Redaction,
        status: HTTPStatus?,
        elapsed: Duration
    ) -> JournalEntry {
        var service: String?
        var fixture: String?
        if let route = decision.route {
            service = route.service.name
            let id = EndpointID(route.service, route.endpoint)
            fixture = if case .example(let chosen) = decision.outcome { id.example(chosen.name) } else { id.description }
        }
        var entry = JournalEntry(
            id: decision.journalID,
            time: ServerTime.date(decision.now - decision.now % 1000),  // to the second, as the response's timestamps
            method: request.method,
            path: request.path,
            query: request.query,
            headers: request.headers.map { HTTPHeaderField($0.name, $0.value) },
            body: String(decoding: request.body, as: UTF8.self),
            status: status,
            service: service,
            fixture: fixture,
            fault: decision.faultIDs.isEmpty ? nil : decision.faultIDs.joined(separator: ", "),
            deprecated: decision.route?.phase != nil,
            duration: elapsed,
            reason: decision.reason,
            user: decision.user,
            token: decision.token
        )
        if !settings.keepSecrets { redaction.redact(&entry, key: fingerprintKey) }
        return entry
    }
}
