import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// `"match"` on responses and endpoints, through a real server: an OAuth-style token endpoint
/// split into one file per grant type, with a documented answer for an unknown grant type.
@Suite("Request matches")
struct RequestMatchTests {
    static let service = """
        { "kind": "service", "name": "oauth",
          "credentials": { "scheme": "jsonBody" }, "token": { "scheme": "bearer" },
          "users": [ { "username": "ada", "password": "pw" } ],
          "errors": { "mediaType": "application/json", "body": { "error": "{{message}}" } } }
        """
    static let password = """
        { "kind": "endpoint", "name": "token-password", "method": "POST", "path": "/token", "role": "login",
          "accepts": ["form", "json"], "match": { "body.grant_type": "password" },
          "responses": [
            { "name": "debug", "when": "success", "status": 200, "match": { "query.debug": true },
              "headers": { "Content-Type": "application/json" }, "body": { "access_token": "{{token}}", "debug": true } },
            { "name": "ok", "when": "success", "status": 200,
              "headers": { "Content-Type": "application/json" }, "body": { "access_token": "{{token}}", "token_type": "Bearer" } },
            { "name": "unsupported", "when": "badRequest", "reason": "unmatched", "status": 400,
              "headers": { "Content-Type": "application/json" }, "body": { "error": "unsupported_grant_type" } },
            { "name": "invalid-grant", "when": "badCredentials", "status": 400,
              "headers": { "Content-Type": "application/json" }, "body": { "error": "invalid_grant" } }
          ] }
        """
    static let client = """
        { "kind": "endpoint", "name": "token-client", "method": "POST", "path": "/token", "role": "public",
          "accepts": ["form"], "match": { "body.grant_type": ["client_credentials", "urn:example:client"] },
          "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" },
                           "body": { "access_token": "client-token", "scope": "{{request.body.scope}}" } } ] }
        """
    static let status = """
        { "kind": "endpoint", "name": "status", "method": "GET", "path": "/status", "role": "public",
          "responses": [
            { "name": "beta", "when": "success", "status": 200, "match": { "header.X-Beta": true },
              "headers": { "Content-Type": "application/json" }, "body": { "shown": "beta" } },
            { "name": "anonymous", "when": "success", "status": 200, "match": { "cookie.sid": false },
              "headers": { "Content-Type": "application/json" }, "body": { "shown": "anonymous" } },
            { "name": "scoped", "when": "success", "status": 200, "match": { "query.scope": ["global", "local"], "cookie.sid": "s1" },
              "headers": { "Content-Type": "application/json" }, "body": { "shown": "scoped" } },
            { "name": "plain", "when": "success", "status": 200,
              "headers": { "Content-Type": "application/json" }, "body": { "shown": "plain" } }
          ] }
        """

    static let form = ["Content-Type": "application/x-www-form-urlencoded"]

    func withOAuthServer(_ body: (AuthStubServer) async throws -> Void) async throws {
        try await withTemporaryFolder { folder in
            try write(Self.service, to: "oauth/service.json", in: folder)
            try write(Self.password, to: "oauth/token-password.json", in: folder)
            try write(Self.client, to: "oauth/token-client.json", in: folder)
            try write(Self.status, to: "oauth/status.json", in: folder)
            let options = AuthStubServer.Options(fixtures: [.directory(folder.appendingPathComponent("oauth"))])
            try await withStub(options) { stub in try await body(stub) }
        }
    }

    @Test("one path, one endpoint per grant_type: the password grant logs in, client_credentials takes the other file")
    func endpointByGrantType() async throws {
        try await withOAuthServer { stub in
            let login = try await stub.send("POST", "/token", headers: Self.form, body: "grant_type=password&username=ada&password=pw")
            #expect(login.status == 200)
            #expect(login.header("X-AuthStub-Example") == "oauth/token-password#ok")
            #expect(login.json?["token_type"] as? String == "Bearer")
            let client = try await stub.send("POST", "/token", headers: Self.form, body: "grant_type=urn%3Aexample%3Aclient&scope=read")
            #expect(client.header("X-AuthStub-Example") == "oauth/token-client#ok")
            #expect(client.json?["scope"] as? String == "read")
            let json = try await stub.send(
                "POST",
                "/token?debug",
                headers: ["Content-Type": "application/json"],
                body: #"{"grant_type":"password","username":"ada","password":"pw"}"#
            )
            #expect(json.header("X-AuthStub-Example") == "oauth/token-password#debug")
            let wrong = try await stub.send("POST", "/token", headers: Self.form, body: "grant_type=password&username=ada&password=no")
            #expect(wrong.status == 400)
            #expect(wrong.json?["error"] as? String == "invalid_grant")
        }
    }

    @Test("raw socket: an unknown grant_type, or none, gets the documented unsupported_grant_type; the journal says unmatched")
    func unmatchedGrantType() async throws {
        try await withOAuthServer { stub in
            let connection = try await RawConnection.connect(port: try #require(stub.port))
            for body in ["grant_type=implicit", "username=ada&password=pw"] {
                try await connection.send(
                    "POST /token HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                )
                let response = try await connection.response()
                #expect(response.status == 400)
                #expect(response.text == #"{"error":"unsupported_grant_type"}"#)
                #expect(response.header("X-AuthStub-Example") == "oauth/token-password#unsupported")
                let entry = try #require(stub.lastEntry)
                #expect(entry.refusalReason == .unmatched)
                #expect(
                    entry.reason
                        == "no endpoint for POST /token matches the request; tried oauth/token-client (body.grant_type), oauth/token-password (body.grant_type)"
                )
            }
        }
    }

    @Test("response matches on headers, cookies and query values: present, absent, one of, all entries together")
    func responseMatches() async throws {
        try await withOAuthServer { stub in
            let cases: [(path: String, headers: [String: String], shown: String)] = [
                ("/status", ["x-beta": "1", "Cookie": "sid=s1"], "beta"),
                ("/status", [:], "anonymous"),
                ("/status?scope=local", ["Cookie": "sid=s1"], "scoped"),
                ("/status?scope=local", ["Cookie": "sid=s2"], "plain"),
                ("/status?scope=other", ["Cookie": "sid=s1"], "plain"),
            ]
            for item in cases {
                let response = try await stub.send("GET", item.path, headers: item.headers)
                #expect(response.json?["shown"] as? String == item.shown, "\(item.path) \(item.headers)")
            }
        }
    }

    @Test("fixture checks: bad selectors and values, a response that is never chosen, two endpoints with one route and match")
    func validation() async throws {
        try await withTemporaryFolder { folder in
            try write(Self.service, to: "oauth/service.json", in: folder)
            try write(
                Self.status
                    .replacingOccurrences(
                        of: #"{ "header.X-Beta": true }"#,
                        with: #"{ "form.x": "a", "query.n": 3, "query.m": [], "header.a": true, "header.A": false }"#
                    )
                    .replacingOccurrences(
                        of:
                            #""name": "scoped", "when": "success", "status": 200, "match": { "query.scope": ["global", "local"], "cookie.sid": "s1" }"#,
                        with: #""name": "again", "when": "success", "status": 200, "match": { "cookie.sid": false }"#
                    ),
                to: "oauth/status.json",
                in: folder
            )
            try write(Self.client, to: "oauth/token-client.json", in: folder)
            try write(
                Self.client.replacingOccurrences(of: "\"token-client\"", with: "\"token-client2\"")
                    .replacingOccurrences(
                        of: #""{{request.body.scope}}" } } ] }"#,
                        with:
                            #""{{request.body.scope}}" } }, { "name": "later", "when": "success", "status": 201, "match": { "body.scope": "x" }, "headers": { "Content-Type": "application/json" } } ] }"#
                    ),
                to: "oauth/token-client2.json",
                in: folder
            )
            do throws(FixtureLoadError) {
                _ = try AuthStubServer.loadFixtures([.directory(folder.appendingPathComponent("oauth"))])
                Issue.record("invalid fixtures loaded")
            } catch {
                let found = Set(error.problems.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent) \($0.path): \($0.reason)" })
                let expected: Set<String> = [
                    "status.json $.responses[0].match[\"form.x\"]: \"form.x\" is not a selector (\(ValueSelector.syntax))",
                    "status.json $.responses[0].match[\"query.n\"]: expected a string, a non-empty array of strings, true (present) or false (absent), found the number 3",
                    "status.json $.responses[0].match[\"query.m\"]: expected a string, a non-empty array of strings, true (present) or false (absent), found an array",
                    "status.json $.responses[0].match[\"header.A\"]: header.a is named twice (header names are case-insensitive)",
                    "status.json $.responses[2].name: \"again\" is never chosen: \"anonymous\" before it answers the same requests (give it a reason, match or requestBodyHasAny, or remove it)",
                    "token-client2.json $.responses[1].name: \"later\" is never chosen: \"ok\" before it answers the same requests (give it a reason, match or requestBodyHasAny, or remove it)",
                ]
                #expect(found == expected, "missing: \(expected.subtracting(found).sorted())\nextra: \(found.subtracting(expected).sorted())")
            }
            try write(Self.status, to: "oauth/status.json", in: folder)
            try write(Self.client.replacingOccurrences(of: "\"token-client\"", with: "\"token-client2\""), to: "oauth/token-client2.json", in: folder)
            do throws(FixtureLoadError) {
                _ = try AuthStubServer.loadFixtures([.directory(folder.appendingPathComponent("oauth"))])
                Issue.record("two endpoints with one route and match loaded")
            } catch {
                let reasons = error.problems.map(\.reason)
                #expect(
                    reasons.contains {
                        $0.hasPrefix(
                            #"POST /token with match {"body.grant_type": ["client_credentials","urn:example:client"]} is already served by oauth/token-client"#
                        )
                    },
                    "\(reasons)"
                )
            }
        }
    }
}
