import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// `csrf`: unsafe requests to token routes carry the CSRF header equal to the cookie, with a
/// value the server made (`{{csrfToken}}`).
@Suite("CSRF check")
struct CsrfTests {
    static let files = [
        "api/service.json": TokenFixture.service(
            token: #"{ "scheme": "bearer" }"#,
            extra: #", "csrf": { "cookie": "csrftoken", "header": "X-CSRFToken" }"#
        ),
        "api/login.json": TokenFixture.login(
            body: #"{ "token": "{{token}}", "csrf": "{{csrfToken}}" }"#,
            headers: #"{ "Content-Type": "application/json", "Set-Cookie": "csrftoken={{csrfToken}}; Path=/; SameSite=Lax" }"#
        ),
        "api/csrf-cookie.json": """
        { "kind": "endpoint", "name": "csrf-cookie", "method": "GET", "path": "/csrf-cookie", "role": "public", "issuesCsrf": true,
          "responses": [ { "name": "ok", "when": "success", "status": 204, "headers": { "Set-Cookie": "csrftoken={{csrfToken}}; Path=/" } } ] }
        """,
        "api/me.json": TokenFixture.profile(),
        "api/update.json": """
        { "kind": "endpoint", "name": "update", "method": "POST", "path": "/me", "role": "requiresToken",
          "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" }, "body": { "saved": true } },
                         { "name": "csrf", "when": "badCsrf", "reason": "missing", "status": 403, "headers": { "Content-Type": "application/json" },
                           "body": { "detail": "CSRF Failed: CSRF token missing." } } ] }
        """,
    ]

    @Test("a login and issuesCsrf hand out values; an unsafe token route needs header = cookie = a made value; safe methods pass")
    func check() async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let issued = try await stub.send("GET", "/csrf-cookie")
            #expect(issued.status == 204)
            let early = try #require(issued.header("Set-Cookie")?.split(separator: ";").first?.split(separator: "=").last.map(String.init))
            #expect(early.count == 32)

            let login = try await stub.apiLogin()
            let token = try #require(login.json?["token"] as? String)
            let csrf = try #require(login.json?["csrf"] as? String)
            #expect(login.header("Set-Cookie") == "csrftoken=\(csrf); Path=/; SameSite=Lax")
            #expect(csrf != early)
            let bearer = ["Authorization": "Bearer \(token)"]

            #expect(try await stub.send("GET", "/me", headers: bearer).status == 200)
            let missing = try await stub.send("POST", "/me", headers: bearer)
            #expect(missing.status == 403)
            #expect(missing.json?["detail"] as? String == "CSRF Failed: CSRF token missing.")
            #expect(stub.lastEntry?.refusal == .badCsrf)
            #expect(stub.lastEntry?.refusalReason == .missing)

            var sent = bearer
            sent["Cookie"] = "csrftoken=\(csrf)"
            sent["X-CSRFToken"] = "other"
            let differs = try await stub.send("POST", "/me", headers: sent)
            #expect(differs.status == 403)
            #expect(differs.json?["error"] as? String == "CSRF check failed: the token is not valid")
            #expect(stub.lastEntry?.refusalReason == .wrong)
            #expect(stub.lastEntry?.reason == "CSRF: the X-CSRFToken header differs from the csrftoken cookie")

            sent["Cookie"] = "csrftoken=made-up"
            sent["X-CSRFToken"] = "made-up"
            #expect(try await stub.send("POST", "/me", headers: sent).status == 403)
            #expect(stub.lastEntry?.reason == "CSRF: a value the server did not make")

            for value in [csrf, early] {
                sent["Cookie"] = "theme=dark; csrftoken=\(value)"
                sent["X-CSRFToken"] = value
                let saved = try await stub.send("POST", "/me", headers: sent)
                #expect(saved.status == 200)
                #expect(saved.json?["saved"] as? Bool == true)
            }
            #expect(stub.lastEntry?.headers.first { $0.name.lowercased() == "x-csrftoken" }?.value == String(early.prefix(4)) + "…")

            sent["Authorization"] = nil
            #expect(try await stub.send("POST", "/me", headers: sent).status == 401)
            #expect(stub.lastEntry?.refusal == .badToken)

            try await stub.reset()
            sent["Authorization"] = "Bearer \(try #require(try await stub.apiLogin().json?["token"] as? String))"
            sent["Cookie"] = "csrftoken=\(csrf)"
            sent["X-CSRFToken"] = csrf
            #expect(try await stub.send("POST", "/me", headers: sent).status == 403)
        }
    }

    @Test("fixture problems: csrf names that are no tokens, issuesCsrf on a token route or not a boolean")
    func problems() async throws {
        try await withTemporaryFolder { folder in
            let rule = #", "csrf": { "cookie": "csrf token", "header": "X-CSRF" }"#
            try write(TokenFixture.service(token: #"{ "scheme": "bearer" }"#, extra: rule), to: "api/service.json", in: folder)
            try write(TokenFixture.login(body: "{}"), to: "api/login.json", in: folder)
            try write(
                TokenFixture.profile().replacingOccurrences(of: #""role": "requiresToken","#, with: #""role": "requiresToken", "issuesCsrf": true,"#),
                to: "api/me.json",
                in: folder
            )
            let error = #expect(throws: FixtureLoadError.self) { try AuthStubServer.loadFixtures([.directory(folder.appendingPathComponent("api"))]) }
            let paths = Set(error?.problems.map(\.path) ?? [])
            #expect(paths == ["$.csrf.cookie", "$.issuesCsrf"], "\(error?.problems ?? [])")
        }
    }
}
