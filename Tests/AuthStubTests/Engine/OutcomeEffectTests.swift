import Foundation
import Testing

@testable import AuthStub

/// An answer's effect on tokens has one place (`TokenEffect`): a success changes tokens the
/// same way whether it is answered normally, behind a fault that does not answer (a delay) or
/// forced by an override, and a refusal changes none, whichever of the three chose it.
@Suite("Outcome effects")
struct OutcomeEffectTests {
    /// What an answer left behind: its status, the tokens the server holds, and who the journal
    /// says the request concerned.
    struct Effects: Equatable, CustomStringConvertible {
        var status: Int
        /// `service user state`, and how long after issue the token was last used.
        var tokens: [String]
        var user: String?
        var token: String?

        var description: String { "\(status) \(tokens) user \(user ?? "nil") token \(token ?? "nil")" }
    }

    /// Sends one request to a fresh seeded server (so tokens come out the same on every run),
    /// with `fault` installed first. A token for `service` is minted first, then an hour passes,
    /// so a touch shows in `lastUsedAt`.
    static func effects(
        minting service: String? = nil,
        fault: FaultKind? = nil,
        _ send: (AuthStubServer, _ token: String?) async throws -> StubResponse
    ) async throws -> Effects {
        var options = AuthStubServer.Options()
        options.seed = 7
        return try await withStub(options) { stub in
            try await stub.freezeClock(at: Date(timeIntervalSince1970: 1_795_428_000))
            var token: String?
            if let service { token = try await stub.mintToken(service: service).token }
            try await stub.advanceClock(by: .seconds(3600))
            if let fault { try await stub.addFault(fault) }
            let response = try await send(stub, token)
            let tokens = try await stub.tokens().map { info in
                "\(info.service) \(info.user) \(info.state) used after \(Int(info.lastUsedAt.timeIntervalSince(info.issuedAt)))s"
            }
            let entry = try #require(stub.lastEntry)
            return Effects(status: response.status, tokens: tokens, user: entry.user, token: entry.token)
        }
    }

    static let delay = FaultKind.delay(.milliseconds(1))

    @Test("a successful login issues one token to its user: normally, behind a delay, or forced by Prefer: code=201")
    func login() async throws {
        let normal = try await Self.effects { stub, _ in try await stub.faultWiceLogin() }
        #expect(normal.status == 201)
        #expect(normal.tokens == ["wice user active used after 0s"])
        #expect(normal.user == "user")
        let delayed = try await Self.effects(fault: Self.delay) { stub, _ in try await stub.faultWiceLogin() }
        #expect(delayed == normal)
        #expect(try await Self.effects { stub, _ in try await stub.faultWiceLogin(headers: ["Prefer": "code=201"]) } == normal)
    }

    @Test("a successful logout revokes the token it carries: normally, behind a delay, or forced by Prefer: example=no-content")
    func logout() async throws {
        func logout(_ extra: [String: String]) -> (AuthStubServer, String?) async throws -> StubResponse {
            { stub, token in try await stub.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token ?? ""].merging(extra) { $1 }) }
        }
        let normal = try await Self.effects(minting: "wice", logout([:]))
        #expect(normal.status == 204)
        #expect(normal.tokens == ["wice user revoked used after 0s"])
        #expect(normal.user == "user")
        let delayed = try await Self.effects(minting: "wice", fault: Self.delay, logout([:]))
        #expect(delayed == normal)
        #expect(try await Self.effects(minting: "wice", logout(["Prefer": "example=no-content"])) == normal)
    }

    @Test("a successful bump touches the token it carries: normally, behind a delay, or forced by ?__code=200")
    func touch() async throws {
        let normal = try await Self.effects(minting: "usertoken") { stub, token in try await stub.faultBump(token ?? "") }
        #expect(normal.status == 200)
        #expect(normal.tokens == ["usertoken user active used after 3600s"])
        #expect(normal.user == "user")
        let delayed = try await Self.effects(minting: "usertoken", fault: Self.delay) { stub, token in try await stub.faultBump(token ?? "") }
        #expect(delayed == normal)
        let forced = try await Self.effects(minting: "usertoken") { stub, token in
            try await stub.send("POST", "/auth/bump?__code=200", headers: ["Authorization": "Bearer \(token ?? "")"])
        }
        #expect(forced == normal)
    }

    @Test("a refused bump leaves its token untouched: refused for Accept, by an unauthorized fault, or forced by Prefer: code=401")
    func refusedTouch() async throws {
        func bump(_ extra: [String: String]) -> (AuthStubServer, String?) async throws -> StubResponse {
            { stub, token in try await stub.send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(token ?? "")"].merging(extra) { $1 }) }
        }
        let untouched = ["usertoken user active used after 0s"]
        let refusals = [
            try await Self.effects(minting: "usertoken", bump(["Accept": "text/html"])),
            try await Self.effects(minting: "usertoken", fault: .unauthorized, bump([:])),
            try await Self.effects(minting: "usertoken", bump(["Prefer": "code=401"])),
        ]
        #expect(refusals.map(\.status) == [406, 401, 401])
        for refusal in refusals {
            #expect(refusal.tokens == untouched)
            #expect(refusal.user == nil)
        }
    }

    @Test("a refused login issues no token: refused for its password, by an unauthorized fault, or forced by ?__code=401")
    func refusedLogin() async throws {
        let refusals = [
            try await Self.effects { stub, _ in
                try await stub.send("POST", "/m2m/v1/auth/login", headers: FaultRequests.json, body: #"{"username":"user","password":"no"}"#)
            },
            try await Self.effects(fault: .unauthorized) { stub, _ in try await stub.faultWiceLogin() },
            try await Self.effects { stub, _ in try await stub.faultWiceLogin("/m2m/v1/auth/login?__code=401") },
        ]
        for refusal in refusals {
            #expect(refusal.status == 401)
            #expect(refusal.tokens.isEmpty)
            #expect(refusal.token == nil)
        }
    }
}
