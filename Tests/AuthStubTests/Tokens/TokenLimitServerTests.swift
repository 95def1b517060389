import TestSupport
import Testing

@testable import AuthStub

/// The live-token limit seen from outside: logins over a real socket, the control API over
/// HTTP.
@Suite("Tokens: the limit through a server")
struct TokenLimitServerTests {
    static func options(limit: Int, perUser: Int) -> AuthStubServer.Options {
        var options = AuthStubServer.Options()
        options.tokenLimit = limit
        options.tokenLimitPerUser = perUser
        return options
    }

    /// Uses a `usertoken` token (`POST /auth/bump`); returns the status.
    static func bump(_ token: String, on stub: AuthStubServer) async throws -> Int {
        try await stub.send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(token)"]).status
    }

    /// Logs in to the `wice` service over `connection`; returns the token.
    static func login(_ connection: RawConnection) async throws -> String {
        try await connection.send(TokenSweepServerTests.login)
        return try #require(try await connection.response().header("auth-token"))
    }

    @Test("a login past the limit evicts the least recently used token: its next use is a 401 saying so, and status counts it")
    func loginPastTheLimitEvicts() async throws {
        try await withStub(Self.options(limit: 3, perUser: 10)) { stub in
            var tokens: [String] = []
            for _ in 0..<3 { tokens.append(try await stub.userTokenLogin()) }
            // The first token is used, so the second becomes the least recently used.
            #expect(try await Self.bump(tokens[0], on: stub) == 200)
            let control = stub.controlClient()
            #expect(try await control.status().tokenCounts == ServerStatus.TokenCounts(live: 3, ended: 0, evicted: 0, limit: 3, perUserLimit: 10))

            let fourth = try await stub.userTokenLogin()
            #expect(try await Self.bump(tokens[1], on: stub) == 401)
            #expect(stub.lastEntry?.reason == "token evicted")
            for token in [tokens[0], tokens[2], fourth] { #expect(try await Self.bump(token, on: stub) == 200) }

            let status = try await control.status()
            #expect(status.tokenCounts == ServerStatus.TokenCounts(live: 3, ended: 1, evicted: 1, limit: 3, perUserLimit: 10))
            #expect(status.tokens == 4)
            let evicted = try #require(try await control.tokens().first { $0.token == tokens[1] })
            #expect(evicted.state == .revoked)
            #expect(evicted.endReason == .evicted)
        }
    }

    @Test("the per-user limit evicts only that user's least recently used token")
    func perUserLimit() async throws {
        try await withStub(Self.options(limit: 100, perUser: 2)) { stub in
            let connection = try await RawConnection.connect(port: try #require(stub.port))
            let minted = try await stub.controlClient().mintToken(service: "wice", user: "other").token
            let tokens = [try await Self.login(connection), try await Self.login(connection), try await Self.login(connection)]
            try await connection.send(TokenSweepServerTests.logout(tokens[0]))
            #expect(try await connection.response().status == 401)
            #expect(stub.lastEntry?.reason == "token evicted")
            for token in [minted, tokens[2]] {
                try await connection.send(TokenSweepServerTests.logout(token))
                #expect(try await connection.response().status == 204)
            }
        }
    }

    @Test("reset forgets every token and the eviction count")
    func resetClears() async throws {
        try await withStub(Self.options(limit: 1, perUser: 1)) { stub in
            let connection = try await RawConnection.connect(port: try #require(stub.port))
            let first = try await Self.login(connection)
            _ = try await Self.login(connection)
            let control = stub.controlClient()
            #expect(try await control.status().tokenCounts.evicted == 1)
            try await control.reset()
            let status = try await control.status()
            #expect(status.tokens == 0)
            #expect(status.tokenCounts == ServerStatus.TokenCounts(live: 0, ended: 0, evicted: 0, limit: 1, perUserLimit: 1))
            #expect(try await control.tokens().isEmpty)
            try await connection.send(TokenSweepServerTests.logout(first))
            #expect(try await connection.response().status == 401)
            #expect(stub.lastEntry?.reason == "unknown token")
        }
    }
}
