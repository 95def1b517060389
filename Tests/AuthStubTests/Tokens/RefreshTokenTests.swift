import Foundation
import Testing

@testable import AuthStub

/// Refresh tokens: a login issues a pair, a `refresh` endpoint exchanges the refresh token
/// (from a form or JSON body) with rotation, and a reused one is refused and, when the
/// fixture says so, ends its family.
@Suite("Refresh tokens")
struct RefreshTokenTests {
    static func files(reuse: String) -> [String: String] {
        [
            "api/service.json": TokenFixture.service(
                token:
                    #"{ "scheme": "bearer", "lifetime": "1h", "refresh": { "lifetime": "30d", "format": { "hex": 40 }, "rotate": true, "reuse": "\#(reuse)" } }"#
            ),
            "api/login.json": TokenFixture.login(body: pairBody),
            "api/refresh.json": """
            { "kind": "endpoint", "name": "refresh", "method": "POST", "path": "/token/refresh", "role": "refresh",
              "refreshToken": "body.refresh_token",
              "responses": [ { "name": "ok", "when": "success", "status": 200,
                               "headers": { "Content-Type": "application/json" }, "body": \(pairBody) },
                             { "name": "reused", "when": "badToken", "reason": "reused", "status": 401,
                               "headers": { "Content-Type": "application/json" }, "body": { "error": "invalid_grant", "reused": true } },
                             { "name": "bad", "when": "badToken", "status": 401,
                               "headers": { "Content-Type": "application/json" }, "body": { "error": "invalid_grant" } } ] }
            """,
            "api/me.json": TokenFixture.profile(),
        ]
    }

    static let pairBody = """
        { "access_token": "{{token}}", "expires_in": "{{token.expiresIn}}",
          "refresh_token": "{{refreshToken}}", "refresh_expires_in": "{{refreshToken.expiresIn}}" }
        """

    static func refresh(_ stub: AuthStubServer, _ token: String) async throws -> StubResponse {
        try await stub.send(
            "POST",
            "/token/refresh",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "grant_type=refresh_token&refresh_token=\(token)"
        )
    }

    static func me(_ stub: AuthStubServer, _ token: String) async throws -> Int {
        try await stub.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"]).status
    }

    @Test("login issues a pair; refresh (form body) rotates; the old refresh token is refused as reused; the family lives on with reuse: refuse")
    func rotateAndRefuseReuse() async throws {
        try await TokenFixture.serve(Self.files(reuse: "refuse")) { stub in
            let login = try #require(try await stub.apiLogin().json)
            #expect(login["expires_in"] as? Int == 3600)
            #expect(login["refresh_expires_in"] as? Int == 30 * 86400)
            let access1 = try #require(login["access_token"] as? String)
            let refresh1 = try #require(login["refresh_token"] as? String)
            #expect(refresh1.count == 40)
            #expect(try await Self.me(stub, refresh1) == 401, "a refresh token is no access token")
            #expect(stub.lastEntry?.refusalReason == .unknown)

            _ = try await stub.advanceClock(by: .seconds(3600))
            #expect(try await Self.me(stub, access1) == 401, "the access token's 1h lifetime ended")
            let exchanged = try await Self.refresh(stub, refresh1)
            #expect(exchanged.status == 200)
            let pair = try #require(exchanged.json)
            let access2 = try #require(pair["access_token"] as? String)
            let refresh2 = try #require(pair["refresh_token"] as? String)
            #expect(refresh2 != refresh1 && access2 != access1)
            #expect(pair["expires_in"] as? Int == 3600)
            #expect(try await Self.me(stub, access2) == 200)

            let reused = try await Self.refresh(stub, refresh1)
            #expect(reused.status == 401)
            #expect(reused.json?["reused"] as? Bool == true)
            #expect(stub.lastEntry?.refusalReason == .reused)
            #expect(stub.lastEntry?.reason == "refresh token already exchanged (rotated)")
            #expect(try await Self.me(stub, access2) == 200, "reuse: refuse ends nothing else")
            #expect(try await Self.refresh(stub, refresh2).status == 200)
            let journalBody = try #require(stub.journal.last { $0.path == "/token/refresh" }?.body)
            #expect(!journalBody.contains(refresh2), "the journal hides the refresh token")
        }
    }

    @Test("reuse: revokeFamily ends every token of the family; a refresh token ends after its lifetime")
    func reuseRevokesFamily() async throws {
        try await TokenFixture.serve(Self.files(reuse: "revokeFamily")) { stub in
            let login = try #require(try await stub.apiLogin().json)
            let refresh1 = try #require(login["refresh_token"] as? String)
            let pair = try #require(try await Self.refresh(stub, refresh1).json)
            let access2 = try #require(pair["access_token"] as? String)
            let refresh2 = try #require(pair["refresh_token"] as? String)
            #expect(try await Self.refresh(stub, refresh1).status == 401)
            #expect(stub.lastEntry?.refusalReason == .reused)
            #expect(try await Self.me(stub, access2) == 401)
            #expect(stub.lastEntry?.reason == "token family revoked")
            #expect(try await Self.refresh(stub, refresh2).status == 401)
            #expect(stub.lastEntry?.refusalReason == .revoked)

            let other = try #require(try await stub.apiLogin().json?["refresh_token"] as? String)
            _ = try await stub.advanceClock(by: .seconds(30 * 86400))
            #expect(try await Self.refresh(stub, other).status == 401)
            #expect(stub.lastEntry?.refusalReason == .expired)
            let missing = try await stub.send("POST", "/token/refresh", headers: ["Content-Type": "application/json"], body: "{}")
            #expect(missing.json?["error"] as? String == "invalid_grant")
            #expect(stub.lastEntry?.refusalReason == .missing)
        }
    }

    @Test("a refresh endpoint needs refreshToken and a service with refresh tokens")
    func refreshEndpointChecked() async throws {
        var files = Self.files(reuse: "refuse")
        files["api/service.json"] = TokenFixture.service(token: #"{ "scheme": "bearer" }"#)
        files["api/other.json"] = """
            { "kind": "endpoint", "name": "other", "method": "POST", "path": "/other", "role": "refresh",
              "responses": [ { "name": "ok", "when": "success", "status": 200 } ] }
            """
        try await withTemporaryFolder { folder in
            for (name, text) in files { try write(text, to: name, in: folder) }
            let error = try #require(throws: FixtureLoadError.self) { try FixtureLoader.load(from: [folder.appendingPathComponent("api")]) }
            let reasons = error.problems.map { "\(($0.file as NSString).lastPathComponent) \($0.path): \($0.reason)" }
            #expect(
                reasons.contains(
                    #"other.json $.refreshToken: a refresh endpoint needs "refreshToken": where the request carries it, e.g. "body.refresh_token""#
                )
            )
        }
        files["api/other.json"] = nil
        try await withTemporaryFolder { folder in
            for (name, text) in files { try write(text, to: name, in: folder) }
            let error = try #require(throws: FixtureLoadError.self) { try FixtureLoader.load(from: [folder.appendingPathComponent("api")]) }
            #expect(error.problems.map(\.path) == ["$.role"])
            #expect(error.problems.first?.reason.hasPrefix("a refresh endpoint needs refresh tokens") == true)
        }
    }
}
