import Foundation
import Testing

@testable import AuthStub

/// Responses per refusal reason (`"reason"` on `badToken` responses), with their own
/// `WWW-Authenticate` as RFC 6750 §3.1 shows it, and the reason in the journal.
@Suite("Refusal reasons")
struct RefusalReasonTests {
    /// RFC 6750 §3.1: no error code when no token came; `error="invalid_token"` for a bad one.
    /// The bodies are django-rest-knox's.
    static let reasonResponses = """
        , { "name": "noToken", "when": "badToken", "reason": "missing", "status": 401,
            "headers": { "Content-Type": "application/json", "WWW-Authenticate": "Bearer realm=\\"example\\"" },
            "body": { "detail": "Authentication credentials were not provided." } },
          { "name": "badToken", "when": "badToken", "reason": ["unknown", "expired", "revoked", "disabled"], "status": 401,
            "headers": { "Content-Type": "application/json",
                         "WWW-Authenticate": "Bearer realm=\\"example\\", error=\\"invalid_token\\"" },
            "body": { "detail": "Invalid token." } }
        """

    static let logout = """
        { "kind": "endpoint", "name": "logout", "method": "POST", "path": "/logout", "role": "logout",
          "responses": [ { "name": "ok", "when": "success", "status": 204 } ] }
        """

    static let files: [String: String] = [
        "api/service.json": TokenFixture.service(token: #"{ "scheme": "bearer", "lifetime": "10h", "challenge": "Bearer" }"#),
        "api/login.json": TokenFixture.login(body: #"{ "token": "{{token}}" }"#),
        "api/me.json": TokenFixture.profile(more: reasonResponses),
        "api/logout.json": logout,
    ]

    @Test("no token, unknown, expired, disabled, logged out: each answered by the response for its reason and journaled with it")
    func responsePerReason() async throws {
        try await TokenFixture.serve(Self.files) { stub in
            func me(_ token: String?) async throws -> StubResponse {
                try await stub.send("GET", "/me", headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:])
            }
            let missing = try await me(nil)
            #expect(missing.status == 401)
            #expect(missing.header("WWW-Authenticate") == #"Bearer realm="example""#)
            #expect(missing.json?["detail"] as? String == "Authentication credentials were not provided.")
            #expect(stub.lastEntry?.refusalReason == .missing)

            let unknown = try await me("no-such-token")
            #expect(unknown.header("WWW-Authenticate") == #"Bearer realm="example", error="invalid_token""#)
            #expect(unknown.json?["detail"] as? String == "Invalid token.")
            #expect(stub.lastEntry?.refusalReason == .unknown)
            #expect(stub.lastEntry?.fixture == "api/me#badToken")

            let first = try #require(try await stub.apiLogin().json?["token"] as? String)
            _ = try await stub.setToken(first, enabled: false)
            #expect(try await me(first).json?["detail"] as? String == "Invalid token.")
            #expect(stub.lastEntry?.refusalReason == .disabled)

            let second = try #require(try await stub.apiLogin().json?["token"] as? String)
            #expect(try await stub.send("POST", "/logout", headers: ["Authorization": "Bearer \(second)"]).status == 204)
            #expect(try await me(second).status == 401)
            #expect(stub.lastEntry?.refusalReason == .revoked)
            #expect(stub.lastEntry?.reason == "token logged out")

            let third = try #require(try await stub.apiLogin().json?["token"] as? String)
            _ = try await stub.advanceClock(by: .seconds(10 * 3600))
            #expect(try await me(third).status == 401)
            let entries = try await stub.controlClient().requests()
            #expect(entries.last?.refusalReason == .expired, "the control API's journal shows the reason")
            #expect(entries.last?.reason == "past expirationTime")
            #expect(entries.first?.refusalReason == .missing)
        }
    }

    @Test("a reason no response names falls back to the service's error shape and challenge")
    func unlistedReasonUsesTheErrorTemplate() async throws {
        var files = Self.files
        files["api/me.json"] = TokenFixture.profile(
            more: """
                , { "name": "expired", "when": "badToken", "reason": "expired", "status": 401,
                    "headers": { "Content-Type": "application/json" }, "body": { "detail": "Token has expired." } }
                """
        )
        try await TokenFixture.serve(files) { stub in
            let missing = try await stub.send("GET", "/me")
            #expect(missing.text == #"{"status":401,"error":"missing token"}"#)
            #expect(missing.header("WWW-Authenticate") == "Bearer")
            #expect(stub.lastEntry?.fixture == "api/me")
        }
    }

    @Test("a reason that is not known, one on a success, or an empty list is refused at load")
    func badReasonsRefused() throws {
        func problems(_ responses: String) throws -> [String] {
            var reader = FixtureReader(file: "me.json")
            let text = """
                { "kind": "endpoint", "name": "me", "method": "GET", "path": "/me", "role": "requiresToken", "responses": [\(responses)] }
                """
            _ = reader.endpoint(try JSONValue.parse(text))
            return reader.problems.map { "\($0.path): \($0.reason)" }
        }
        let success = #"{ "name": "ok", "when": "success", "status": 200 }"#
        #expect(
            try problems(success + #", { "name": "b", "when": "badToken", "reason": "stale", "status": 401 }"#)
                == [
                    #"$.responses[1].reason: "stale" is not one of "missing", "wrong", "unknown", "expired", "revoked", "disabled", "reused", "unmatched", "unsupported""#
                ]
        )
        #expect(
            try problems(#"{ "name": "ok", "when": "success", "reason": "missing", "status": 200 }"#)
                == [#"$.responses[0].reason: a success answers no refusal, so it has no "reason""#]
        )
        #expect(
            try problems(success + #", { "name": "b", "when": "badToken", "reason": [], "status": 401 }"#)
                == ["$.responses[1].reason: list at least one reason"]
        )
        #expect(
            try problems(success + #", { "name": "b", "when": "badToken", "reason": 3, "status": 401 }"#)
                == ["$.responses[1].reason: expected a reason or an array of reasons, found the number 3"]
        )
    }
}
