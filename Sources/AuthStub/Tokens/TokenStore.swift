/// The tokens the server holds: every live token (usable, disabled, or past its end on the clock
/// but not yet noticed), up to `TokenLimits`, and a bounded history of those that ended last.
/// Lives inside the engine's lock; not thread-safe by itself.
///
/// Layout, for memory and for requests that never wait on a large step:
/// - `slots`: one compact `TokenSlot` a token, in chunks, free slots reused;
/// - `index`: key → slot, an open-addressing table grown incrementally (`TokenIndex`);
/// - lists through the slots: the live tokens least recently used first (for eviction), each
///   user's live tokens likewise, the ended history oldest first, the issue order (for
///   listing and paging), and each family as a ring;
/// - `deadlines`: a min-heap of the clock deadlines of live tokens, swept a few at each issue,
///   and `deadlinePositions`: each slot's place in it (`TokenStore+Deadlines.swift`).
///
/// Everything depends only on the calls made and the clock, never on hashing or timing, so
/// seeded runs on a frozen clock stay byte for byte the same.
struct TokenStore: Sendable {
    var slots = TokenSlots()
    var index = TokenIndex()
    var principals = TokenPrincipals()
    /// Keys longer than `TokenKey.inlineLength`, by the index a slot holds; freed ones are empty
    /// and listed in `freeLongKeys` for reuse.
    var longKeys: [[UInt8]] = []
    var freeLongKeys: [Int] = []
    /// Notes by slot (few tokens have one).
    var notes: [UInt32: String] = [:]
    /// Family numbers by slot, for the tokens whose family has more than one member
    /// (`FamilyNumbers`).
    var familyNumbers = FamilyNumbers()
    /// OAuth 2.0 grants by slot (only tokens a grant issued have one).
    var grants: [UInt32: TokenGrant] = [:]
    /// Live tokens, least recently used first.
    var live = TokenList()
    /// Ended tokens, the one that ended first at the head.
    var history = TokenList()
    /// Every held token, in issue order.
    var order = TokenList()
    /// Clock deadlines of live tokens, earliest first.
    var deadlines = ChunkedArray<TokenDeadline>()
    /// Each slot's place in `deadlines`, or `TokenSlot.none` (grown as slot numbers are).
    var deadlinePositions: [UInt32] = []
    /// Tokens evicted since the start (or the last reset).
    var evicted = 0
    let limits: TokenLimits
    private var generator: TokenGenerator
    /// Each service's idle timeout, by service index (`TokenPrincipals.services`).
    private var idleLimitsByService: [Int64?] = []

    /// Each service's idle timeout; the engine keeps it in step with the fixtures.
    var idleLimits: [String: Int64] = [:] {
        didSet { idleLimitsByService = principals.services.map { idleLimits[$0] } }
    }

    init(seed: UInt64?, limits: TokenLimits = TokenLimits()) {
        generator = TokenGenerator(seed: seed)
        self.limits = limits
    }

    /// Tokens held, live and ended.
    var count: Int { order.count }

    /// Whether the store holds the token (live or ended), without building its record.
    func holds(_ token: String) -> Bool {
        TokenKey(token).flatMap(find) != nil
    }

    /// The token's record, if the store holds it.
    func record(_ token: String) -> TokenRecord? {
        guard let key = TokenKey(token), let slot = find(key) else { return nil }
        return record(slot, token: token)
    }

    /// The token of `kind` for `service` (or one of the services in `alsoFrom`, whose own idle
    /// limit then applies), or why it cannot be used.
    func validate(
        _ token: String?,
        service: String,
        alsoFrom others: [String] = [],
        kind: TokenKind = .access,
        now: Int64,
        idleLimit: Int64?
    ) -> Result<TokenRecord, TokenRefusal> {
        guard let token, !token.isEmpty else { return .failure(TokenRefusal(reason: "missing \(kind.noun)", cause: .missing)) }
        guard let record = record(token), record.service == service || others.contains(record.service), record.kind == kind else {
            return .failure(TokenRefusal(reason: "unknown \(kind.noun)", cause: .unknown))
        }
        let limit = record.service == service ? idleLimit : idleLimits[record.service]
        if let refusal = record.refusal(now: now, idleLimit: kind == .access ? limit : nil) { return .failure(refusal) }
        return .success(record)
    }

    /// Up to `limit` tokens in issue order, starting after `token` (from the first with nil):
    /// the cost is the page's, not the store's. nil when `token` is not held.
    func page(after token: String?, limit: Int) -> [TokenRecord]? {
        var slot = order.head
        if let token {
            guard let key = TokenKey(token), let after = find(key) else { return nil }
            slot = slots.next(of: after, .order)
        }
        var page: [TokenRecord] = []
        while slot != TokenSlot.none, page.count < limit {
            page.append(record(slot))
            slot = slots.next(of: slot, .order)
        }
        return page
    }

    /// Every held token, in issue order.
    var inIssueOrder: [TokenRecord] { page(after: nil, limit: .max) ?? [] }

    /// The tokens of the user (live ones least recently used first, then the ended ones held).
    func tokens(service: String, user: String) -> [TokenRecord] {
        guard let principal = principals.find(service: service, user: user) else { return [] }
        var slot = principals.entries[Int(principal)].live.head
        var found: [TokenRecord] = []
        while slot != TokenSlot.none {
            found.append(record(slot))
            slot = slots.next(of: slot, .user)
        }
        return found + endedSlots { slots[$0].principal == principal }.map { record($0) }
    }

    /// The tokens of `token`'s family, in the order they joined it from `token` on; empty when
    /// `token` is not held.
    func family(of token: String) -> [TokenRecord] {
        guard let key = TokenKey(token), let first = find(key) else { return [] }
        return familySlots(of: first).map { record($0) }
    }

    /// Counts for `ServerStatus`.
    var counts: ServerStatus.TokenCounts {
        ServerStatus.TokenCounts(live: live.count, ended: history.count, evicted: evicted, limit: limits.live, perUserLimit: limits.perUser)
    }

    /// The slot holding `key`.
    func find(_ key: TokenKey) -> UInt32? {
        index.find(hash: key.hash) { key.isHeld(by: slots[$0], longKeys: longKeys) }
    }

    /// The idle timeout of the service of `slot`; nil for a token that is not an access token
    /// (a refresh token ends only by its lifetime).
    func idleLimit(of slot: UInt32) -> Int64? {
        guard slots[slot].kind == .access else { return nil }
        let service = principals.entries[Int(slots[slot].principal)].service
        return idleLimitsByService.indices.contains(service) ? idleLimitsByService[service] : nil
    }

    /// The record of `slot`; `token` saves rebuilding the text when the caller has it.
    func record(_ slot: UInt32, token: String? = nil) -> TokenRecord {
        let value = slots[slot]
        return TokenRecord(
            token: token ?? TokenKey(value, longKeys: longKeys).text,
            kind: value.kind,
            service: principals.serviceName(of: value.principal),
            user: principals.userName(of: value.principal),
            issuedAt: value.issuedAt,
            lastUsedAt: value.lastUsedAt,
            deadline: value.deadline == .max ? nil : value.deadline,
            enabled: value.enabled,
            recordedEnd: value.recordedEnd,
            note: value.hasNote ? notes[slot] : nil,
            family: familyNumbers.bySlot.isEmpty ? nil : familyNumbers.bySlot[slot],
            grant: grants.isEmpty ? nil : grants[slot]
        )
    }

    /// The slots of the family ring `first` is in, from `first` on.
    func familySlots(of first: UInt32) -> [UInt32] {
        var members = [first]
        var slot = slots[first].familyNext
        while slot != first, slot != TokenSlot.none {
            members.append(slot)
            slot = slots[slot].familyNext
        }
        return members
    }

    /// The ended tokens that pass `include`, oldest end first.
    func endedSlots(where include: (UInt32) -> Bool) -> [UInt32] {
        var found: [UInt32] = []
        var slot = history.head
        while slot != TokenSlot.none {
            if include(slot) { found.append(slot) }
            slot = slots.next(of: slot, .list)
        }
        return found
    }

    /// Keeps the per-service idle timeouts in step with the services interned.
    mutating func internService(of principal: UInt32) {
        let service = principals.entries[Int(principal)].service
        while idleLimitsByService.count <= service {
            idleLimitsByService.append(idleLimits[principals.services[idleLimitsByService.count]])
        }
    }

    /// A fresh token value in `format`, not held yet, and its key.
    mutating func freshToken(_ format: TokenFormat) -> (String, TokenKey) {
        while true {
            if format == .uuid {
                // The default format: the key is packed from the UUID's bits, not read back
                // from its text (which `TokenKey.init(_:)` would pack to the same words).
                let bits = generator.uuidBits()
                let key = TokenKey(uuidHigh: bits.high, low: bits.low)
                if find(key) == nil { return (TokenGenerator.uuidText(bits.high, bits.low), key) }
                continue
            }
            let value = generator.next(format)
            if let key = TokenKey(value), find(key) == nil { return (value, key) }
        }
    }

    /// A fresh signed JWT for `issue`, with a random `jti`, and its key. One whose claims would
    /// take it past `TokenKey.maximumLength` is signed without them, saying so in an
    /// `authstub_warning` claim; when even that is too long (a very long issuer), the token is
    /// random characters.
    mutating func signedToken(_ minting: JWTMinting, for issue: Issue, now: Int64) -> (String, TokenKey) {
        for attempt in [minting, minting.withoutClaims] {
            // A `jti` has 132 random bits: a second try is as good as never needed.
            for _ in 0..<4 {
                let value = attempt.token(user: issue.user, issuedAt: now, expiresAt: issue.expiresAt, id: generator.next(JWTFormat.identifier))
                guard let key = TokenKey(value) else { break }
                if find(key) == nil { return (value, key) }
            }
        }
        return freshToken(JWTFormat.identifier)
    }
}

/// Why a request's token was refused, in words a person understands and as a stable code.
struct TokenRefusal: Error, Sendable, Equatable {
    let reason: String
    let cause: RefusalReason
}
