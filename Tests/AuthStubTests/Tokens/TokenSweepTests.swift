import Testing

@testable import AuthStub

/// The token store forgets ended tokens past a bound, and never forgets one that can still be
/// used or re-enabled.
@Suite("Tokens: the sweep")
struct TokenSweepTests {
    /// The most records a store may hold with `live` tokens that have not ended.
    static func bound(live: Int) -> Int { 2 * (TokenStore.retainedEnded + live) }

    /// `count` login/logout pairs at `now`; returns the tokens in the order issued.
    @discardableResult
    static func pairs(_ count: Int, in store: inout TokenStore, now: Int64 = 0) -> [String] {
        (0..<count).map { _ in
            let token = store.issue(service: "wice", user: "user", now: now).token
            store.revoke(token, now: now)
            return token
        }
    }

    @Test("10,000 login/logout pairs: the store never holds more than twice the retained ended tokens")
    func boundedUnderPairs() {
        var store = TokenStore(seed: 1)
        var most = 0
        for _ in 0..<10_000 {
            Self.pairs(1, in: &store)
            most = max(most, store.records.count)
        }
        #expect(most <= Self.bound(live: 1))
        #expect(store.records.count >= TokenStore.retainedEnded)
    }

    @Test("the 1,000 most recently logged-out tokens still say why; older ones are unknown")
    func recentEndedKeepTheirReason() {
        var store = TokenStore(seed: 2)
        let tokens = Self.pairs(5_000, in: &store)
        for token in tokens.suffix(TokenStore.retainedEnded) {
            #expect(store.validate(token, service: "wice", now: 0, idleLimit: nil) == .failure(TokenRefusal(reason: "token logged out")))
        }
        #expect(store.validate(tokens[0], service: "wice", now: 0, idleLimit: nil) == .failure(TokenRefusal(reason: "unknown token")))
    }

    @Test("active and disabled tokens survive any number of sweeps")
    func liveTokensSurvive() {
        var store = TokenStore(seed: 3)
        store.idleLimits["wice"] = 1_000
        let active = store.issue(service: "wice", user: "user", now: 0).token
        let disabled = store.issue(service: "wice", user: "user", now: 0).token
        store.setEnabled(disabled, false)
        for round in 0..<20 {
            store.touch(active, now: Int64(round))
            Self.pairs(1_000, in: &store, now: Int64(round))
        }
        #expect(store.validate(active, service: "wice", now: 19, idleLimit: 1_000).map(\.token) == .success(active))
        #expect(store.validate(disabled, service: "wice", now: 19, idleLimit: nil) == .failure(TokenRefusal(reason: "token disabled")))
        store.setEnabled(disabled, true)
        #expect(store.validate(disabled, service: "wice", now: 19, idleLimit: nil).map(\.token) == .success(disabled))
    }

    @Test("tokens expired on purpose, past their expirationTime or idle past the limit are swept too")
    func everyKindOfEndIsSwept() {
        var store = TokenStore(seed: 4)
        store.idleLimits["usertoken"] = 1_000
        let forced = store.issue(service: "wice", user: "user", now: 0).token
        store.expire(forced, now: 0)
        let pastExpiry = store.issue(service: "wice", user: "user", now: 0, expiresAt: 10).token
        let idle = store.issue(service: "usertoken", user: "user", now: 0).token
        Self.pairs(5_000, in: &store, now: 2_000)
        for token in [forced, pastExpiry, idle] { #expect(store.records[token] == nil) }
    }

    @Test("a token that lived long and just logged out is kept: the ones that ended last stay, not the last issued")
    func lastEndedStay() {
        var store = TokenStore(seed: 5)
        let longLived = store.issue(service: "wice", user: "user", now: 0).token
        Self.pairs(5_000, in: &store, now: 0)
        store.revoke(longLived, now: 1)
        Self.pairs(TokenStore.retainedEnded / 2, in: &store, now: 1)
        store.sweep(now: 1)
        #expect(store.validate(longLived, service: "wice", now: 1, idleLimit: nil) == .failure(TokenRefusal(reason: "token logged out")))
    }

    @Test("a provider state that registers a swept token again makes it a live token that sweeps keep")
    func registerReactivates() {
        var store = TokenStore(seed: 6)
        let token = Self.pairs(5_000, in: &store)[0]
        #expect(store.records[token] == nil)
        _ = store.register(token, service: "wice", user: "user", now: 0)
        Self.pairs(5_000, in: &store)
        #expect(store.validate(token, service: "wice", now: 0, idleLimit: nil).map(\.token) == .success(token))
    }

    @Test("two stores with the same seed sweep to the same tokens")
    func sweepIsDeterministic() {
        var first = TokenStore(seed: 7)
        var second = TokenStore(seed: 7)
        Self.pairs(7_000, in: &first)
        Self.pairs(7_000, in: &second)
        #expect(first.inIssueOrder == second.inIssueOrder)
    }
}
