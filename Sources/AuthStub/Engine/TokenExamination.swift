/// What `introspect` and `revoke` endpoints (RFC 7662, RFC 7009) do with the token a request
/// names, and the scope check of endpoints with a `requiredScope` (RFC 6750 §3.1). Both read
/// the token's state without using it.
extension TokenStore {
    /// The kinds of token a client can examine or revoke: access and refresh tokens (RFC 7009
    /// §2.1 `token_type_hint`); an authorization code is none of its business.
    static let examinableKinds: [TokenKind] = [.access, .refresh]

    /// What an `introspect` or `revoke` success does with `token`, or why it is refused: no
    /// token named is a 400 (`invalid_request`). An introspection of a usable token describes
    /// it; of any other (unknown, of another service, a code, expired, revoked, ended with its
    /// family) it answers `inactive`. A revocation ends a usable access token alone
    /// (`loggedOut`) and a refresh token with its family (`familyRevoked`: RFC 7009 §2.1, "SHOULD
    /// also invalidate all access tokens based on the same authorization grant"); any other
    /// token is a success with no effect (§2.2: "invalid tokens do not cause an error").
    /// Runs under the lock.
    func effect(ofExamining token: String?, endpoint: EndpointFixture, service: ServiceFixture, now: Int64) -> Result<TokenEffect?, Refusal> {
        guard let token, !token.isEmpty else {
            let field = endpoint.subjectToken?.name ?? "token"
            return .failure(Refusal(.badRequest, "the request lacks \(field)", reason: "no token named (\(field))", cause: .missing))
        }
        let accepted = [service.name] + service.acceptsTokensFrom + endpoint.acceptsTokensFrom
        let usable: Result<TokenRecord, TokenRefusal>
        if let record = record(token), accepted.contains(record.service), Self.examinableKinds.contains(record.kind) {
            let idleLimit = record.kind == .access ? idleLimits[record.service] : nil
            usable = record.refusal(now: now, idleLimit: idleLimit).map { .failure($0) } ?? .success(record)
        } else {
            usable = .failure(TokenRefusal(reason: "unknown token", cause: .unknown))
        }
        switch (endpoint.role, usable) {
        case (.introspect, .success(let record)):
            return .success(.inspect(record))
        case (.introspect, .failure(let refusal)):
            return .failure(Refusal(.inactive, "the token is not active", reason: "inactive: \(refusal.reason)", cause: refusal.cause))
        case (_, .success(let record)):
            return .success(.revoke(record, record.kind == .refresh ? .family : .token))
        case (_, .failure):
            return .success(nil)
        }
    }
}

extension Engine {
    /// A 403 (`insufficientScope`) when the endpoint has a `requiredScope` and the token a
    /// success concerns was not granted all of it (a token no grant issued has no scope).
    static func scopeRefusal(_ effect: TokenEffect, endpoint: EndpointFixture) -> Refusal? {
        guard !endpoint.requiredScope.isEmpty else { return nil }
        let record: TokenRecord
        switch effect {
        case .touch(let used), .revoke(let used, _): record = used
        default: return nil
        }
        let granted = (record.grant?.scope ?? "").split(separator: " ").map(String.init)
        let missing = endpoint.requiredScope.filter { !granted.contains($0) }
        guard !missing.isEmpty else { return nil }
        let scope = record.grant?.scope.map { "scope \"\($0)\"" } ?? "no scope"
        return Refusal(
            .insufficientScope,
            "the token's scope lacks \(missing.joined(separator: " "))",
            reason: "the token has \(scope), lacking \(missing.joined(separator: ", "))"
        )
    }
}
