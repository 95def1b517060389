import Foundation
import Testing

@testable import AuthStub

/// The `introspect` and `revoke` roles and `requiredScope` in a fixture of one's own (a JSON
/// body, another service's tokens), and the loader's complaints about them.
@Suite("Tokens: introspect, revoke and requiredScope in any fixture")
struct TokenExaminationTests {
    static let files: [String: String] = [
        "api/service.json": TokenFixture.service(token: #"{ "scheme": "bearer", "idleTimeout": "10m" }"#),
        "api/login.json": TokenFixture.login(body: #"{ "token": "{{token}}" }"#),
        "api/me.json": TokenFixture.profile(),
        "check/service.json": TokenFixture.service(
            name: "check",
            token: #"{ "scheme": "bearer" }"#,
            extra: #", "basePaths": ["/check"], "acceptsTokensFrom": ["api"]"#
        ),
        "check/introspect.json": """
        { "kind": "endpoint", "name": "introspect", "method": "POST", "path": "/introspect", "role": "introspect",
          "subjectToken": "body.t",
          "responses": [ { "name": "active", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" },
                           "body": { "active": true, "user": "{{user}}", "idleEnds": "{{token.expiresAtUnix}}" } },
                         { "name": "inactive", "when": "inactive", "status": 200, "headers": { "Content-Type": "application/json" },
                           "body": { "active": false } } ] }
        """,
        "check/revoke.json": """
        { "kind": "endpoint", "name": "revoke", "method": "POST", "path": "/revoke", "role": "revoke", "subjectToken": "header.X-Token",
          "responses": [ { "name": "done", "when": "success", "status": 204 } ] }
        """,
    ]

    static func introspect(_ stub: AuthStubServer, _ token: String) async throws -> StubResponse {
        try await stub.send("POST", "/check/introspect", headers: ["Content-Type": "application/json"], body: #"{"t":"\#(token)"}"#)
    }

    @Test("a JSON-body introspection in another service (acceptsTokensFrom) follows the idle timeout; a header-named revocation ends the token")
    func crossService() async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let token = try #require(try await stub.apiLogin().json?["token"] as? String)
            let active = try await Self.introspect(stub, token)
            #expect(active.json?["user"] as? String == "ada")
            _ = try await stub.advanceClock(by: .seconds(9 * 60))
            #expect(try await Self.introspect(stub, token).json?["active"] as? Bool == true, "introspection does not restart the idle timer")
            _ = try await stub.advanceClock(by: .seconds(60))
            #expect(try await Self.introspect(stub, token).json?["active"] as? Bool == false)
            #expect(stub.lastEntry?.reason == "inactive: token idle for 0h10m (limit 10m)")

            let fresh = try #require(try await stub.apiLogin().json?["token"] as? String)
            #expect(try await stub.send("POST", "/check/revoke", headers: ["X-Token": fresh]).status == 204)
            #expect(try await RefreshTokenTests.me(stub, fresh) == 401)
            #expect(stub.lastEntry?.reason == "token logged out")
            let revocation = try #require(stub.journal.last { $0.path == "/check/revoke" })
            #expect(revocation.headers.first { $0.name == "X-Token" }?.value == Redaction.shortened(fresh), "the journal shortens the token")
        }
    }

    @Test("the loader names each misuse: no subjectToken, subjectToken or requiredScope on the wrong role, a bad scope, conditions out of place")
    func problems() async throws {
        let found = try await TokenFixture.loadProblems([
            "api/service.json": TokenFixture.service(token: #"{ "scheme": "bearer" }"#),
            "api/login.json": """
            { "kind": "endpoint", "name": "login", "method": "POST", "path": "/login", "role": "login", "subjectToken": "body.t",
              "responses": [ { "name": "ok", "when": "success", "status": 200 }, { "name": "off", "when": "inactive", "status": 200 } ] }
            """,
            "api/introspect.json": """
            { "kind": "endpoint", "name": "introspect", "method": "POST", "path": "/introspect", "role": "introspect",
              "responses": [ { "name": "ok", "when": "success", "status": 200 } ] }
            """,
            "api/open.json": """
            { "kind": "endpoint", "name": "open", "method": "GET", "path": "/open", "role": "public", "requiredScope": "admin",
              "responses": [ { "name": "ok", "when": "success", "status": 200 } ] }
            """,
            "api/me.json": """
            { "kind": "endpoint", "name": "me", "method": "GET", "path": "/me", "role": "requiresToken", "requiredScope": ["read", "a b"],
              "responses": [ { "name": "ok", "when": "success", "status": 200 } ] }
            """,
            "api/plain.json": """
            { "kind": "endpoint", "name": "plain", "method": "GET", "path": "/plain", "role": "requiresToken",
              "responses": [ { "name": "ok", "when": "success", "status": 200 }, { "name": "low", "when": "insufficientScope", "status": 403 } ] }
            """,
        ])
        #expect(
            Set(found)
                == [
                    "login.json $.subjectToken: only an introspect or revoke endpoint reads a token to examine",
                    "login.json $.responses[1].when: only an introspect endpoint answers \"inactive\"",
                    "introspect.json $.subjectToken: an introspect endpoint needs \"subjectToken\": where the request names the token, e.g. \"body.token\"",
                    "open.json $.requiredScope: only an endpoint that requires a token checks its scope",
                    "me.json $.requiredScope: \"a b\" is not a scope token (RFC 6749 §3.3: printable ASCII without spaces, quotes or backslashes)",
                    "plain.json $.responses[1].when: \"insufficientScope\" answers only on an endpoint with \"requiredScope\"",
                ]
        )
    }
}
