import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// The bundled `oauth2` service's resource side, over a real socket: introspection (RFC 7662)
/// and revocation (RFC 7009) read the real token state; the demo resources answer RFC 6750's
/// challenges.
@Suite("OAuth 2.0: introspection, revocation, protected resources")
struct OAuth2ResourceSideTests {
    /// The confidential client's credentials, as form fields (`client_secret_post`).
    static let client = "&client_id=client&client_secret=secret"

    /// A password-grant login of `client` (form fields): the access and refresh tokens.
    static func login(_ stub: AuthStubServer, client: String = client) async throws -> (access: String, refresh: String) {
        let login = try #require(try await stub.oauthToken("grant_type=password&username=user&password=secret\(client)").json)
        return (try #require(login["access_token"] as? String), try #require(login["refresh_token"] as? String))
    }

    /// `POST /oauth2/introspect` for `token`, authenticated as `client` (form fields), over a
    /// raw socket (a 401 carries a Basic challenge).
    static func introspect(_ stub: AuthStubServer, _ token: String, client: String = client) async throws -> RawResponse {
        try await stub.controlRawSend(
            "POST",
            "/oauth2/introspect",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "token=\(OAuthForm.encode(token))\(client)"
        )
    }

    /// `POST /oauth2/revoke` for `token` with `more` form fields, authenticated as `client`.
    static func revoke(_ stub: AuthStubServer, _ token: String, more: String = "", client: String = client) async throws -> RawResponse {
        try await stub.controlRawSend(
            "POST",
            "/oauth2/revoke",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "token=\(OAuthForm.encode(token))\(more)\(client)"
        )
    }

    static func resource(_ stub: AuthStubServer, _ path: String = "/oauth2/resource", token: String?) async throws -> RawResponse {
        try await stub.controlRawSend("GET", path, headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:])
    }

    @Test("introspection: an active token's members on the server clock; inactive once expired on the clock; it never touches the token")
    func introspectActiveThenExpired() async throws {
        try await withStub { stub in
            let start = try await stub.freezeClock().now
            let (access, refresh) = try await Self.login(stub)
            let active = try await Self.introspect(stub, access)
            #expect(active.status == 200)
            let body = try #require(active.json)
            #expect(body["active"] as? Bool == true)
            #expect(body["username"] as? String == "user")
            #expect(body["sub"] as? String == "user")
            #expect(body["iat"] as? Int == Int(start.timeIntervalSince1970))
            #expect(body["exp"] as? Int == Int(start.timeIntervalSince1970) + 3600)
            #expect(body["token_type"] == nil)
            #expect(try await Self.introspect(stub, refresh).json?["exp"] as? Int == Int(start.timeIntervalSince1970) + 30 * 86400)
            let lastUsed = try await stub.tokens().first { $0.token == access }?.lastUsedAt
            _ = try await stub.advanceClock(by: .seconds(60))
            _ = try await Self.introspect(stub, access)
            #expect(try await stub.tokens().first { $0.token == access }?.lastUsedAt == lastUsed, "introspection is no use of the token")

            _ = try await stub.advanceClock(by: .seconds(3600))
            let expired = try await Self.introspect(stub, access)
            #expect(expired.status == 200)
            #expect(expired.text == #"{"active":false}"#)
            #expect(stub.lastEntry?.refusal == .inactive)
            #expect(stub.lastEntry?.refusalReason == .expired)
            #expect(try await Self.introspect(stub, refresh).json?["active"] as? Bool == true, "the refresh token lives 30 days")
        }
    }

    @Test("introspection: unknown, a code-like string, another service's token, a missing token (400 invalid_request), a JSON body")
    func introspectOddTokens() async throws {
        try await withStub { stub in
            #expect(try await Self.introspect(stub, "no-such-token").text == #"{"active":false}"#)
            #expect(stub.lastEntry?.refusalReason == .unknown)
            let wice = try await stub.wiceLogin()
            #expect(try await Self.introspect(stub, wice).text == #"{"active":false}"#, "a wice token is not oauth2's")
            let missing = try await stub.send(
                "POST",
                "/oauth2/introspect",
                headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: String(Self.client.dropFirst())
            )
            #expect(missing.status == 400)
            #expect(missing.oauthError == "invalid_request")
            let json = try await stub.send("POST", "/oauth2/introspect", headers: ["Content-Type": "application/json"], body: #"{"token":"x"}"#)
            #expect(json.status == 400)
            #expect(json.oauthError == "invalid_request")
        }
    }

    @Test("revocation: an access token ends alone (introspection then inactive, the resource 401); the refresh token lives on")
    func revokeAccessToken() async throws {
        try await withStub { stub in
            let (access, refresh) = try await Self.login(stub)
            let revoked = try await Self.revoke(stub, access, more: "&token_type_hint=access_token")
            #expect(revoked.status == 200)
            #expect(revoked.body.isEmpty)
            #expect(try await Self.introspect(stub, access).json?["active"] as? Bool == false)
            #expect(stub.lastEntry?.refusalReason == .revoked)
            let resource = try await Self.resource(stub, token: access)
            #expect(resource.status == 401)
            #expect(resource.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)
            #expect(try await Self.introspect(stub, refresh).json?["active"] as? Bool == true)
            #expect(try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(refresh)\(Self.client)").status == 200)
        }
    }

    @Test("revocation: a refresh token ends its whole family, the access tokens of the grant too; again, or unknown: 200 all the same")
    func revokeRefreshToken() async throws {
        try await withStub { stub in
            let (access, refresh) = try await Self.login(stub)
            #expect(try await Self.revoke(stub, refresh, more: "&token_type_hint=access_token").status == 200, "the hint is ignored")
            #expect(try await Self.introspect(stub, access).json?["active"] as? Bool == false)
            #expect(try await Self.introspect(stub, refresh).json?["active"] as? Bool == false)
            #expect(try await stub.tokens().map(\.endReason) == [.familyRevoked, .familyRevoked])
            let again = try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(refresh)\(Self.client)")
            #expect(again.oauthError == "invalid_grant")
            #expect(try await Self.revoke(stub, refresh).status == 200)
            #expect(try await Self.revoke(stub, "no-such-token").status == 200)
            let missing = try await stub.send(
                "POST",
                "/oauth2/revoke",
                headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: "token_type_hint=access_token\(Self.client)"
            )
            #expect(missing.status == 400)
            #expect(missing.oauthError == "invalid_request")
        }
    }

    @Test(
        "client authentication: none or a wrong secret is 401 invalid_client; revoking another client's token is 400 invalid_grant; introspecting it works"
    )
    func clients() async throws {
        try await withStub { stub in
            let (access, _) = try await Self.login(stub, client: "&client_id=public-client")
            let anonymous = try await Self.introspect(stub, access, client: "")
            #expect(anonymous.status == 401)
            #expect(anonymous.json?["error"] as? String == "invalid_client")
            #expect(anonymous.header("WWW-Authenticate") == #"Basic realm="oauth2""#)
            #expect(try await Self.revoke(stub, access, client: "&client_id=client&client_secret=nope").json?["error"] as? String == "invalid_client")

            let described = try await Self.introspect(stub, access)
            #expect(described.json?["active"] as? Bool == true)
            #expect(described.json?["client_id"] as? String == "public-client", "any client may introspect")
            let foreign = try await Self.revoke(stub, access)
            #expect(foreign.status == 400)
            #expect(foreign.json?["error"] as? String == "invalid_grant")
            #expect(stub.lastEntry?.refusalReason == .wrong)
            #expect(try await Self.introspect(stub, access).json?["active"] as? Bool == true, "the refused revocation ended nothing")
            #expect(try await Self.revoke(stub, access, client: "&client_id=public-client").status == 200)
            #expect(try await Self.introspect(stub, access).json?["active"] as? Bool == false)
        }
    }

    @Test("resources: no token 401 with a bare challenge; a valid one 200; requiredScope admin: 200 with the scope, 403 insufficient_scope without")
    func protectedResources() async throws {
        try await withStub { stub in
            let none = try await Self.resource(stub, token: nil)
            #expect(none.status == 401)
            #expect(none.header("WWW-Authenticate") == #"Bearer realm="authstub""#)
            let bogus = try await Self.resource(stub, token: "bogus")
            #expect(bogus.status == 401)
            #expect(bogus.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)

            let (access, _) = try await Self.login(stub)
            let resource = try await Self.resource(stub, token: access)
            #expect(resource.status == 200)
            #expect(resource.json?["user"] as? String == "user")
            let admin = try await Self.resource(stub, "/oauth2/resource/admin", token: access)
            #expect(admin.status == 403)
            #expect(admin.header("WWW-Authenticate") == #"Bearer realm="authstub", error="insufficient_scope", scope="admin""#)
            #expect(stub.lastEntry?.refusal == .insufficientScope)
            #expect(stub.lastEntry?.reason == "the token has no scope, lacking admin")
            #expect(try await Self.resource(stub, "/oauth2/resource/admin", token: nil).status == 401, "the token is checked before its scope")

            let (admin2, _) = try await Self.login(stub, client: Self.client + "&scope=read%20admin")
            let granted = try await Self.resource(stub, "/oauth2/resource/admin", token: admin2)
            #expect(granted.status == 200)
            #expect(granted.json?["scope"] as? String == "read admin")
            let (reader, _) = try await Self.login(stub, client: Self.client + "&scope=read")
            #expect(try await Self.resource(stub, "/oauth2/resource/admin", token: reader).status == 403)
            #expect(stub.lastEntry?.reason == "the token has scope \"read\", lacking admin")
        }
    }

    @Test("openapi documents the resource side: 403 insufficient_scope with its challenge, 401s, introspection's inactive 200 and 400s")
    func openAPI() throws {
        let document = OpenAPIDocument.make(try AuthStubServer.loadFixtures([.bundled]))
        let admin = try #require(document["paths"]?["/oauth2/resource/admin"]?["get"]?["responses"]?.objectValue)
        #expect(Set(admin.keys) == ["200", "401", "403", "406"])
        #expect(admin["403"]?["headers"]?["WWW-Authenticate"] != nil)
        let introspect = try #require(document["paths"]?["/oauth2/introspect"]?["post"]?["responses"]?.objectValue)
        #expect(Set(introspect.keys) == ["200", "400", "401", "406"])
        #expect(introspect["200"]?["description"]?.stringValue?.contains("inactive") == true, "\(introspect["200"] ?? .null)")
        let revoke = try #require(document["paths"]?["/oauth2/revoke"]?["post"]?["responses"]?.objectValue)
        #expect(Set(revoke.keys) == ["200", "400", "401"])
    }

    @Test("openapi's engine refusals for the OAuth 2.0 roles: client checks, scopes, codes, another client's token, inactive")
    func engineRefusals() throws {
        let fixtures = try AuthStubServer.loadFixtures([.bundled])
        let service = try #require(fixtures.services.first { $0.name == "oauth2" })
        func conditions(_ path: String) -> Set<ResponseCondition> {
            Set(OpenAPIDocument.engineRefusals(service.endpoints.filter { $0.path == path }, of: service).map(\.condition))
        }
        #expect(conditions("/oauth2/revoke").isSuperset(of: [.badCredentials, .badRequest, .badToken]))
        #expect(conditions("/oauth2/introspect").isSuperset(of: [.badCredentials, .badRequest, .inactive]))
        #expect(conditions("/oauth2/token").isSuperset(of: [.badCredentials, .badScope, .badToken]))
        #expect(conditions("/oauth2/authorize").isSuperset(of: [.badClient, .accessDenied, .badScope]))
        #expect(conditions("/oauth2/resource/admin").isSuperset(of: [.badToken, .insufficientScope]))
        #expect(!conditions("/oauth2/resource").contains(.insufficientScope))
    }

    @Test("the scope check: every required scope must be in the grant's space-separated scope")
    func scopeCheck() {
        var endpoint = EndpointFixture(name: "e", method: .get, path: "/e", role: .requiresToken, responses: [], file: "e.json")
        endpoint.requiredScope = ["admin", "write"]
        func record(scope: String?) -> TokenRecord {
            TokenRecord(
                token: "t",
                kind: .access,
                service: "s",
                user: "u",
                issuedAt: 0,
                lastUsedAt: 0,
                deadline: nil,
                enabled: true,
                recordedEnd: nil,
                note: nil,
                grant: TokenGrant(scope: scope)
            )
        }
        #expect(Engine.scopeRefusal(.touch(record(scope: "read write admin")), endpoint: endpoint) == nil)
        let lacking = Engine.scopeRefusal(.touch(record(scope: "read write")), endpoint: endpoint)
        #expect(lacking?.condition == .insufficientScope)
        #expect(lacking?.reason == "the token has scope \"read write\", lacking admin")
        #expect(
            Engine.scopeRefusal(.touch(record(scope: "administrator writer")), endpoint: endpoint)?.message == "the token's scope lacks admin write"
        )
    }
}
