import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// Per-user data (`users[].data`), shown by `{{user.<field>}}` and kept through the control API.
@Suite("Users: data beyond the name")
struct UserDataTests {
    /// `ada` with an email and a numeric id, `bob` with none; the login answers both
    /// placeholders and `GET /me` the email.
    static let service = TokenFixture.service(token: #"{ "scheme": "bearer" }"#)
        .replacingOccurrences(
            of: #"[ { "username": "ada", "password": "lovelace" } ]"#,
            with: #"[ { "username": "ada", "password": "lovelace", "data": { "email": "ada@example.com", "id": 42 } }, "#
                + #"{ "username": "bob", "password": "builder" } ]"#
        )
    static let files = [
        "api/service.json": service,
        "api/login.json": TokenFixture.login(body: #"{ "token": "{{token}}", "email": "{{user.email}}", "id": "{{user.id}}", "user": "{{user}}" }"#),
        "api/me.json": """
        { "kind": "endpoint", "name": "me", "method": "GET", "path": "/me", "role": "requiresToken",
          "responses": [ { "name": "profile", "when": "success", "status": 200,
                           "headers": { "Content-Type": "application/json" }, "body": { "mail": "<{{user.email}}>" } } ] }
        """,
    ]

    @Test("a fixture user's data fills {{user.email}} (a string) and {{user.id}} (a number); without data the members are left out")
    func fixtureData() async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let login = try await stub.apiLogin()
            #expect(login.status == 200)
            #expect(login.json?["email"] as? String == "ada@example.com")
            #expect(login.json?["id"] as? Int == 42)
            #expect(login.json?["user"] as? String == "ada")
            let token = try #require(login.json?["token"] as? String)
            let me = try await stub.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"])
            #expect(me.json?["mail"] as? String == "<ada@example.com>")

            let bob = try await stub.send(
                "POST",
                "/login",
                headers: ["Content-Type": "application/json"],
                body: #"{"username":"bob","password":"builder"}"#
            )
            #expect(bob.status == 200)
            #expect(bob.json?["user"] as? String == "bob")
            #expect(bob.json?.keys.contains("email") == false)
            #expect(bob.json?.keys.contains("id") == false)
        }
    }

    @Test("POST /__control/users takes data; the listing shows it (passwords still masked); a login answers it", arguments: ControlTransport.allCases)
    func controlData(transport: ControlTransport) async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let control: any AuthStubControl = transport == .http ? stub.controlClient() : stub
            let grace = ServiceUser(
                service: "api",
                username: "grace",
                password: "hopper",
                data: ["email": .string("grace@example.com"), "id": .int(7)]
            )
            #expect(try await control.setUser(grace) == grace)
            let listed = try await control.users().first { $0.username == "grace" }
            #expect(listed?.data == ["email": .string("grace@example.com"), "id": .int(7)])
            #expect(listed?.password == "[redacted]")
            #expect(try await control.users().first { $0.username == "ada" }?.data["email"] == .string("ada@example.com"))

            let login = try await stub.send(
                "POST",
                "/login",
                headers: ["Content-Type": "application/json"],
                body: #"{"username":"grace","password":"hopper"}"#
            )
            #expect(login.json?["email"] as? String == "grace@example.com")
            #expect(login.json?["id"] as? Int == 7)

            _ = try await control.reset()
            #expect(try await control.users().contains { $0.username == "grace" } == false)
        }
    }

    @Test("data that is not an object is a 400 naming data; in a fixture, a problem at users[0].data")
    func badData() async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let refused = try await stub.controlRawSend(
                "POST",
                "/__control/users",
                headers: ["Content-Type": "application/json"],
                body: #"{"service":"api","username":"x","password":"y","data":"mail"}"#
            )
            #expect(refused.status == 400)
            #expect(try JSONValue.parse(refused.body)["field"]?.stringValue == "data")
        }
        try await withTemporaryFolder { folder in
            let broken = Self.service.replacingOccurrences(of: #""data": { "email": "ada@example.com", "id": 42 }"#, with: #""data": [1]"#)
            try write(broken, to: "api/service.json", in: folder)
            let error = #expect(throws: FixtureLoadError.self) { try AuthStubServer.loadFixtures([.directory(folder.appendingPathComponent("api"))]) }
            let problems = error?.problems.map { "\($0.path): \($0.reason)" } ?? []
            #expect(problems.contains("$.users[0].data: expected an object of the user's values, found an array"), "\(problems)")
        }
    }
}
