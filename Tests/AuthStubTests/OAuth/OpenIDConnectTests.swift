import Foundation
import Testing

@testable import AuthStub

/// The bundled `oauth2` service as an OpenID Provider, over a real socket: ID tokens from the
/// code and password grants, verified with the published keys.
@Suite("OpenID Connect: ID tokens from the oauth2 service")
struct OpenIDConnectTests {
    static let redirect = "http://127.0.0.1:54321/callback"

    @Test("code flow with openid: the token answer's id_token verifies with the JWKS, echoes the nonce, names the client and hashes the access token")
    func codeFlowIDToken() async throws {
        try await withStub { stub in
            let code = try await stub.oauthCode(redirect: Self.redirect, extra: "&scope=openid%20email&nonce=n-0S6_WzA2Mj")
            let form =
                "grant_type=authorization_code&code=\(code)&redirect_uri=\(OAuthForm.encode(Self.redirect))"
                + "&code_verifier=\(PKCEExample.verifier)&client_id=public-client"
            let tokens = try await stub.oauthToken(form)
            #expect(tokens.status == 200, "\(tokens.text)")
            let access = try #require(tokens.json?["access_token"] as? String)
            let idToken = try #require(tokens.json?["id_token"] as? String)
            let accessJWT = try DecodedJWT(access)
            #expect(accessJWT.header["typ"] as? String == "at+jwt", "tokens redeemed from a code are JWTs too")
            #expect(accessJWT.payload["client_id"] as? String == "public-client")
            #expect(accessJWT.payload["scope"] as? String == "openid email")
            let verified = try JWSVerifier.verify(idToken, keys: try await stub.publishedKeys()).get()
            #expect(verified.header["typ"]?.stringValue == "JWT")
            let claims = try #require(try JSONSerialization.jsonObject(with: Data(verified.payload)) as? [String: Any])
            #expect(claims["iss"] as? String == "http://127.0.0.1:\(try #require(stub.port))")
            #expect(claims["aud"] as? String == "public-client")
            #expect(claims["sub"] as? String == "user")
            #expect(claims["nonce"] as? String == "n-0S6_WzA2Mj")
            #expect(claims["email"] as? String == "user@example.com")
            let atHash = try #require(claims["at_hash"] as? String)
            #expect(try DecodedJWT.data(atHash) == Data(SHA256.hash(access.utf8).prefix(16)))
            let held = try await stub.tokens()
            let heldIDToken = try #require(held.first { $0.token == idToken })
            #expect(heldIDToken.kind == .idToken)
            #expect(heldIDToken.family != nil)
            #expect(heldIDToken.family == held.first { $0.token == access }?.family)
        }
    }

    @Test("password grant: an id_token only when the scope asks for openid; a refresh brings a new one without nonce")
    func passwordGrantIDToken() async throws {
        try await withStub { stub in
            let plain = try await stub.oauthToken("grant_type=password&username=user&password=secret&scope=read", basic: ("client", "secret"))
            #expect(plain.status == 200, "\(plain.text)")
            #expect(plain.json?.keys.contains("id_token") == false)
            let openid = try await stub.oauthToken("grant_type=password&username=user&password=secret&scope=openid", basic: ("client", "secret"))
            let first = try DecodedJWT(try #require(openid.json?["id_token"] as? String))
            #expect(first.payload["aud"] as? String == "client")
            let refresh = try #require(openid.json?["refresh_token"] as? String)
            let refreshed = try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(refresh)", basic: ("client", "secret"))
            let second = try DecodedJWT(try #require(refreshed.json?["id_token"] as? String))
            #expect(second.payload["sub"] as? String == "user")
            #expect(second.payload["nonce"] == nil)
        }
    }

    @Test(
        "end session: the ID token's family ends; a registered loopback post_logout_redirect_uri gets a 302 with state, none a 200, a bad one a 400"
    )
    func endSession() async throws {
        try await withStub { stub in
            func login() async throws -> (access: String, refresh: String, idToken: String) {
                let answer = try await stub.oauthToken("grant_type=password&username=user&password=secret&scope=openid", basic: ("client", "secret"))
                return (
                    try #require(answer.json?["access_token"] as? String), try #require(answer.json?["refresh_token"] as? String),
                    try #require(answer.json?["id_token"] as? String)
                )
            }
            let first = try await login()
            let back = "http://127.0.0.1:7777/callback"
            let redirected = try await stub.oauthSend(
                "GET",
                "/oauth2/logout?id_token_hint=\(first.idToken)&post_logout_redirect_uri=\(OAuthForm.encode(back))&state=s%201"
            )
            #expect(redirected.status == 302)
            #expect(redirected.header("Location") == back + "?state=s%201")
            #expect(try await stub.send("GET", "/oauth2/userinfo", headers: ["Authorization": "Bearer \(first.access)"]).status == 401)
            #expect(try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(first.refresh)", basic: ("client", "secret")).status == 400)

            let second = try await login()
            let plain = try await stub.oauthSend("GET", "/oauth2/logout?id_token_hint=\(second.idToken)")
            #expect(plain.status == 200)
            #expect(plain.json?["logged_out"] as? Bool == true)
            #expect(try await stub.send("GET", "/oauth2/userinfo", headers: ["Authorization": "Bearer \(second.access)"]).status == 401)

            let third = try await login()
            for query in [
                "", "id_token_hint=\(third.access)", "id_token_hint=\(third.idToken)&client_id=public-client",
                "id_token_hint=\(third.idToken)&post_logout_redirect_uri=\(OAuthForm.encode("https://evil.example/"))",
            ] {
                let refused = try await stub.oauthSend("GET", "/oauth2/logout?" + query)
                #expect(refused.status == 400, "\(query)")
                #expect(refused.oauthError == "invalid_request")
                #expect(refused.header("Location") == nil)
            }
            #expect(try await stub.send("GET", "/oauth2/userinfo", headers: ["Authorization": "Bearer \(third.access)"]).status == 200)
        }
    }
}
