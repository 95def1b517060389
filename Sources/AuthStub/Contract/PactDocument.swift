import StubHTTP

/// A Pact v3 file built from the journal: one interaction per API request that a documented
/// example answered (no faults, no unmatched requests), with provider states for requests
/// whose outcome depends on a token ("a valid token exists", "the token has expired").
///
/// It never passes off a partial record as whole: an entry the journal cut (`truncated`) is
/// left out, as its request is not what was sent, and `metadata.authstub` counts what is
/// missing: `journalDropped` (entries the journal dropped before the export) and
/// `truncatedLeftOut` (cut entries left out). Both are 0 in a complete export.
public enum PactDocument {
    /// The Pact for the entries of `journal` (a page holding every entry), marked with what the
    /// journal lost.
    public static func make(journal: JournalPage, fixtures: FixtureSet, consumer: String, provider: String) -> JSONValue {
        let whole = journal.entries.filter { !$0.truncated }
        let interactions = whole.compactMap { interaction($0, fixtures: fixtures) }
        return .object([
            "consumer": .object(["name": .string(consumer)]),
            "provider": .object(["name": .string(provider)]),
            "interactions": .array(interactions),
            "metadata": .object([
                "pactSpecification": .object(["version": .string("3.0.0")]),
                "authstub": .object([
                    "version": .string(AuthStubVersion.current),
                    "journalDropped": .int(journal.dropped),
                    "truncatedLeftOut": .int(journal.entries.count - whole.count),
                ]),
            ]),
        ])
    }

    private static func interaction(_ entry: JournalEntry, fixtures: FixtureSet) -> JSONValue? {
        guard entry.fault == nil, let status = entry.status, let fixture = entry.fixture,
            let serviceName = entry.service, let service = fixtures.services.first(where: { $0.name == serviceName })
        else { return nil }
        let endpointName = fixture.split(separator: "/", maxSplits: 1).last.map { $0.split(separator: "#").first.map(String.init) ?? "" } ?? ""
        let exampleName = fixture.split(separator: "#", maxSplits: 1).dropFirst().first.map(String.init)
        guard let endpoint = service.endpoints.first(where: { $0.name == endpointName }) else { return nil }
        let example = exampleName.flatMap { name in endpoint.responses.first { $0.name == name } }

        var object: JSONObject = [
            "description": .string("\(fixture): \(entry.method) \(entry.path) (request \(entry.id))"),
            "request": request(entry, endpoint: endpoint, service: service),
            "response": response(entry, status: status, example: example, service: service),
        ]
        if let state = providerState(entry, endpoint: endpoint, service: service) {
            var params: JSONObject = ["service": .string(service.name)]
            if state.concernsToken, let token = entry.token { params["token"] = .string(token) }
            if let user = entry.user { params["user"] = .string(user) }
            object["providerStates"] = .array([.object(["name": .string(state.rawValue), "params": .object(params)])])
        }
        return .object(object)
    }

    /// The state a request's token had: valid when a token route answered it, expired when it
    /// was refused for age. A login whose password the journal hid needs its user to have the
    /// placeholder as password when it succeeded, and no user to have it when it was refused.
    static func providerState(_ entry: JournalEntry, endpoint: EndpointFixture, service: ServiceFixture) -> ProviderStateChange.State? {
        if endpoint.role == .login {
            guard hidesPassword(entry, checks: service.credentialChecks(of: endpoint)) else { return nil }
            if entry.reason == nil { return .knownUser }
            return entry.status == 401 ? .unknownCredentials : nil
        }
        guard [.touch, .requiresToken, .logout].contains(endpoint.role), entry.token != nil else { return nil }
        guard let reason = entry.reason else { return .validToken }
        let expiry = ["expired", "idle", "past expirationTime"]
        return expiry.contains { reason.contains($0) } ? .expiredToken : nil
    }

    /// Whether the journal shows the password of a login's user (the check that names it) as
    /// the redaction placeholder.
    private static func hidesPassword(_ entry: JournalEntry, checks: [CredentialCheck]) -> Bool {
        guard let naming = checks.namingIndex else { return false }
        let check = checks[naming]
        guard check.readsBody else { return entry.headers.contains(where: Redaction.hidesBasicCredentials) }
        return (try? JSONValue.parse(entry.body))?[check.passwordField]?.stringValue == Redaction.placeholder
    }

    /// The request as recorded, with only the headers that matter to the route: those the
    /// documented request shows, plus `Content-Type`, `Accept`, `Authorization` and the token
    /// header. Basic credentials the journal hid become the user's name with the placeholder
    /// as password, which the provider state "the user exists" lets log in.
    private static func request(_ entry: JournalEntry, endpoint: EndpointFixture, service: ServiceFixture) -> JSONValue {
        var kept = Set((endpoint.request?.headers ?? []).map { $0.name.lowercased() })
        kept.formUnion(["content-type", "accept", "authorization"])
        if let name = service.token.carrier.headerName { kept.insert(name.lowercased()) }
        var headers = JSONObject()
        for field in entry.headers where kept.contains(field.name.lowercased()) {
            if let user = entry.user, Redaction.hidesBasicCredentials(field) {
                headers[field.name] = .string(Redaction.basicStandIn(user: user))
            } else {
                headers[field.name] = .string(field.value)
            }
        }
        var request: JSONObject = ["method": .string(entry.method.rawValue), "path": .string(entry.path), "headers": .object(headers)]
        let parameters = PercentDecoding.parameters(entry.query)
        if !parameters.isEmpty {
            var query = JSONObject()
            for parameter in parameters {
                query[parameter.name] = .array((query[parameter.name]?.arrayValue ?? []) + [.string(parameter.value)])
            }
            request["query"] = .object(query)
        }
        if !entry.body.isEmpty {
            request["body"] = (try? JSONValue.parse(entry.body)) ?? .string(entry.body)
        }
        return .object(request)
    }
}
