/// A request's `scope` (RFC 6749 §3.3), checked against the scopes its service offers
/// (`"scopes"`) and those its client may ask for (the client account's `data.scope`).
enum ScopeRequest {
    /// The parameter a request names its scope in, in the body or the query.
    static let parameter = "scope"

    /// The scope the request is granted: the one it asks for (body, else query), when the
    /// service lists it, the client may ask for it and it is within `limit` (a refresh's original
    /// grant, RFC 6749 §6); nil when it asks for none or the service lists no scopes. A refusal
    /// `badScope` (reason `wrong`) names the first scope that fails.
    static func granted(
        _ values: RequestValues?,
        service: ServiceFixture,
        client: FixtureUser?,
        within limit: String? = nil
    ) -> Result<String?, Refusal> {
        guard let offered = service.scopes else { return .success(nil) }
        guard let requested = values?.text(ValueSelector(.body, parameter)) ?? values?.text(ValueSelector(.query, parameter)) else {
            return .success(nil)
        }
        let tokens = requested.split(separator: " ", omittingEmptySubsequences: false)
        guard tokens.allSatisfy(isScopeToken) else {
            return .failure(refusal("scope \"\(requested)\" is not scope tokens separated by single spaces (RFC 6749 §3.3)"))
        }
        let allowed = client?.data[parameter]?.stringValue.map { Set($0.split(separator: " ")) }
        let within = limit.map { Set($0.split(separator: " ")) }
        for token in tokens {
            if !offered.contains(String(token)) { return .failure(refusal("unknown scope \"\(token)\"")) }
            if let allowed, !allowed.contains(token), let client {
                return .failure(refusal("scope \"\(token)\" is not allowed for client \"\(client.username)\""))
            }
            if let within, !within.contains(token) { return .failure(refusal("scope \"\(token)\" exceeds the original grant")) }
        }
        return .success(requested)
    }

    /// A scope-token (RFC 6749 §3.3): one or more of `%x21 / %x23-5B / %x5D-7E`.
    static func isScopeToken(_ token: Substring) -> Bool {
        !token.isEmpty && token.utf8.allSatisfy { $0 == 0x21 || (0x23...0x5B).contains($0) || (0x5D...0x7E).contains($0) }
    }

    private static func refusal(_ reason: String) -> Refusal {
        Refusal(.badScope, reason, cause: .wrong)
    }
}
