import Foundation
import Testing

@testable import AuthStub

/// A service added by a folder: its own route requiring the token gets the same 401, idle
/// expiry and touch behaviour as the bundled ones. Also the 8 h boundary.
@Suite("A user's own fixture folder")
struct UserFixtureTests {
    static let service = """
        {
          "kind": "service", "name": "acme", "title": "ACME auth",
          "credentials": { "scheme": "jsonBody", "usernameField": "login", "passwordField": "pass" },
          "token": { "scheme": "bearer", "idleTimeout": "8h", "challenge": "Bearer realm=\\"acme\\"" },
          "users": [ { "username": "ada", "password": "lovelace" } ],
          "errors": { "mediaType": "application/json", "body": { "status": "{{status}}", "error": "{{message}}" } }
        }
        """
    static let login = """
        { "kind": "endpoint", "name": "login", "method": "POST", "path": "/login", "role": "login",
          "responses": [ { "name": "ok", "when": "success", "status": 200,
                           "headers": { "Content-Type": "application/json" },
                           "body": { "accessToken": "{{token}}", "user": "{{user}}", "issued": "{{now}}" } } ] }
        """
    static let profile = """
        { "kind": "endpoint", "name": "me", "method": "GET", "path": "/me", "role": "requiresToken",
          "responses": [ { "name": "profile", "when": "success", "status": 200,
                           "headers": { "Content-Type": "application/json" },
                           "body": { "name": "{{user}}" } } ] }
        """

    static func makeFolder(in folder: URL) throws -> URL {
        let acme = folder.appendingPathComponent("acme")
        try write(service, to: "acme/service.json", in: folder)
        try write(login, to: "acme/login.json", in: folder)
        try write(profile, to: "acme/me.json", in: folder)
        return acme
    }

    @Test("the route requiring the token: 401 without it, 200 with it, idle expiry at 8 h, reset by each use")
    func requiresTokenAndEightHourBoundary() async throws {
        try await withTemporaryFolder { folder in
            let acme = try Self.makeFolder(in: folder)
            try await withStub(AuthStubServer.Options(fixtures: [.directory(acme)])) { stub in
                let login = try await stub.send(
                    "POST",
                    "/login",
                    headers: ["Content-Type": "application/json"],
                    body: #"{"login":"ada","pass":"lovelace"}"#
                )
                #expect(login.status == 200)
                #expect(login.json?["user"] as? String == "ada")
                let token = try #require(login.json?["accessToken"] as? String)
                let bearer = ["Authorization": "Bearer \(token)"]

                let anonymous = try await stub.send("GET", "/me")
                #expect(anonymous.status == 401)
                #expect(anonymous.text == #"{"status":401,"error":"missing token"}"#)
                #expect(anonymous.header("WWW-Authenticate") == #"Bearer realm="acme""#)

                try await stub.freezeClock()
                try await stub.advanceClock(by: .seconds(7 * 3600 + 59 * 60))
                #expect(try await stub.send("GET", "/me", headers: bearer).status == 200, "valid at 7h59m")
                try await stub.advanceClock(by: .seconds(7 * 3600 + 59 * 60))
                #expect(try await stub.send("GET", "/me", headers: bearer).status == 200, "the use at 7h59m reset the timer")
                try await stub.advanceClock(by: .seconds(8 * 3600))
                let late = try await stub.send("GET", "/me", headers: bearer)
                #expect(late.status == 401, "refused at 8h")
                #expect(stub.lastEntry?.reason == "token idle for 8h0m (limit 8h)")
            }
        }
    }

    @Test("bundled and own services side by side")
    func bundledBesideOwn() async throws {
        try await withTemporaryFolder { folder in
            let acme = try Self.makeFolder(in: folder)
            try await withStub(AuthStubServer.Options(fixtures: [.bundled, .directory(acme)])) { stub in
                #expect(stub.fixtures.services.map(\.name) == ["oauth2", "usertoken", "wice", "acme"])
                _ = try await stub.wiceLogin()
            }
        }
    }

    @Test("a sunset date passing on the server clock removes the deprecated route: 410 naming the successor")
    func sunsetRemovesRoute() async throws {
        try await withTemporaryFolder { folder in
            let acme = try Self.makeFolder(in: folder)
            try write(
                """
                { "kind": "endpoint", "name": "me-v1", "method": "GET", "path": "/v1/me", "role": "requiresToken",
                  "deprecation": { "deprecatedAt": "2026-01-01T00:00:00+00:00", "sunsetAt": "2026-12-01T00:00:00+00:00",
                                   "successor": { "method": "GET", "path": "/me" } },
                  "responses": [ { "name": "profile", "when": "success", "status": 200,
                                   "headers": { "Content-Type": "application/json" }, "body": { "name": "{{user}}" } } ] }
                """,
                to: "me-v1.json",
                in: acme
            )
            try await withStub(AuthStubServer.Options(fixtures: [.directory(acme)])) { stub in
                try await stub.freezeClock(at: Date(timeIntervalSince1970: 1_795_428_000))  // 2026-11-23
                let login = try await stub.send(
                    "POST",
                    "/login",
                    headers: ["Content-Type": "application/json"],
                    body: #"{"login":"ada","pass":"lovelace"}"#
                )
                let bearer = ["Authorization": "Bearer \(try #require(login.json?["accessToken"] as? String))"]

                let before = try await stub.send("GET", "/v1/me", headers: bearer)
                #expect(before.status == 200)
                #expect(before.header("Deprecation") == "@1767225600")
                #expect(before.header("Sunset") == "Tue, 01 Dec 2026 00:00:00 GMT")
                #expect(before.header("Link") == #"</me>; rel="successor-version""#)
                #expect(stub.lastEntry?.deprecated == true)

                try await stub.advanceClock(by: .seconds(8 * 24 * 3600))  // 2026-12-01
                let after = try await stub.send("GET", "/v1/me", headers: bearer)
                #expect(after.status == 410)
                #expect(after.json?["error"] as? String == "GET /v1/me was removed; use GET /me")
                #expect(after.header("Deprecation") == nil)
                #expect(after.header("Link") == #"</me>; rel="successor-version""#)
                #expect(stub.lastEntry?.reason == "GET /v1/me was removed; use GET /me")
            }
        }
    }
}
