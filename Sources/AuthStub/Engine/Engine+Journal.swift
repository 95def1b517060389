import StubHTTP

extension Engine {
    /// The journal's record of one answered request, its secrets hidden by `redaction` (unless
    /// the server keeps them) and its values cut to the journal's per-entry cap before it is
    /// kept anywhere. Its id is given when the journal keeps it. `started` is when the engine
    /// began the request; the answer is complete now.
    func journalEntry(
        for request: HTTPRequest,
        decision: Decision,
        redaction: Redaction,
        status: HTTPStatus?,
        sentHeaders: HTTPHeaders?,
        started: ContinuousClock.Instant
    ) -> JournalEntry {
        let answered = ContinuousClock.now
        var service: String?
        var fixture: String?
        if let route = decision.route {
            service = route.service.name
            fixture = if case .example(let chosen) = decision.outcome { chosen.id } else { route.fixture.id }
        }
        var entry = JournalEntry(
            id: 0,
            time: ServerTime.date(decision.now - decision.now % 1000),  // to the second, as the response's timestamps
            method: request.method,
            path: request.path,
            query: request.query,
            headers: request.headers.map { HTTPHeaderField($0.name, $0.value) },
            body: settings.journal.keptBody(request.body),
            status: status,
            service: service,
            fixture: fixture,
            fault: decision.faultIDs.isEmpty ? nil : decision.faultIDs.joined(separator: ", "),
            deprecated: decision.route?.phase != nil,
            duration: answered - started,
            reason: decision.reason,
            user: decision.user,
            token: decision.token,
            tokenID: decision.token.map(fingerprintKey.tokenID),
            tokenKind: decision.token == nil ? nil : .access,
            refusal: decision.refusal,
            refusalReason: decision.refusalReason,
            responseHeaders: Self.checkedHeaders.flatMap { name in
                (sentHeaders?.values(for: name) ?? []).map { HTTPHeaderField(name, $0) }
            }
        )
        if case .forward(let upstream) = decision.outcome { entry.proxiedTo = upstream.url(forPath: request.path) }
        entry.facts = decision.facts
        entry.facts.arrived = started
        entry.facts.answered = answered + (decision.delay ?? .zero)
        if let retryAfter = sentHeaders?.values(for: "Retry-After").first {
            entry.facts.retryAfterUntil = RetryAfter.deadline(retryAfter, sentAt: decision.now)
        }
        if !settings.keepSecrets {
            // The body as the engine read it as JSON, when the entry keeps it whole: not parsed again.
            let readAsJSON = request.body.count <= settings.journal.entryBytes && decision.request?.bodyFormat == .json
            redaction.redact(
                &entry,
                key: fingerprintKey,
                exposedTokens: decision.exposedTokens,
                parsedBody: readAsJSON ? decision.request?.body : nil
            )
        }
        settings.journal.cut(&entry, bodySent: request.body.count)
        return entry
    }

    /// The response headers an entry keeps, for the checks that read them.
    static let checkedHeaders = ["Retry-After", "Deprecation", "Sunset"]
}
