import StubHTTP

extension Engine {
    /// The journal's record of one answered request, its secrets hidden by `redaction` (unless
    /// the server keeps them) before it is kept anywhere.
    func journalEntry(
        for request: HTTPRequest,
        decision: Decision,
        redaction: Redaction,
        timestamp: String,
        status: Int?,
        elapsed: Duration
    ) -> JournalEntry {
        var service: String?
        var fixture: String?
        if let route = decision.route {
            service = route.service.name
            let example = if case .example(let chosen) = decision.outcome { "#\(chosen.name)" } else { "" }
            fixture = "\(route.service.name)/\(route.endpoint.name)\(example)"
        }
        let (seconds, attoseconds) = elapsed.components
        var entry = JournalEntry(
            id: decision.journalID,
            time: timestamp,
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
            durationMs: Double(seconds) * 1000 + Double(attoseconds) / 1e15,
            reason: decision.reason,
            user: decision.user,
            token: decision.token
        )
        if !settings.keepSecrets { redaction.redact(&entry, key: fingerprintKey) }
        return entry
    }
}
