extension Engine {
    /// The body field a `redeemCode` request carries the code in (RFC 6749 §4.1.3).
    static let codeField = "code"
    /// The body field repeating the authorization request's redirect URI (RFC 6749 §4.1.3).
    static let redirectURIField = "redirect_uri"
    /// The body field with the PKCE code verifier (RFC 7636 §4.5).
    static let codeVerifierField = "code_verifier"

    /// A `redeemCode` endpoint's decision, under the lock: the code must be one the service
    /// issued that is neither used nor expired, issued to `client` (when a client check ran),
    /// redeemed with the authorization request's `redirect_uri` when that request sent one, and
    /// with the verifier of its PKCE challenge (RFC 7636 §4.6: `S256` compares
    /// `BASE64URL(SHA256(verifier))`, `plain` the verifier itself). Each failure is a `badToken`
    /// (`missing`, `unknown`, `expired`, `reused`, or `wrong` for the binding checks).
    func redeem(
        _ code: String?,
        values: RequestValues?,
        route: MatchedRoute,
        client: String?,
        now: Int64,
        state: EngineState
    ) -> Result<TokenEffect?, Refusal> {
        let record: TokenRecord
        switch state.tokens.validate(code, service: route.service.name, kind: .authorizationCode, now: now, idleLimit: nil) {
        case .failure(let refusal): return .failure(Refusal(.badToken, refusal.reason, cause: refusal.cause))
        case .success(let found): record = found
        }
        if case .failure(let refusal) = Self.bound(.redeem(record), to: client) { return .failure(refusal) }
        let grant = record.grant
        if let expected = grant?.redirectURI, values?.text(ValueSelector(.body, Self.redirectURIField)) != expected {
            return .failure(Refusal(.badToken, "invalid grant", reason: "redirect_uri differs from the authorization request's", cause: .wrong))
        }
        if let challenge = grant?.codeChallenge {
            guard let verifier = values?.text(ValueSelector(.body, Self.codeVerifierField)) else {
                return .failure(
                    Refusal(.badToken, "invalid grant", reason: "no code_verifier for a code issued with a PKCE challenge", cause: .wrong)
                )
            }
            let method = grant?.codeChallengeMethod ?? "plain"
            let derived = method == "S256" ? Base64URL.encode(SHA256.hash(verifier.utf8)) : verifier
            guard derived == challenge else {
                return .failure(
                    Refusal(.badToken, "invalid grant", reason: "code_verifier does not match the code_challenge (\(method))", cause: .wrong)
                )
            }
        }
        return .success(.redeem(record))
    }
}
