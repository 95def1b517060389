import Foundation
import Testing

@testable import AuthStub

/// `{{issuer}}`: the server's URL as bound, or `Options.issuer`.
@Suite("Issuer")
struct IssuerTests {
    static let files = [
        "api/service.json": TokenFixture.service(token: #"{ "scheme": "bearer" }"#),
        "api/metadata.json": """
        { "kind": "endpoint", "name": "metadata", "method": "GET", "path": "/.well-known/oauth-authorization-server", "role": "public",
          "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" },
                           "body": { "issuer": "{{issuer}}", "token_endpoint": "{{issuer}}/oauth2/token" } } ] }
        """,
    ]

    @Test("by default {{issuer}} is the URL the server is bound to, without a trailing slash")
    func defaultIsBoundURL() async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let answer = try await stub.send("GET", "/.well-known/oauth-authorization-server")
            let bound = "http://127.0.0.1:\(try #require(stub.port))"
            #expect(answer.json?["issuer"] as? String == bound)
            #expect(answer.json?["token_endpoint"] as? String == bound + "/oauth2/token")
        }
    }

    @Test("Options.issuer replaces it, as written")
    func optionOverrides() async throws {
        try await withTemporaryFolder { folder in
            for (name, text) in Self.files { try write(text, to: name, in: folder) }
            var options = AuthStubServer.Options(fixtures: [.directory(folder.appendingPathComponent("api"))])
            options.issuer = "https://auth.example.test/tenant"
            try await withStub(options) { stub in
                let answer = try await stub.send("GET", "/.well-known/oauth-authorization-server")
                #expect(answer.json?["issuer"] as? String == "https://auth.example.test/tenant")
                #expect(answer.json?["token_endpoint"] as? String == "https://auth.example.test/tenant/oauth2/token")
            }
        }
    }
}
