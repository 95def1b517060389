import StubHTTP

extension Engine {
    /// The refusal reasons that tell a client its token has ended for good: it may not send
    /// it again. (`disabled` is not one: the control API can enable the token again.)
    static let endingReasons: Set<RefusalReason> = [.expired, .revoked, .reused, .unknown]

    /// Records what the auth checks read of the decision (`AuthFacts`): the token a refused or
    /// ending request presented, what the answer ended, the family a refresh concerned, the
    /// user a login tried, and tokens the request exposed. Runs under the lock after `decide`.
    /// An ordinary request with a valid token costs a few stores and no lookup; a query
    /// string, a path segment as long as a token, a refusal or an ending pays one lookup each.
    func recordFacts(_ request: HTTPRequest, _ preparation: Preparation, state: EngineState, decision: inout Decision) {
        decision.facts.decidedAt = decision.now
        if request.connectionID != 0 { decision.facts.connection = Connection(peer: request.peer, id: request.connectionID) }
        // The rare members are set only when there is something to set: each set of an empty
        // list built and compared the facts' defaults (about 170 instructions under the lock).
        let exposed = Self.exposedTokens(request, tokens: state.tokens)
        if !exposed.isEmpty {
            decision.facts.leaks = exposed.map(\.leak)
            decision.exposedTokens = exposed.map { String($0.sent) }
        }
        guard let route = decision.route else { return }
        // In a closure, so that the set (a lazy global) is read only for a refusal.
        let refusedForGood = decision.refusalReason.map { Self.endingReasons.contains($0) } == true
        switch preparation.credentials {
        case .login(.success(let input)):
            decision.facts.login = input.username
        case .token(let token?):
            let record = decision.refusal == nil ? nil : state.tokens.record(token)
            if record?.kind == .refresh { decision.facts.leaks.append(.refreshTokenAsBearer) }
            if refusedForGood || record?.kind == .refresh { decision.facts.presented = presented(token, record) }
        case .refresh(.success(let token?)), .code(.success(let token?)):
            let record = decision.effect?.presented ?? state.tokens.record(token)
            if case .refresh = preparation.credentials { decision.facts.refreshedFamily = record.map(familyKey) }
            decision.facts.presented = presented(token, record)
        default:
            break
        }
        let ended = endings(of: decision.effect, route: route, tokens: state.tokens)
        if !ended.isEmpty { decision.facts.ended = ended }
    }

    /// What a success told the client had ended: the token a logout, a revocation or an end of
    /// session ended (with its family or its user's tokens), the refresh token a rotation
    /// replaced, the authorization code a redemption used up. Takes the route, not its service:
    /// passing the service on would copy the whole fixture.
    private func endings(of effect: TokenEffect?, route: MatchedRoute, tokens store: TokenStore) -> [ToldEnded] {
        switch effect {
        case .revoke(let record, let scope)?:
            var ended = [ToldEnded.token(fingerprintKey.tokenID(record.token))]
            if scope == .family { ended.append(.family(familyKey(record))) }
            if scope == .user {
                // Each of the user's tokens by itself: the user's later logins are not ended.
                let tokens = store.tokens(service: record.service, user: record.user).prefix(Self.endedTokensShown)
                ended += tokens.map { .token(fingerprintKey.tokenID($0.token)) }
            }
            return ended
        case .refresh(let record, _)? where route.service.token.refresh?.rotate == true:
            return [.token(fingerprintKey.tokenID(record.token))]
        case .redeem(let record)?:
            return [.token(fingerprintKey.tokenID(record.token))]
        default:
            return []
        }
    }

    private func presented(_ token: String, _ record: TokenRecord?) -> PresentedToken {
        PresentedToken(
            id: fingerprintKey.tokenID(token),
            shown: Redaction.shortened(token),
            kind: record?.kind,
            family: record.map(familyKey)
        )
    }

    /// A family's name for the checks: its number (`TokenInfo.family`), or for a token alone
    /// its `tokenID` (the token itself never leaves the store).
    private func familyKey(_ record: TokenRecord) -> String {
        record.family.map { "family \($0)" } ?? "token \(fingerprintKey.tokenID(record.token))"
    }

    /// Tokens this server issued that the request carried in its query string or its path,
    /// each with the text it was sent as (which the journal shortens). Only values of at least
    /// `leakLength` bytes are looked up, so an ordinary request pays a scan of its path.
    static func exposedTokens(_ request: HTTPRequest, tokens: TokenStore) -> [(leak: TokenLeak, sent: Substring)] {
        var leaks: [(leak: TokenLeak, sent: Substring)] = []
        if let query = request.query, query.utf8.count >= leakLength {
            for pair in query.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, parts[1].utf8.count >= leakLength,
                    tokens.holds(PercentDecoding.decode(parts[1], plusIsSpace: true))
                else { continue }
                leaks.append((.inQuery(PercentDecoding.decode(parts[0], plusIsSpace: true)), parts[1]))
            }
        }
        // The path's segments as long as a token, found on its bytes: walking the path by String
        // index cost about 700 instructions a request under the state lock.
        var path = request.path
        var candidates: [Range<Int>] = []
        path.withUTF8 { bytes in
            var start = 0
            for offset in 0...bytes.count where offset == bytes.count || bytes[offset] == UInt8(ascii: "/") {
                if offset - start >= leakLength { candidates.append(start..<offset) }
                start = offset + 1
            }
        }
        for candidate in candidates {
            let utf8 = path.utf8
            let segment = path[
                utf8.index(utf8.startIndex, offsetBy: candidate.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: candidate.upperBound)
            ]
            if tokens.holds(PercentDecoding.decode(segment)) { leaks.append((.inPath, segment)) }
        }
        return leaks
    }

    /// The most tokens of a user a logout that ends them all records, one by one.
    static let endedTokensShown = 1_000

    /// The shortest value the leak check looks up: tokens this server makes are longer.
    static let leakLength = 16
}
