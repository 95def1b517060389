import Foundation
import Testing

@testable import AuthStub

/// The bundled `oauth2` service's authorization code grant, over a real socket: the authorization
/// endpoint's redirects and the code's redemption.
@Suite("OAuth 2.0: authorization code")
struct OAuth2AuthorizeTests {
    static let redirect = "http://127.0.0.1:54321/callback"

    @Test("code + PKCE S256 on a loopback redirect with any port: 302 with code and state; redeemed once for tokens with the scope")
    func codeFlow() async throws {
        try await withStub { stub in
            let authorization = try await stub.oauthAuthorize(
                "response_type=code&client_id=public-client&redirect_uri=\(OAuthForm.encode(Self.redirect))&state=xyz&scope=openid%20read"
                    + "&code_challenge=\(PKCEExample.challenge)&code_challenge_method=S256&nonce=n-0S6"
            )
            #expect(authorization.status == 302)
            let location = try #require(authorization.header("Location"))
            #expect(location.hasPrefix(Self.redirect + "?code="))
            #expect(location.hasSuffix("&state=xyz"))
            let code = try #require(authorization.redirectParameters["code"])
            let issued = try #require(try await stub.tokens().first { $0.token == code })
            #expect(issued.kind == .authorizationCode)
            #expect(issued.user == "user")

            let form =
                "grant_type=authorization_code&code=\(code)&redirect_uri=\(OAuthForm.encode(Self.redirect))"
                + "&code_verifier=\(PKCEExample.verifier)&client_id=public-client"
            let tokens = try await stub.oauthToken(form)
            #expect(tokens.status == 200, "\(tokens.text)")
            #expect(tokens.json?["scope"] as? String == "openid read")
            let access = try #require(tokens.json?["access_token"] as? String)
            let refresh = try #require(tokens.json?["refresh_token"] as? String)

            #expect(stub.lastEntry?.body.contains("code=\(code.prefix(4))%E2%80%A6&") == true, "the code is shortened in the journal")
            let again = try await stub.oauthToken(form)
            #expect(again.status == 400)
            #expect(again.oauthError == "invalid_grant")
            #expect(stub.lastEntry?.refusalReason == .reused)
            #expect(try await stub.tokens().first { $0.token == access }?.state == .revoked)
            let refreshed = try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(refresh)&client_id=public-client")
            #expect(refreshed.oauthError == "invalid_grant")
        }
    }

    @Test("PKCE plain; a wrong or missing verifier, another redirect_uri or another client is invalid_grant")
    func redemptionChecks() async throws {
        try await withStub { stub in
            let plain = try await stub.oauthAuthorize(
                "response_type=code&client_id=client&redirect_uri=\(OAuthForm.encode(Self.redirect))&code_challenge=\(PKCEExample.verifier)"
            )
            let plainCode = try #require(plain.redirectParameters["code"])
            let wrongVerifier = try await stub.oauthToken(
                "grant_type=authorization_code&code=\(plainCode)&redirect_uri=\(OAuthForm.encode(Self.redirect))&code_verifier=\(PKCEExample.challenge)",
                basic: ("client", "secret")
            )
            #expect(wrongVerifier.oauthError == "invalid_grant")
            #expect(stub.lastEntry?.reason == "code_verifier does not match the code_challenge (plain)")
            let plainOK = try await stub.oauthToken(
                "grant_type=authorization_code&code=\(plainCode)&redirect_uri=\(OAuthForm.encode(Self.redirect))&code_verifier=\(PKCEExample.verifier)",
                basic: ("client", "secret")
            )
            #expect(plainOK.status == 200)

            let code = try await stub.oauthCode()
            let otherRedirect = try await stub.oauthToken(
                "grant_type=authorization_code&code=\(code)&redirect_uri=\(OAuthForm.encode("http://127.0.0.1:1/other"))"
                    + "&code_verifier=\(PKCEExample.verifier)&client_id=public-client"
            )
            #expect(otherRedirect.oauthError == "invalid_grant")
            #expect(stub.lastEntry?.reason == "redirect_uri differs from the authorization request's")
            let noVerifier = try await stub.oauthToken(
                "grant_type=authorization_code&code=\(code)&redirect_uri=\(OAuthForm.encode(Self.redirect))&client_id=public-client"
            )
            #expect(noVerifier.oauthError == "invalid_grant")
            let otherClient = try await stub.oauthToken(
                "grant_type=authorization_code&code=\(code)&redirect_uri=\(OAuthForm.encode(Self.redirect))&code_verifier=\(PKCEExample.verifier)",
                basic: ("client", "secret")
            )
            #expect(otherClient.oauthError == "invalid_grant")
            #expect(stub.lastEntry?.reason == #"authorization code was issued to client "public-client", not "client""#)
            let missing = try await stub.oauthToken("grant_type=authorization_code&client_id=public-client")
            #expect(missing.oauthError == "invalid_request")
        }
    }

    @Test("a code expires 60 s after its issue on the virtual clock")
    func expiry() async throws {
        try await withStub { stub in
            let code = try await stub.oauthCode()
            _ = try await stub.advanceClock(by: .seconds(61))
            let late = try await stub.oauthToken(
                "grant_type=authorization_code&code=\(code)&redirect_uri=\(OAuthForm.encode(Self.redirect))"
                    + "&code_verifier=\(PKCEExample.verifier)&client_id=public-client"
            )
            #expect(late.oauthError == "invalid_grant")
            #expect(stub.lastEntry?.refusalReason == .expired)
        }
    }

    @Test("a bad client or redirect URI is a 400 page, never a redirect; other errors redirect with error and state")
    func authorizeErrors() async throws {
        try await withStub { stub in
            let redirect = OAuthForm.encode(Self.redirect)
            for query in [
                "response_type=code&client_id=nobody&redirect_uri=\(redirect)",
                "response_type=code&redirect_uri=\(redirect)",
                "response_type=code&client_id=client&redirect_uri=\(OAuthForm.encode("http://evil.example/callback"))",
                "response_type=code&client_id=client&redirect_uri=\(OAuthForm.encode("http://127.0.0.1:9/elsewhere"))",
                "response_type=code&client_id=client",
            ] {
                let page = try await stub.oauthAuthorize(query)
                #expect(page.status == 400, "\(query)")
                #expect(page.header("Location") == nil)
                #expect(page.oauthError == "invalid_request")
            }
            let cases: [(query: String, error: String)] = [
                ("client_id=client&redirect_uri=\(redirect)&state=s1", "invalid_request"),
                ("response_type=token&client_id=client&redirect_uri=\(redirect)&state=s1", "unsupported_response_type"),
                ("response_type=code&client_id=client&redirect_uri=\(redirect)&state=s1&scope=bogus", "invalid_scope"),
                ("response_type=code&client_id=public-client&redirect_uri=\(redirect)&state=s1", "invalid_request"),
                (
                    "response_type=code&client_id=client&redirect_uri=\(redirect)&state=s1&code_challenge=\(PKCEExample.challenge)&code_challenge_method=S512",
                    "invalid_request"
                ),
                ("response_type=code&client_id=client&redirect_uri=\(redirect)&state=s1&code_challenge=short", "invalid_request"),
            ]
            for (query, error) in cases {
                let response = try await stub.oauthAuthorize(query)
                #expect(response.status == 302, "\(query)")
                #expect(response.header("Location")?.hasPrefix(Self.redirect + "?error=") == true)
                #expect(response.redirectParameters["error"] == error, "\(query)")
                #expect(response.redirectParameters["state"] == "s1")
                #expect(response.redirectParameters["error_description"]?.isEmpty == false)
            }
            #expect(try await stub.tokens().isEmpty)
        }
    }

    @Test("with the openid scope the code's tokens are JWTs and the ID token echoes the authorization request's nonce")
    func codeFlowOpenID() async throws {
        try await withStub { stub in
            let code = try await stub.oauthCode(extra: "&scope=openid%20email&nonce=n-0S6_WzA2Mj")
            let tokens = try await stub.oauthToken(
                "grant_type=authorization_code&code=\(code)&redirect_uri=\(OAuthForm.encode(Self.redirect))"
                    + "&code_verifier=\(PKCEExample.verifier)&client_id=public-client"
            )
            #expect(tokens.status == 200, "\(tokens.text)")
            let access = try #require(tokens.json?["access_token"] as? String)
            #expect(try DecodedJWT(access).payload["client_id"] as? String == "public-client")
            #expect(try DecodedJWT(access).payload["scope"] as? String == "openid email")
            let idToken = try #require(tokens.json?["id_token"] as? String)
            #expect(try DecodedJWT(idToken).payload["nonce"] as? String == "n-0S6_WzA2Mj")
            #expect(try DecodedJWT(idToken).payload["aud"] as? String == "public-client")
        }
    }
}
