import Testing

@testable import AuthStub

/// The token store on its own: kinds, families, ends and their reasons, the limits, the
/// history, growth and repeatability.
@Suite("Tokens: the store")
struct TokenStoreTests {
    /// `count` login/logout pairs at `now`; returns the tokens in the order issued.
    @discardableResult
    static func pairs(_ count: Int, in store: inout TokenStore, now: Int64 = 0) -> [String] {
        (0..<count).map { _ in
            let token = store.issue(service: "wice", user: "user", now: now).token
            store.revoke(token, now: now)
            return token
        }
    }

    static func refusal(_ store: TokenStore, _ token: String, service: String = "wice", now: Int64 = 0, idleLimit: Int64? = nil) -> String? {
        let kind = store.record(token)?.kind ?? .access
        return switch store.validate(token, service: service, kind: kind, now: now, idleLimit: idleLimit) {
        case .success: nil
        case .failure(let refusal): refusal.reason
        }
    }

    @Test("a slot is 80 bytes, plain values only")
    func compactSlot() {
        #expect(MemoryLayout<TokenSlot>.stride == 80)
        #expect(_isPOD(TokenSlot.self))
    }

    @Test("a UUID's text: its bits, high word first, as 8-4-4-4-12 lower-case hexadecimal digits")
    func uuidText() {
        #expect(TokenGenerator.uuidText(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210) == "01234567-89ab-cdef-fedc-ba9876543210")
        #expect(TokenGenerator.uuidText(0, .max) == "00000000-0000-0000-ffff-ffffffffffff")
    }

    @Test("a UUID's key packed from its bits is the key its text packs to, so a token issued either way is found by its text")
    func uuidKeyFromBits() throws {
        var generator = TokenGenerator(seed: 7)
        for _ in 0..<1_000 {
            let bits = generator.uuidBits()
            let text = TokenGenerator.uuidText(bits.high, bits.low)
            let fromText = try #require(TokenKey(text))
            let fromBits = TokenKey(uuidHigh: bits.high, low: bits.low)
            #expect(fromText.marker == fromBits.marker && fromText.long == nil && fromBits.long == nil)
            #expect(fromText.words == fromBits.words, "\(text)")
        }
    }

    @Test("tokens of every kind; any format of key, long ones included")
    func kindsAndFormats() {
        var store = TokenStore(seed: 1)
        for kind in TokenKind.allCases {
            let record = store.issue(TokenStore.Issue(kind: kind, service: "wice", user: "user"), now: 5)
            #expect(store.record(record.token)?.kind == kind)
            #expect(record.issuedAt == 5)
        }
        let formats = [
            "ab", String(repeating: "k", count: 20), String(repeating: "k", count: 21), "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
            "0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0", "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1fg", String(repeating: "f", count: 36),
            "pfx_" + String(repeating: "9", count: 33), String(repeating: "j.w.t", count: 200),
        ]
        for token in formats {
            #expect(store.register(token, service: "wice", user: "user", now: 0)?.token == token)
        }
        for token in formats {
            #expect(Self.refusal(store, token) == nil, "\(token)")
            #expect(store.record(token)?.token == token)
        }
        #expect(Set(store.inIssueOrder.map(\.token)).isSuperset(of: formats))
        #expect(store.register("", service: "wice", user: "user", now: 0) == nil)
        #expect(store.register(String(repeating: "x", count: TokenKey.maximumLength + 1), service: "wice", user: "user", now: 0) == nil)
        #expect(Self.refusal(store, String(repeating: "j.w.t", count: 199)) == "unknown token")
    }

    @Test("families: issued into a family, looked up by any member, revoked together; earlier ends keep their reason")
    func families() {
        var store = TokenStore(seed: 2)
        let login = store.issue(service: "wice", user: "user", now: 0).token
        let refresh = store.issue(TokenStore.Issue(kind: .refresh, service: "wice", user: "user", family: login), now: 0).token
        let access = store.issue(TokenStore.Issue(service: "wice", user: "user", family: refresh), now: 0).token
        let other = store.issue(service: "wice", user: "user", now: 0).token
        #expect(Set(store.family(of: access).map(\.token)) == [login, refresh, access])
        #expect(store.family(of: other).map(\.token) == [other])
        store.revoke(login, now: 1)
        #expect(store.revokeFamily(of: refresh, now: 2) == 2)
        #expect(Self.refusal(store, login) == "token logged out")
        #expect(Self.refusal(store, refresh) == "token family revoked")
        #expect(Self.refusal(store, access) == "token family revoked")
        #expect(store.record(access)?.state(now: 2, idleLimit: nil) == .revoked)
        #expect(store.record(access)?.end(idleLimit: nil) == 2)
        #expect(Self.refusal(store, other) == nil)
    }

    @Test("revoking a user's tokens ends only theirs, on that service; lookups by user")
    func revokeUser() {
        var store = TokenStore(seed: 3)
        let mine = (0..<3).map { _ in store.issue(service: "wice", user: "alice", now: 0).token }
        let theirs = store.issue(service: "wice", user: "bob", now: 0).token
        let elsewhere = store.issue(service: "usertoken", user: "alice", now: 0).token
        store.revoke(mine[0], now: 0)
        #expect(Set(store.tokens(service: "wice", user: "alice").map(\.token)) == Set(mine))
        #expect(store.revokeAll(service: "wice", user: "alice", now: 1) == 2)
        #expect(Self.refusal(store, mine[0]) == "token logged out")
        #expect(Self.refusal(store, mine[1]) == "token revoked with all of its user's tokens")
        #expect(Self.refusal(store, theirs) == nil)
        #expect(Self.refusal(store, elsewhere, service: "usertoken") == nil)
        #expect(store.revokeAll(service: "wice", user: "nobody", now: 1) == 0)
    }

    @Test("every end has its reason and time; the old refusal words stay")
    func endReasons() {
        var store = TokenStore(seed: 4)
        let loggedOut = store.issue(service: "wice", user: "user", now: 0).token
        let forced = store.issue(service: "wice", user: "user", now: 0).token
        let pastExpiry = store.issue(service: "wice", user: "user", now: 0, expiresAt: 100).token
        let idle = store.issue(service: "wice", user: "user", now: 0).token
        let disabled = store.issue(service: "wice", user: "user", now: 0).token
        store.revoke(loggedOut, now: 10)
        store.expire(forced, now: 20)
        store.setEnabled(disabled, false)
        let now: Int64 = 60_000
        let cases: [(token: String, refusal: String, reason: TokenEndReason?, end: Int64)] = [
            (loggedOut, "token logged out", .loggedOut, 10), (forced, "token expired", .forced, 20),
            (pastExpiry, "past expirationTime", .expired, 100), (idle, "token idle for 0h1m (limit 50s)", .expired, 50_000),
            (disabled, "token disabled", nil, 50_000),
        ]
        for (token, refusal, reason, end) in cases {
            #expect(Self.refusal(store, token, now: now, idleLimit: 50_000) == refusal)
            #expect(store.record(token)?.endReason(now: now, idleLimit: 50_000) == reason)
            #expect(store.record(token)?.end(idleLimit: 50_000) == end)
        }
    }

    @Test("past the per-user limit the user's least recently used token goes; past the global one, the server's")
    func evictionOrder() {
        var store = TokenStore(seed: 5, limits: TokenLimits(live: 5, perUser: 3))
        let alice = (0..<3).map { _ in store.issue(service: "wice", user: "alice", now: 0).token }
        store.touch(alice[0], now: 1)
        let fourth = store.issue(service: "wice", user: "alice", now: 2).token
        #expect(Self.refusal(store, alice[1]) == "token evicted")
        #expect([alice[0], alice[2], fourth].allSatisfy { Self.refusal(store, $0) == nil })
        let bob = (0..<2).map { _ in store.issue(service: "wice", user: "bob", now: 3).token }
        #expect(store.counts.live == 5)
        store.touch(alice[2], now: 4)
        let carol = store.issue(service: "wice", user: "carol", now: 5).token
        #expect(Self.refusal(store, alice[0]) == "token evicted", "the server's least recently used: used at 1")
        #expect([alice[2], fourth, bob[0], bob[1], carol].allSatisfy { Self.refusal(store, $0) == nil })
        #expect(store.counts == ServerStatus.TokenCounts(live: 5, ended: 2, evicted: 2, limit: 5, perUserLimit: 3))
        #expect(store.record(alice[0])?.state(now: 5, idleLimit: nil) == .revoked)
    }

    @Test("a token the clock has ended goes first, as expired, not evicted")
    func clockEndedGoesFirst() {
        var store = TokenStore(seed: 6, limits: TokenLimits(live: 2, perUser: 10))
        store.idleLimits = ["wice": 1_000]
        let old = store.issue(service: "wice", user: "user", now: 0).token
        let kept = store.issue(service: "wice", user: "user", now: 900).token
        _ = store.issue(service: "wice", user: "user", now: 1_500)
        #expect(Self.refusal(store, old, now: 1_500, idleLimit: 1_000) == "token idle for 0h0m (limit 1s)")
        #expect(Self.refusal(store, kept, now: 1_500, idleLimit: 1_000) == nil)
        #expect(store.counts.evicted == 0)
    }

    @Test("the sweep moves tokens past their deadline to the history, a few at each issue; a use pushes an idle end back")
    func sweep() {
        var store = TokenStore(seed: 7)
        store.idleLimits = ["usertoken": 1_000]
        let expiring = (0..<20).map { _ in store.issue(service: "wice", user: "user", now: 0, expiresAt: 10).token }
        let used = store.issue(service: "usertoken", user: "user", now: 0).token
        let idle = store.issue(service: "usertoken", user: "user", now: 0).token
        store.touch(used, now: 900)
        #expect(store.counts.live == 22)
        _ = store.issue(service: "wice", user: "other", now: 1_500)
        #expect(store.counts.live == 23 - TokenStore.sweepStep)
        for _ in 0..<3 { _ = store.issue(service: "wice", user: "other", now: 1_500) }
        #expect(store.counts.ended == 21)
        #expect(expiring.allSatisfy { Self.refusal(store, $0, now: 1_500) == "past expirationTime" })
        #expect(Self.refusal(store, idle, service: "usertoken", now: 1_500, idleLimit: 1_000) == "token idle for 0h0m (limit 1s)")
        #expect(Self.refusal(store, used, service: "usertoken", now: 1_500, idleLimit: 1_000) == nil)
    }

    @Test("the deadline heap stays in order through removals from its middle: each sweep takes exactly the tokens due")
    func deadlineHeap() {
        var store = TokenStore(seed: 14)
        var generator = SplitMix64(14)
        var deadlines: [String: Int64] = [:]
        for _ in 0..<400 {
            let deadline = Int64(generator.next() % 1_000) + 1
            deadlines[store.issue(service: "wice", user: "user", now: 0, expiresAt: deadline).token] = deadline
        }
        for token in deadlines.keys.sorted().prefix(200) {
            store.revoke(token, now: 0)
            deadlines[token] = nil
        }
        var fillers = 0
        for now in stride(from: Int64(0), through: 1_100, by: 50) {
            for _ in 0..<60 {
                _ = store.issue(service: "usertoken", user: "user", now: now)
                fillers += 1
            }
            #expect(store.counts.live == fillers + deadlines.values.filter { $0 > now }.count, "at \(now)")
        }
    }

    @Test("slots freed and reused keep their tokens' deadlines: each sweep ends exactly the tokens due")
    func deadlinesThroughReusedSlots() {
        var store = TokenStore(seed: 15, limits: TokenLimits(live: 10_000, perUser: 100))
        // 1,300 tokens of one user, 100 kept live: 1,200 evicted, the history keeps 1,000 and
        // forgets the rest, so the later tokens take slots that held tokens with deadlines.
        var deadlines: [Int64] = []
        for round in 0..<1_300 {
            let deadline = 10_000 + Int64(round % 500)
            _ = store.issue(service: "wice", user: "user", now: 0, expiresAt: deadline)
            if round >= 1_200 { deadlines.append(deadline) }
        }
        #expect(store.counts.live == 100)
        #expect(store.counts.ended == TokenLimits.retainedEnded)
        var fillers = 0
        for now in stride(from: Int64(10_150), through: 10_350, by: 25) {
            // Each issue sweeps up to `sweepStep` deadlines: more issues than tokens come due.
            for _ in 0..<10 {
                _ = store.issue(service: "usertoken", user: "filler \(fillers)", now: now)
                fillers += 1
            }
            #expect(store.counts.live == fillers + deadlines.filter { $0 > now }.count, "at \(now)")
        }
    }

    @Test("a token ended on the clock is judged by the clock when read: set back, it works again and is live")
    func clockMovedBack() {
        var store = TokenStore(seed: 8)
        store.idleLimits = ["wice": 1_000]
        let token = store.issue(service: "wice", user: "user", now: 0).token
        for _ in 0..<3 { _ = store.issue(service: "wice", user: "other", now: 5_000) }
        #expect(store.counts.ended == 1)
        #expect(Self.refusal(store, token, now: 5_000, idleLimit: 1_000) != nil)
        #expect(Self.refusal(store, token, now: 500, idleLimit: 1_000) == nil)
        store.touch(token, now: 500)
        #expect(store.counts.ended == 0)
        #expect(store.tokens(service: "wice", user: "user").map(\.token) == [token])
        store.expire(token, now: 600)
        #expect(Self.refusal(store, token, now: 0, idleLimit: 1_000) == "token expired", "a recorded end stays whatever the clock")
    }

    @Test("the 1,000 tokens that ended last still say why; older ones are unknown; live ones stay")
    func boundedHistory() {
        var store = TokenStore(seed: 9)
        let live = store.issue(service: "wice", user: "user", now: 0).token
        let disabled = store.issue(service: "wice", user: "user", now: 0).token
        store.setEnabled(disabled, false)
        let tokens = Self.pairs(5_000, in: &store)
        #expect(store.count == 2 + TokenLimits.retainedEnded)
        for token in tokens.suffix(TokenLimits.retainedEnded) { #expect(Self.refusal(store, token) == "token logged out") }
        #expect(Self.refusal(store, tokens[0]) == "unknown token")
        #expect(Self.refusal(store, live) == nil)
        #expect(Self.refusal(store, disabled) == "token disabled")
        #expect(store.register(tokens[0], service: "wice", user: "user", now: 0)?.token == tokens[0])
        #expect(Self.refusal(store, tokens[0]) == nil)
    }

    @Test("expiring every usable token counts them and spares those already ended")
    func expireAll() {
        var store = TokenStore(seed: 10)
        let tokens = (0..<4).map { _ in store.issue(service: "wice", user: "user", now: 0).token }
        store.revoke(tokens[0], now: 0)
        store.setEnabled(tokens[1], false)
        #expect(store.expireAll(now: 1) == 2)
        #expect(tokens.map { Self.refusal(store, $0) } == ["token logged out", "token disabled", "token expired", "token expired"])
    }

    @Test("pages walk the issue order after a given token")
    func paging() {
        var store = TokenStore(seed: 11, limits: TokenLimits(live: 100_000, perUser: 100_000))
        let tokens = (0..<250).map { _ in store.issue(service: "wice", user: "user", now: 0).token }
        store.revoke(tokens[60], now: 0)
        #expect(store.page(after: nil, limit: 50)?.map(\.token) == Array(tokens[0..<50]))
        #expect(store.page(after: tokens[49], limit: 50)?.map(\.token) == Array(tokens[50..<100]))
        #expect(store.page(after: tokens[240], limit: 50)?.map(\.token) == Array(tokens[241...]))
        #expect(store.page(after: tokens[249], limit: 50)?.isEmpty == true)
        #expect(store.page(after: "no such token", limit: 50) == nil)
        #expect(store.inIssueOrder.map(\.token) == tokens)
    }

    @Test("growth across many rehashes and removals keeps every held token findable")
    func growth() {
        var store = TokenStore(seed: 12, limits: TokenLimits(live: 300_000, perUser: 300_000))
        var tokens: [String] = []
        // 30,000 issues take the index through many doublings; more would hold one of the test
        // process's few pool threads for many seconds and stall the servers of the tests beside it.
        for round in 0..<30_000 {
            tokens.append(store.issue(service: "wice", user: "user", now: 0).token)
            if round % 3 == 0 { store.revoke(tokens[round / 2], now: 0) }
        }
        let ended = Set((0..<30_000).filter { $0 % 3 == 0 }.map { tokens[$0 / 2] })
        let live = tokens.filter { !ended.contains($0) }
        #expect(store.counts.live == live.count)
        #expect(live.allSatisfy { store.record($0) != nil })
        #expect(store.index.count == store.count)
        for token in live.prefix(15_000) { store.revoke(token, now: 0) }
        #expect(live.dropFirst(15_000).allSatisfy { Self.refusal(store, $0) == nil })
        #expect(store.index.count == store.count)
    }

    @Test("two stores with the same seed and the same calls hold the same tokens in the same order")
    func deterministic() {
        func run() -> [TokenRecord] {
            var store = TokenStore(seed: 13, limits: TokenLimits(live: 500, perUser: 200))
            store.idleLimits = ["wice": 100]
            for round in 0..<3_000 {
                let token = store.issue(service: "wice", user: "user\(round % 7)", now: Int64(round)).token
                if round % 5 == 0 { store.revoke(token, now: Int64(round)) }
                if round % 11 == 0 { store.touch(token, now: Int64(round)) }
            }
            return store.inIssueOrder
        }
        #expect(run() == run())
    }
}

/// The index on its own, against a `Set`, through many growths and removals.
@Suite("Tokens: the index")
struct TokenIndexTests {
    @Test("inserts and removals in any order agree with a set, across growths")
    func agreesWithASet() {
        var index = TokenIndex()
        var model = Set<UInt32>()
        var generator = SplitMix64(42)
        // Hashes collide on purpose (few distinct values) so that probes and shifts run long.
        func hash(_ slot: UInt32) -> Int { Int(slot % 1_000) &* 0x9E37_79B9 }
        for step in 0..<100_000 {
            let slot = UInt32(generator.next() % 50_000)
            if model.contains(slot), step % 3 != 0 {
                index.remove(slot, hash: hash(slot))
                model.remove(slot)
            } else if !model.contains(slot) {
                index.insert(slot, hash: hash(slot))
                model.insert(slot)
            }
        }
        #expect(index.count == model.count)
        for slot in UInt32(0)..<50_000 {
            let found = index.find(hash: hash(slot)) { $0 == slot }
            #expect((found != nil) == model.contains(slot))
        }
    }
}
