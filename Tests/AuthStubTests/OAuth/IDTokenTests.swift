import Foundation
import Testing

@testable import AuthStub

/// `token.idToken`: an ID token beside each access token whose grant asked for `openid`.
@Suite("OpenID Connect ID tokens")
struct IDTokenTests {
    static func files(idToken: String = #"{ "algorithm": "HS256", "lifetime": "10m", "claims": { "email": "{{user.email}}" } }"#) -> [String: String]
    {
        var files = JWTFixture.files()
        files["api/service.json"] = files["api/service.json"]?.replacingOccurrences(
            of: #""lifetime": "1h","#,
            with: #""lifetime": "1h", "idToken": \#(idToken),"#
        )
        return files
    }

    /// Issues an access token with `grant` on `stub`'s engine as a grant would, then its ID token.
    static func issue(
        _ grant: TokenGrant,
        on stub: AuthStubServer,
        by effect: (TokenRecord) -> TokenEffect = { _ in .issue(user: "ada", expiresAt: nil, note: nil, grant: nil) }
    )
        -> (access: TokenRecord, idToken: TokenRecord?)
    {
        let engine = stub.engine
        let service = engine.fixtures.services[0]
        let issuer = engine.state.withLock { $0.issuer }
        return engine.state.withLock { state in
            let now = state.clock.now(real: wallClockMilliseconds())
            let access = state.tokens.issue(
                TokenStore.Issue(service: "api", user: "ada", expiresAt: now + 3_600_000, grant: grant),
                now: now
            )
            let idToken = engine.issueIDToken(
                with: access,
                by: effect(access),
                service: service,
                request: nil,
                issuer: issuer,
                now: now,
                state: &state
            )
            return (access, idToken)
        }
    }

    @Test(
        "openid in the grant's scope: a JWT with iss, sub, aud = client, exp, iat, auth_time, nonce, at_hash and the fixture's claims, in the access token's family"
    )
    func idTokenClaims() async throws {
        try await TokenFixture.serve(Self.files()) { stub in
            let now = Int(try await stub.clock().now.timeIntervalSince1970)
            let grant = TokenGrant(client: "app", scope: "openid email", nonce: "n-0S6_WzA2Mj", authTime: Int64(now - 60) * 1000)
            let (access, issued) = Self.issue(grant, on: stub)
            let idToken = try #require(issued)
            #expect(idToken.kind == .idToken)
            let jwt = try DecodedJWT(idToken.token)
            #expect(jwt.header["typ"] as? String == "JWT")
            #expect(jwt.payload["iss"] as? String == "http://127.0.0.1:\(try #require(stub.port))")
            #expect(jwt.payload["sub"] as? String == "ada")
            #expect(jwt.payload["aud"] as? String == "app")
            #expect(jwt.int("iat") == now)
            #expect(jwt.int("exp") == now + 600)
            #expect(jwt.int("auth_time") == now - 60)
            #expect(jwt.payload["nonce"] as? String == "n-0S6_WzA2Mj")
            #expect(jwt.payload["email"] as? String == "ada@example.test")
            #expect(jwt.payload["client_id"] == nil && jwt.payload["scope"] == nil)
            // OpenID Connect Core §3.2.2.9: base64url of the left half of SHA-256 of the access token.
            let atHash = try #require(jwt.payload["at_hash"] as? String)
            #expect(try DecodedJWT.data(atHash) == Data(SHA256.hash(access.token.utf8).prefix(16)))
            let info = try await stub.revokeTokens(service: "api", user: "ada")
            #expect(info == 2)
            let ended = try stub.engine.tokenInfo(idToken.token)
            #expect(ended.state == .revoked)
        }
    }

    @Test("no ID token without openid in the scope, without a grant, or on a service without idToken")
    func onlyForOpenID() async throws {
        try await TokenFixture.serve(Self.files()) { stub in
            #expect(Self.issue(TokenGrant(client: "app", scope: "email openidx"), on: stub).idToken == nil)
        }
        try await TokenFixture.serve(JWTFixture.files()) { stub in
            #expect(Self.issue(TokenGrant(client: "app", scope: "openid"), on: stub).idToken == nil)
        }
    }

    @Test("a refresh's ID token has no nonce (OpenID Connect Core §12.2)")
    func refreshHasNoNonce() async throws {
        try await TokenFixture.serve(Self.files()) { stub in
            let (_, issued) = Self.issue(
                TokenGrant(client: "app", scope: "openid", nonce: "n-1"),
                on: stub,
                by: { TokenEffect.refresh($0, grant: $0.grant) }
            )
            let idToken = try #require(issued)
            #expect(try DecodedJWT(idToken.token).payload["nonce"] == nil)
        }
    }

    @Test("{{idToken}} in a login answer: absent (member left out) when the grant did not ask for openid")
    func placeholderLeftOut() async throws {
        var files = Self.files()
        files["api/login.json"] = TokenFixture.login(body: #"{ "token": "{{token}}", "id_token": "{{idToken}}" }"#)
        try await TokenFixture.serve(files) { stub in
            let login = try await stub.apiLogin()
            #expect(login.json?["token"] != nil)
            #expect(login.json?.keys.contains("id_token") == false)
        }
    }

    @Test("an idToken whose algorithm has no key, or a bad member, is refused at load")
    func loadProblems() async throws {
        #expect(
            try await TokenFixture.loadProblems(Self.files(idToken: #"{ "algorithm": "RS256" }"#))
                == ["service.json $.token.idToken.algorithm: no key in signingKeys signs RS256"]
        )
        #expect(
            try await TokenFixture.loadProblems(Self.files(idToken: #"{ "algorithm": "HS256", "claims": [] }"#))
                == ["service.json $.token.idToken.claims: expected an object of claims, found an array"]
        )
    }
}
