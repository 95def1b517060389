import Foundation
import Testing

@testable import AuthStub

/// A real flow captured against a real AuthStub serving an API unlike the bundled ones, written
/// as fixtures, loaded, served, and replayed offline with the new password: the same statuses,
/// a live token that works until logout, and no secret in any file.
@Suite("Recording: a captured flow replays offline")
struct RecordingEndToEndTests {
    /// The upstream: JSON body credentials under other names, the token nested in the body, an
    /// expiry in seconds, ids in paths, logout by DELETE.
    static let upstream: [String: String] = [
        "acme/service.json": """
        { "kind": "service", "name": "acme",
          "credentials": { "scheme": "body", "usernameField": "email", "passwordField": "passphrase" },
          "token": { "scheme": "bearer", "lifetime": "1h", "challenge": "Bearer realm=\\"acme\\"" },
          "users": [ { "username": "ada@example.test", "password": "correct horse battery" } ],
          "errors": { "mediaType": "application/json", "body": { "message": "{{message}}" } } }
        """,
        "acme/session.json": """
        { "kind": "endpoint", "name": "session", "method": "POST", "path": "/api/session", "role": "login",
          "responses": [
            { "name": "ok", "when": "success", "status": 201, "headers": { "Content-Type": "application/json", "Cache-Control": "no-store" },
              "body": { "session": { "token": "{{token}}", "expires_in": "{{token.expiresIn}}", "user": "{{user}}", "created": "{{now}}" } } },
            { "name": "wrong", "when": "badCredentials", "status": 401, "headers": { "Content-Type": "application/json" },
              "body": { "message": "wrong email or passphrase" } } ] }
        """,
        "acme/me.json": """
        { "kind": "endpoint", "name": "me", "method": "GET", "path": "/api/me", "role": "requiresToken",
          "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" },
                           "body": { "email": "{{user}}", "plan": "pro" } } ] }
        """,
        "acme/user.json": """
        { "kind": "endpoint", "name": "user", "method": "GET", "path": "/api/users/{id}", "role": "requiresToken",
          "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" },
                           "body": { "id": "{{request.path.id}}", "kind": "member" } } ] }
        """,
        "acme/logout.json": """
        { "kind": "endpoint", "name": "logout", "method": "DELETE", "path": "/api/session", "role": "logout",
          "responses": [ { "name": "gone", "when": "success", "status": 204 } ] }
        """,
    ]

    /// The flow, as a client runs it: each step's status.
    static func flow(
        _ send: (String, String, [(String, String)], String) async throws -> ProxiedExchange,
        password: String
    ) async throws -> [Int] {
        var statuses: [Int] = []
        let wrong = try await send("POST", "/api/session", [("Accept", "application/json")], #"{"email":"ada@example.test","passphrase":"nope"}"#)
        statuses.append(wrong.status)
        let login = try await send(
            "POST",
            "/api/session",
            [("Accept", "application/json")],
            #"{"email":"ada@example.test","passphrase":"\#(password)"}"#
        )
        statuses.append(login.status)
        let body = try JSONValue.parse(login.text)
        let token = try #require(body["session"]?["token"]?.stringValue)
        #expect(body["session"]?["expires_in"]?.intValue == 3600)
        #expect(body["session"]?["user"]?.stringValue == "ada@example.test")
        let bearer = [("Authorization", "Bearer \(token)")]
        statuses.append(try await send("GET", "/api/me", [], "").status)
        statuses.append(try await send("GET", "/api/me", bearer, "").status)
        statuses.append(try await send("GET", "/api/users/7", bearer, "").status)
        statuses.append(try await send("GET", "/api/users/8", bearer, "").status)
        statuses.append(try await send("DELETE", "/api/session", bearer, "").status)
        statuses.append(try await send("GET", "/api/me", bearer, "").status)
        return statuses
    }

    @Test("record against a real server, write, validate, serve, replay: same statuses, a live token, logout then 401, no secret written")
    func roundTrip() async throws {
        try await withTemporaryFolder { folder in
            for (name, text) in Self.upstream { try write(text, to: name, in: folder) }
            let upstreamFolder = folder.appendingPathComponent("acme")
            let (recorded, exchanges) = try await withStub(AuthStubServer.Options(fixtures: [.directory(upstreamFolder)])) { stub in
                let capture = try ExchangeCapture(stub)
                let statuses = try await Self.flow({ try await capture.send($0, $1, headers: $2, body: $3) }, password: "correct horse battery")
                return (statuses, capture.exchanges)
            }
            #expect(recorded == [401, 201, 401, 200, 200, 200, 204, 401])
            let tokens = exchanges.compactMap { exchange in
                (try? JSONValue.parse(exchange.responseBody))?["session"]?["token"]?.stringValue
            }
            #expect(tokens.count == 1)

            let out = folder.appendingPathComponent("out")
            let report = try RecordingWriter.write(exchanges, refused: 0, to: out, options: RecordingOptions(service: "acme-recorded"))
            let written = out.appendingPathComponent("acme-recorded")
            #expect(
                Set(report.files) == [
                    "service.json", "post-api-session.json", "get-api-me.json", "get-api-users-userid.json", "delete-api-session.json",
                ]
            )
            let user = try #require(report.users.first)
            #expect(user.username == "ada@example.test" && user.password.count == 16 && !user.kept)

            // Secrets absent from every file: the passwords, the token, any Authorization value.
            for (name, text) in try recordedFiles(in: written) {
                for secret in ["correct horse battery", "nope"] + tokens {
                    #expect(!text.contains(secret), "\(name) holds a secret")
                }
            }
            let service = try recordedJSON("service.json", in: written)
            #expect(service["token"]?["scheme"]?.stringValue == "bearer")
            #expect(service["token"]?["lifetime"]?.stringValue == "1h")
            #expect(service["credentials"]?["usernameField"]?.stringValue == "email")
            #expect(service["credentials"]?["passwordField"]?.stringValue == "passphrase")
            let users = try recordedJSON("get-api-users-userid.json", in: written)
            #expect(users["path"]?.stringValue == "/api/users/{userId}")
            #expect(users["role"]?.stringValue == "requiresToken")
            #expect(try recordedJSON("delete-api-session.json", in: written)["role"]?.stringValue == "logout")
            let login = try recordedJSON("post-api-session.json", in: written)
            let success = try #require(login["responses"]?.arrayValue?.first { $0["when"]?.stringValue == "success" })
            #expect(success["body"]?["session"]?["token"]?.stringValue == "{{token}}")
            #expect(success["body"]?["session"]?["expires_in"]?.stringValue == "{{token.expiresIn}}")
            #expect(success["body"]?["session"]?["created"]?.stringValue == "{{now}}")
            #expect(success["body"]?["session"]?["user"]?.stringValue == "{{user}}")
            #expect(success["headers"]?["Cache-Control"]?.stringValue == "no-store")
            #expect(success["headers"]?["Date"] == nil && success["headers"]?["Content-Length"] == nil)

            let replayed = try await withStub(AuthStubServer.Options(fixtures: [.directory(written)])) { stub in
                let capture = try ExchangeCapture(stub)
                return try await Self.flow({ try await capture.send($0, $1, headers: $2, body: $3) }, password: user.password)
            }
            #expect(replayed == recorded)
        }
    }
}
