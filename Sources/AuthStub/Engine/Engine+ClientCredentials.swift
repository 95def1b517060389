import StubHTTP

extension Engine {
    /// The client id and secret a `client` check reads (RFC 6749 §2.3.1): `Authorization: Basic`
    /// with the id and secret form-urlencoded before Base64 (appendix B), or the body fields
    /// `client_id` and `client_secret`. A public client sends `client_id` alone: its secret
    /// reads as empty, and a public client's account has an empty password. The two ways at
    /// once are a malformed request (§2.3: "MUST NOT use more than one authentication method in
    /// each request"); a body `client_id` beside Basic only identifies, so it must name the same
    /// client.
    func clientCredentials(_ request: HTTPRequest, body: JSONObject?) -> Result<(String, String), Refusal> {
        let bodyID = body?[Self.clientIDField]
        let bodySecret = body?[Self.clientSecretField]
        if let authorization = request.headers["Authorization"],
            authorization.split(separator: " ", maxSplits: 1).first?.lowercased() == "basic"
        {
            guard bodySecret == nil else {
                return .failure(Refusal(.badRequest, "the client authenticated twice: with Authorization: Basic and with client_secret"))
            }
            guard case .success(let (encodedID, encodedSecret)) = basicCredentials(request) else {
                return .failure(Refusal(.badCredentials, "invalid client", reason: "malformed Basic client credentials", cause: .wrong))
            }
            let id = PercentDecoding.decode(Substring(encodedID), plusIsSpace: true)
            let secret = PercentDecoding.decode(Substring(encodedSecret), plusIsSpace: true)
            if let bodyID, bodyID.stringValue != id {
                return .failure(Refusal(.badRequest, "client_id differs from the client of Authorization: Basic"))
            }
            return .success((id, secret))
        }
        guard let bodyID else {
            let reason = "missing client credentials (no Authorization: Basic, no client_id)"
            return .failure(Refusal(.badCredentials, "invalid client", reason: reason, cause: .missing))
        }
        guard let id = bodyID.stringValue else { return .failure(Refusal(.badRequest, "\"client_id\" must be a string")) }
        guard let bodySecret else { return .success((id, "")) }
        guard let secret = bodySecret.stringValue else { return .failure(Refusal(.badRequest, "\"client_secret\" must be a string")) }
        return .success((id, secret))
    }

    /// The credential checks an endpoint other than a login declares (an OAuth 2.0 client on a
    /// refresh): the refusal of the first that fails, or the client id a `client` check
    /// identified. Runs under the lock, before the token is looked at.
    func checkEndpointCredentials(_ preparation: Preparation, route: MatchedRoute, state: EngineState) -> Result<String?, Refusal> {
        guard let presented = preparation.endpointCredentials else { return .success(nil) }
        switch presented {
        case .failure(let refusal):
            return .failure(refusal)
        case .success(let pairs):
            if let refusal = checkCredentials(pairs, users: state.users[route.service.name] ?? [:], service: route.service) {
                return .failure(refusal)
            }
            return .success(pairs.client)
        }
    }

    /// `effect`, unless the token it concerns was issued to another client than `client` (RFC
    /// 6749 §6: "the refresh token is bound to the client to which it was issued"): then a
    /// refusal with reason `wrong`. A token issued without a client binds to none.
    static func bound(_ effect: TokenEffect, to client: String?) -> Result<TokenEffect?, Refusal> {
        guard let client, let record = effect.presented, let issuedTo = record.grant?.client, issuedTo != client else {
            return .success(effect)
        }
        let reason = "\(record.kind.noun) was issued to client \"\(issuedTo)\", not \"\(client)\""
        return .failure(Refusal(.badToken, "invalid grant", reason: reason, cause: .wrong))
    }

    /// The body field a client names itself in (RFC 6749 §2.3.1, §4.1.1).
    static let clientIDField = "client_id"
    /// The body field a confidential client sends its secret in (RFC 6749 §2.3.1).
    static let clientSecretField = "client_secret"
}
