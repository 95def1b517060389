extension Engine {
    /// How long an authorization code lives on the server clock (60 s; RFC 6749 §4.1.2: "A
    /// maximum authorization code lifetime of 10 minutes is RECOMMENDED").
    static let authorizationCodeLifetime: Int64 = 60_000

    /// An `authorize` endpoint's decision (RFC 6749 §4.1.1, RFC 7636 §4.3), under the lock. The
    /// client and its redirect URI come first: their refusals (`badClient`) redirect nowhere
    /// (§4.1.2.1). Then, with `decision.redirect` set, the response type, the scope, the PKCE
    /// challenge and what the control API chose for this authorization; success issues a code
    /// for the chosen user (else the service's first).
    func authorize(_ values: RequestValues?, route: MatchedRoute, state: EngineState, decision: inout Decision) -> Result<TokenEffect?, Refusal> {
        let query = values?.query ?? [:]
        let service = route.service
        guard let clientID = query["client_id"], !clientID.isEmpty else {
            return .failure(Refusal(.badClient, "the request lacks client_id", cause: .missing))
        }
        guard let list = route.endpoint.clients, let client = service.account(clientID, in: list) else {
            return .failure(Refusal(.badClient, "no client \"\(clientID)\"", cause: .wrong))
        }
        let registered =
            (client.data["redirect_uris"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            + state.authorizations.redirectURIs(service: service.name, client: clientID)
        let sent = query["redirect_uri"]
        if let sent {
            guard registered.contains(where: { AuthorizationRedirect.matches(sent, registered: $0) }) else {
                return .failure(Refusal(.badClient, "redirect_uri \"\(sent)\" is not registered for client \"\(clientID)\"", cause: .wrong))
            }
        }
        guard let target = sent ?? (registered.count == 1 ? registered.first : nil) else {
            let reason = "the request lacks redirect_uri (client \"\(clientID)\" registers \(registered.count))"
            return .failure(Refusal(.badClient, reason, cause: .missing))
        }
        decision.redirect = AuthorizationRedirect(uri: target, state: query["state"])

        guard let responseType = query["response_type"] else {
            return .failure(Refusal(.badRequest, "the request lacks response_type", cause: .missing))
        }
        guard responseType == "code" else {
            return .failure(Refusal(.badRequest, "response_type \"\(responseType)\" is not supported (only code)", cause: .unsupported))
        }
        let scope: String?
        switch ScopeRequest.granted(values, service: service, client: client) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let granted): scope = granted
        }
        let challenge = query["code_challenge"]
        let method = query["code_challenge_method"]
        if let refusal = Self.challengeRefusal(challenge, method: method, client: client) { return .failure(refusal) }

        let next = state.authorizations.next[service.name]
        if next?.deny == true {
            return .failure(Refusal(.accessDenied, "the authorization was denied", reason: "denied through the control API"))
        }
        guard let user = next?.user ?? service.users.first?.username else {
            return .failure(Refusal(.accessDenied, "no user to log in", reason: "service \"\(service.name)\" has no user to log in"))
        }
        let grant = TokenGrant(
            client: clientID,
            scope: scope,
            nonce: query["nonce"],
            redirectURI: sent,
            codeChallenge: challenge,
            codeChallengeMethod: challenge == nil ? nil : method ?? "plain",
            authTime: decision.now
        )
        return .success(.issueCode(user: user, grant: grant))
    }

    /// Why a PKCE challenge is refused (RFC 7636 §4.2, §4.3, §4.4.1): a method other than `S256`
    /// or `plain`, a method without a challenge, a challenge that is not 43 to 128 unreserved
    /// characters, or none from a public client (an account without a password).
    private static func challengeRefusal(_ challenge: String?, method: String?, client: FixtureUser) -> Refusal? {
        if let method, method != "S256", method != "plain" {
            return Refusal(.badRequest, "code_challenge_method \"\(method)\" is not S256 or plain", cause: .wrong)
        }
        guard let challenge else {
            if method != nil { return Refusal(.badRequest, "code_challenge_method without code_challenge", cause: .missing) }
            if client.password.isEmpty {
                return Refusal(.badRequest, "public client \"\(client.username)\" must send code_challenge (PKCE)", cause: .missing)
            }
            return nil
        }
        let unreserved = challenge.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || "-._~".utf8.contains(byte)
        }
        guard (43...128).contains(challenge.utf8.count), unreserved else {
            return Refusal(.badRequest, "code_challenge must be 43 to 128 unreserved characters (RFC 7636 §4.2)", cause: .wrong)
        }
        return nil
    }
}
