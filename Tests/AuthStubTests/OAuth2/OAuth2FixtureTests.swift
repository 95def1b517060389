import Testing

@testable import AuthStub

/// The fixture keys OAuth 2.0 brought: each mistake refused at load with file, JSON path and reason.
@Suite("OAuth 2.0: fixture validation")
struct OAuth2FixtureTests {
    @Test("scopes, client data, clients and redirectError mistakes are reported")
    func mistakes() async throws {
        let found = Set(
            try await TokenFixture.loadProblems([
                "auth/service.json": """
                { "kind": "service", "name": "auth", "scopes": ["read", "read", "bad\\"scope"],
                  "credentials": { "scheme": "client", "accounts": "clients" }, "token": { "scheme": "bearer" },
                  "accounts": { "clients": [ { "username": "app", "password": "s", "data": { "redirect_uris": ["no-scheme", "https://a.example/#f"], "scope": "read  write" } } ] },
                  "errors": { "mediaType": "application/json", "body": { "error": "{{message}}" } } }
                """,
                "auth/authorize.json": """
                { "kind": "endpoint", "name": "authorize", "method": "GET", "path": "/authorize", "role": "authorize", "clients": "apps",
                  "responses": [ { "name": "ok", "when": "success", "status": 302, "headers": { "Location": "{{redirect}}" } } ] }
                """,
                "auth/token.json": """
                { "kind": "endpoint", "name": "token", "method": "POST", "path": "/token", "role": "login", "clients": "clients",
                  "responses": [ { "name": "ok", "when": "success", "status": 200 },
                                 { "name": "no", "when": "badScope", "status": 400, "redirectError": "invalid_scope" } ] }
                """,
                "auth/other.json": """
                { "kind": "endpoint", "name": "other", "method": "GET", "path": "/other", "role": "authorize",
                  "responses": [ { "name": "ok", "when": "success", "status": 302 } ] }
                """,
            ])
        )
        let expected: Set<String> = [
            #"service.json $.scopes[1]: "read" is listed twice"#,
            #"service.json $.scopes[2]: "bad"scope" is not a scope token (RFC 6749 §3.3: printable ASCII but space, " and \)"#,
            "service.json $.accounts.clients[0].data.redirect_uris: expected an array of absolute URIs without fragments (RFC 6749 §3.1.2)",
            "service.json $.accounts.clients[0].data.scope: expected scope tokens separated by single spaces (RFC 6749 §3.3)",
            "token.json $.clients: only an authorize endpoint names a clients list",
            "token.json $.responses[1].redirectError: only an authorize endpoint's refusals redirect with an error",
            #"other.json $.clients: an authorize endpoint names its clients' account list, e.g. "clients""#,
        ]
        #expect(found.isSuperset(of: expected), "missing: \(expected.subtracting(found).sorted())\nfound: \(found.sorted())")
    }

    @Test("an authorize endpoint names an account list the service has")
    func clientsList() async throws {
        let found = try await TokenFixture.loadProblems([
            "auth/service.json": """
            { "kind": "service", "name": "auth", "credentials": { "scheme": "body" }, "token": { "scheme": "bearer" },
              "errors": { "mediaType": "application/json", "body": {} } }
            """,
            "auth/authorize.json": """
            { "kind": "endpoint", "name": "authorize", "method": "GET", "path": "/authorize", "role": "authorize", "clients": "apps",
              "responses": [ { "name": "ok", "when": "success", "status": 302, "headers": { "Location": "{{redirect}}" } } ] }
            """,
        ])
        #expect(found == [#"authorize.json $.clients: no account list "apps" under the "accounts" of service "auth" to hold the clients"#])
    }
}
