import TestSupport
import Testing

@testable import AuthStub

/// The sweep seen from outside: many logins and logouts through a real server.
@Suite("Tokens: the sweep through a server")
struct TokenSweepServerTests {
    static let login =
        "POST /m2m/v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 39\r\n\r\n"
        + #"{"username":"user","password":"secret"}"#

    static func logout(_ token: String) -> String {
        "DELETE /m2m/v1/auth/logout HTTP/1.1\r\nHost: a\r\nauth-token: \(token)\r\n\r\n"
    }

    @Test("3,000 login/logout pairs: the token list stays bounded, the last logout still says why, the first is unknown, a live token stays")
    func sweptThroughTheServer() async throws {
        try await withStub { stub in
            let connection = try await RawConnection.connect(port: try #require(stub.port))
            let live = try await stub.mintToken(service: "wice", user: nil).token
            var tokens: [String] = []
            for _ in 0..<30 {
                try await connection.send(String(repeating: Self.login, count: 100))
                let batch = try await connection.responses(100).map { try #require($0.header("auth-token")) }
                try await connection.send(batch.map(Self.logout).joined())
                #expect(try await connection.responses(100).allSatisfy { $0.status == 204 })
                tokens += batch
            }
            let listed = try await stub.tokens()
            // The minted token is live; of the 3,000 logged out, the 1,000 that ended last are kept.
            #expect(listed.count == 1 + TokenLimits.retainedEnded)
            #expect(try await stub.status().tokens == listed.count)
            #expect(listed.contains { $0.token == live && $0.state == .active })

            for (token, reason) in [(try #require(tokens.last), "token logged out"), (try #require(tokens.first), "unknown token")] {
                try await connection.send(Self.logout(token))
                #expect(try await connection.response().status == 401)
                #expect(stub.lastEntry?.reason == reason)
            }
        }
    }
}
