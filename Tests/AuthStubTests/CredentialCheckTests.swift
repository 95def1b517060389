import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// A login with several credential checks, as the OAuth 2.0 password grant (RFC 6749 §4.3)
/// has: the client by Basic against `accounts.clients` (§2.3.1), the user by form fields. All
/// checks must pass; each check's missing and wrong refusals get their own documented answer.
@Suite("Credential checks")
struct CredentialCheckTests {
    static let service = """
        { "kind": "service", "name": "oauth",
          "credentials": { "scheme": "jsonBody" }, "token": { "scheme": "bearer" },
          "users": [ { "username": "ada", "password": "pw" } ],
          "accounts": { "clients": [ { "username": "app", "password": "s3cret" } ] },
          "errors": { "mediaType": "application/json", "body": { "error": "{{message}}" } } }
        """
    static func response(_ name: String, when: String = "badCredentials", check: String, reason: String, status: Int, error: String) -> String {
        """
        { "name": "\(name)", "when": "\(when)", "check": "\(check)", "reason": "\(reason)", "status": \(status),
          "headers": { "Content-Type": "application/json" }, "body": { "error": "\(error)" } }
        """
    }
    /// The user check comes first and the client check last: `{{user}}` is still the user.
    static let token = """
        { "kind": "endpoint", "name": "token", "method": "POST", "path": "/oauth/token", "role": "login", "accepts": ["form"],
          "credentials": [
            { "scheme": "body", "name": "user" },
            { "scheme": "basic", "accounts": "clients", "name": "client", "challenge": "Basic realm=\\"oauth\\"" }
          ],
          "responses": [
            { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" },
              "body": { "access_token": "{{token}}", "token_type": "Bearer", "user": "{{user}}" } },
            \(response("client-missing", check: "client", reason: "missing", status: 401, error: "invalid_client")),
            \(response("client-wrong", check: "client", reason: "wrong", status: 401, error: "unauthorized_client")),
            \(response("user-missing", when: "badRequest", check: "user", reason: "missing", status: 400, error: "invalid_request")),
            \(response("user-wrong", check: "user", reason: "wrong", status: 400, error: "invalid_grant"))
          ] }
        """

    @Test("raw socket: the password grant answers a missing or wrong client and a missing or wrong user each as documented")
    func passwordGrant() async throws {
        try await withTemporaryFolder { folder in
            try write(Self.service, to: "oauth/service.json", in: folder)
            try write(Self.token, to: "oauth/token.json", in: folder)
            try await withStub(AuthStubServer.Options(fixtures: [.directory(folder.appendingPathComponent("oauth"))])) { stub in
                let connection = try await RawConnection.connect(port: try #require(stub.port))
                let basic = { (pair: String) in "Authorization: Basic \(Data(pair.utf8).base64EncodedString())\r\n" }
                let user = "grant_type=password&username=ada&password=pw"
                let cases: [(header: String, body: String, status: Int, example: String, reason: RefusalReason, journal: String)] = [
                    ("", user, 401, "oauth/token#client-missing", .missing, "client: missing credentials"),
                    (basic("app:nope"), user, 401, "oauth/token#client-wrong", .wrong, "client: wrong password"),
                    (basic("ada:pw"), user, 401, "oauth/token#client-wrong", .wrong, #"client: no such user "ada""#),
                    (
                        basic("app:s3cret"), "grant_type=password", 400, "oauth/token#user-missing", .missing,
                        #"user: the request body lacks "username""#
                    ),
                    (
                        basic("app:s3cret"), "grant_type=password&username=ada&password=nope", 400, "oauth/token#user-wrong", .wrong,
                        "user: wrong password"
                    ),
                    (
                        basic("app:s3cret"), "grant_type=password&username=app&password=s3cret", 400, "oauth/token#user-wrong", .wrong,
                        "user: no such user"
                    ),
                ]
                for item in cases {
                    try await connection.send(Self.request(header: item.header, body: item.body))
                    let response = try await connection.response()
                    #expect(response.status.code == item.status, "\(item.header) \(item.body)")
                    #expect(response.header("X-AuthStub-Example") == item.example, "\(item.header) \(item.body)")
                    #expect(response.header("WWW-Authenticate") == (item.status == 401 ? #"Basic realm="oauth""# : nil))
                    #expect(stub.lastEntry?.refusalReason == item.reason)
                    #expect(stub.lastEntry?.reason?.hasPrefix(item.journal) == true, "\(stub.lastEntry?.reason ?? "")")
                }
                try await connection.send(Self.request(header: basic("app:s3cret"), body: user))
                let granted = try await connection.response()
                #expect(granted.status == .ok)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(granted.body)) as? [String: Any])
                #expect(body["user"] as? String == "ada")
                #expect(stub.lastEntry?.user == "ada")
            }
        }
    }

    @Test(
        "a login without its own checks uses the service's; `jsonBody` is `body`, and a body check with neither field sent is a 400 with reason 'missing', as a JSON login without its fields always was"
    )
    func serviceChecks() async throws {
        try await withTemporaryFolder { folder in
            try write(Self.service, to: "oauth/service.json", in: folder)
            try write(
                #"{"kind": "endpoint", "name": "login", "method": "POST", "path": "/login", "role": "login", "responses": [{"name": "ok", "when": "success", "status": 200, "body": {"u": "{{user}}"}}]}"#,
                to: "oauth/login.json",
                in: folder
            )
            try await withStub(AuthStubServer.Options(fixtures: [.directory(folder.appendingPathComponent("oauth"))])) { stub in
                let service = try #require(stub.fixtures.services.first)
                #expect(service.credentials == [CredentialCheck(scheme: .body)])
                #expect(service.accounts["clients"]?.map(\.username) == ["app"])
                let refused = try await stub.send("POST", "/login", headers: ["Content-Type": "application/json"], body: #"{"other": 1}"#)
                #expect(refused.status == 400)
                #expect(stub.lastEntry?.refusalReason == .missing)
                let ok = try await stub.send(
                    "POST",
                    "/login",
                    headers: ["Content-Type": "application/json"],
                    body: #"{"username": "ada", "password": "pw"}"#
                )
                #expect(ok.status == 200)
                #expect(ok.json?["u"] as? String == "ada")
            }
        }
    }

    @Test("validation: unknown account lists, checks no login runs, repeated check names, and misplaced keys are reported")
    func validation() async throws {
        try await withTemporaryFolder { folder in
            try write(
                """
                { "kind": "service", "name": "bad", "token": { "scheme": "bearer" },
                  "credentials": [ { "scheme": "basic", "accounts": "apps", "usernameField": "u" }, { "scheme": "token" } ],
                  "accounts": { "users": [] },
                  "errors": { "mediaType": "application/json", "body": {} } }
                """,
                to: "bad/service.json",
                in: folder
            )
            try write(Self.service, to: "oauth/service.json", in: folder)
            try write(
                """
                { "kind": "endpoint", "name": "token", "method": "POST", "path": "/t", "role": "login",
                  "credentials": [ { "scheme": "body", "name": "a" }, { "scheme": "basic", "name": "a", "accounts": "robots" } ],
                  "responses": [ { "name": "ok", "when": "success", "status": 200, "check": "a" } ] }
                """,
                to: "oauth/token.json",
                in: folder
            )
            try write(
                """
                { "kind": "endpoint", "name": "me", "method": "GET", "path": "/me", "role": "public",
                  "credentials": { "scheme": "basic" },
                  "responses": [ { "name": "ok", "when": "success", "status": 200 } ] }
                """,
                to: "oauth/me.json",
                in: folder
            )
            try write(
                """
                { "kind": "endpoint", "name": "login", "method": "POST", "path": "/login", "role": "login",
                  "credentials": { "scheme": "basic", "accounts": "robots" },
                  "responses": [ { "name": "ok", "when": "success", "status": 200 },
                                 { "name": "no", "when": "badCredentials", "status": 401, "check": "client" } ] }
                """,
                to: "ok/login.json",
                in: folder
            )
            try write(Self.service.replacingOccurrences(of: "\"oauth\"", with: "\"ok\""), to: "ok/service.json", in: folder)
            try write(Self.token, to: "bad/login.json", in: folder)

            do throws(FixtureLoadError) {
                _ = try AuthStubServer.loadFixtures([.directory(folder)])
                Issue.record("invalid fixtures loaded")
            } catch {
                let found = Set(
                    error.problems.map { "\(URL(fileURLWithPath: $0.file).deletingPathExtension().lastPathComponent) \($0.path): \($0.reason)" }
                )
                let expected: Set<String> = [
                    #"service $.credentials[0].accounts: no account list "apps" under the service's "accounts""#,
                    #"service $.credentials[0].usernameField: only a "body" check reads fields"#,
                    #"service $.credentials[1].scheme: "token" is not one of "body", "jsonBody", "basic", "client""#,
                    #"service $.accounts.users: "users" cannot name a list ("users" is the service's own key)"#,
                    #"token $.credentials[1].name: check name "a" is used twice"#,
                    #"token $.responses[0].check: only a "badCredentials" or "badRequest" response answers a credential check"#,
                    #"me $.credentials: a public endpoint checks no credentials"#,
                    #"login $.credentials: no account list "robots" under the "accounts" of service "ok""#,
                    #"login $.responses[1].check: the login runs no credential check named "client""#,
                ]
                #expect(found.isSuperset(of: expected), "missing: \(expected.subtracting(found).sorted())\nfound: \(found.sorted())")
            }
        }
    }

    /// A form POST to the token endpoint.
    static func request(header: String, body: String) -> String {
        "POST /oauth/token HTTP/1.1\r\nHost: a\r\n\(header)Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }
}
