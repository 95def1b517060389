extension Engine {
    /// An `endSession` endpoint's decision (OpenID Connect RP-Initiated Logout 1.0 §2, §3),
    /// under the lock: `id_token_hint` must name an ID token of this service (expired or ended
    /// ones too: a logout after the session ended still ends nothing more), `client_id` when
    /// sent its client, and `post_logout_redirect_uri` when sent one of that client's redirect
    /// URIs (its fixture's `post_logout_redirect_uris` and `redirect_uris`, the ones a test
    /// registered, loopback ones on any port); then `decision.redirect` carries it with `state`.
    /// Success ends the ID token's family: the session's access and refresh tokens.
    func endSession(_ values: RequestValues?, route: MatchedRoute, state: EngineState, decision: inout Decision) -> Result<TokenEffect?, Refusal> {
        func parameter(_ name: String) -> String? { values?.query[name] ?? values?.body?[name]?.stringValue }
        guard let hint = parameter("id_token_hint"), !hint.isEmpty else {
            return .failure(Refusal(.badRequest, "the request lacks id_token_hint", cause: .missing))
        }
        guard let idToken = state.tokens.record(hint), idToken.kind == .idToken, idToken.service == route.service.name else {
            return .failure(Refusal(.badRequest, "id_token_hint is no ID token this service issued", cause: .unknown))
        }
        let client = idToken.grant?.client
        if let sent = parameter("client_id"), sent != client {
            return .failure(Refusal(.badRequest, "client_id \"\(sent)\" is not the ID token's client", cause: .wrong))
        }
        if let uri = parameter("post_logout_redirect_uri") {
            let data = client.flatMap { name in route.endpoint.clients.flatMap { route.service.account(name, in: $0) } }?.data
            let listed = ["post_logout_redirect_uris", "redirect_uris"].flatMap { data?[$0]?.arrayValue?.compactMap(\.stringValue) ?? [] }
            let registered = listed + (client.map { state.authorizations.redirectURIs(service: route.service.name, client: $0) } ?? [])
            guard registered.contains(where: { AuthorizationRedirect.matches(uri, registered: $0) }) else {
                return .failure(
                    Refusal(.badRequest, "post_logout_redirect_uri \"\(uri)\" is not registered for the ID token's client", cause: .wrong)
                )
            }
            decision.redirect = AuthorizationRedirect(uri: uri, state: parameter("state"))
        }
        return .success(.revoke(idToken, .family))
    }
}
