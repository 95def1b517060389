import Foundation
import Testing

@testable import AuthStub

/// Logging out more than one token: a logout's `revokes` (`token`, `family`, `user`) and
/// `POST /__control/tokens/revoke`, over a real socket.
@Suite("Revoke all")
struct RevokeAllTests {
    static func files(revokes: String?) -> [String: String] {
        let key = revokes.map { #""revokes": "\#($0)","# } ?? ""
        return [
            "api/service.json": TokenFixture.service(token: #"{ "scheme": "bearer", "refresh": { "rotate": true } }"#),
            "api/login.json": TokenFixture.login(body: #"{ "access_token": "{{token}}", "refresh_token": "{{refreshToken}}" }"#),
            "api/logout.json": """
            { "kind": "endpoint", "name": "logout", "method": "POST", "path": "/logout", "role": "logout", \(key)
              "responses": [ { "name": "ok", "when": "success", "status": 204 },
                             { "name": "bad", "when": "badToken", "status": 401 } ] }
            """,
            "api/me.json": TokenFixture.profile(),
        ]
    }

    static func me(_ stub: AuthStubServer, _ token: String) async throws -> Int {
        try await stub.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"]).status
    }

    static func logout(_ stub: AuthStubServer, _ token: String) async throws -> Int {
        try await stub.send("POST", "/logout", headers: ["Authorization": "Bearer \(token)"]).status
    }

    /// Logs `ada` in; her access and refresh tokens.
    static func login(_ stub: AuthStubServer) async throws -> (access: String, refresh: String) {
        let body = try #require(try await stub.apiLogin().json)
        return (try #require(body["access_token"] as? String), try #require(body["refresh_token"] as? String))
    }

    static func endReasons(_ stub: AuthStubServer) async throws -> [String: TokenEndReason?] {
        let page = try await stub.controlClient().tokens(limit: nil, after: nil)
        return Dictionary(uniqueKeysWithValues: page.tokens.map { ($0.token, $0.endReason) })
    }

    @Test("revokes: user ends every token of the user on the service, and no one else's; later use is refused as revoked")
    func logoutUser() async throws {
        try await TokenFixture.serve(Self.files(revokes: "user")) { stub in
            let first = try await Self.login(stub)
            let second = try await Self.login(stub)
            let bob = try await stub.mintToken(service: "api", user: "bob").token
            #expect(try await Self.logout(stub, first.access) == 204)
            let reasons = try await Self.endReasons(stub)
            for token in [first.access, first.refresh, second.access, second.refresh] {
                #expect(reasons[token] == .userRevoked)
            }
            #expect(reasons[bob] == .some(nil), "bob's token lives on")
            #expect(try await Self.me(stub, second.access) == 401)
            #expect(stub.lastEntry?.refusalReason == .revoked)
            #expect(try await Self.me(stub, bob) == 200)
        }
    }

    @Test("revokes: family ends the presented token's family only; the default ends the token alone")
    func logoutFamilyAndToken() async throws {
        try await TokenFixture.serve(Self.files(revokes: "family")) { stub in
            let first = try await Self.login(stub)
            let second = try await Self.login(stub)
            #expect(try await Self.logout(stub, first.access) == 204)
            let reasons = try await Self.endReasons(stub)
            #expect(reasons[first.access] == .familyRevoked && reasons[first.refresh] == .familyRevoked)
            #expect(reasons[second.access] == .some(nil) && reasons[second.refresh] == .some(nil))
            #expect(try await Self.logout(stub, first.access) == 401)
            #expect(stub.lastEntry?.refusalReason == .revoked)
        }
        try await TokenFixture.serve(Self.files(revokes: nil)) { stub in
            let first = try await Self.login(stub)
            #expect(try await Self.logout(stub, first.access) == 204)
            let reasons = try await Self.endReasons(stub)
            #expect(reasons[first.access] == .loggedOut && reasons[first.refresh] == .some(nil))
        }
    }

    @Test("POST /__control/tokens/revoke ends the user's tokens on that service; 404 for an unknown service, 400 without a user; reset clears")
    func controlRoute() async throws {
        try await TokenFixture.serve(Self.files(revokes: nil)) { stub in
            let ada = try await Self.login(stub)
            let bob = try await stub.mintToken(service: "api", user: "bob").token
            let json = ["Content-Type": "application/json"]
            let revoked = try await stub.send("POST", "/__control/tokens/revoke", headers: json, body: #"{"service":"api","user":"ada"}"#)
            #expect(revoked.status == 200)
            #expect(revoked.json?["revoked"] as? Int == 2)
            let reasons = try await Self.endReasons(stub)
            #expect(reasons[ada.access] == .userRevoked && reasons[ada.refresh] == .userRevoked)
            #expect(reasons[bob] == .some(nil))
            #expect(try await Self.me(stub, ada.access) == 401)
            #expect(stub.lastEntry?.refusalReason == .revoked)

            let client = stub.controlClient()
            #expect(try await client.revokeTokens(service: "api", user: "bob") == 1)
            #expect(try await Self.me(stub, bob) == 401)
            let unknown = try await stub.send("POST", "/__control/tokens/revoke", headers: json, body: #"{"service":"nope","user":"ada"}"#)
            #expect(unknown.status == 404)
            let noUser = try await stub.send("POST", "/__control/tokens/revoke", headers: json, body: #"{"service":"api"}"#)
            #expect(noUser.status == 400)
            #expect(noUser.json?["field"] as? String == "user")

            try await stub.reset()
            #expect(try await Self.endReasons(stub).isEmpty)
            #expect(try await Self.me(stub, ada.access) == 401)
            #expect(stub.lastEntry?.refusalReason == .unknown)
        }
    }

    @Test("revokes is read only on a logout endpoint and only with a known value")
    func fixtureChecks() async throws {
        let unknown = try await TokenFixture.loadProblems(Self.files(revokes: "everything"))
        #expect(unknown == [#"logout.json $.revokes: "everything" is not one of "token", "family", "user""#])
        var files = Self.files(revokes: nil)
        files["api/me.json"] = TokenFixture.profile().replacingOccurrences(
            of: #""role": "requiresToken","#,
            with: #""role": "requiresToken", "revokes": "user","#
        )
        #expect(try await TokenFixture.loadProblems(files) == ["me.json $.revokes: only a logout endpoint revokes tokens"])
    }
}
