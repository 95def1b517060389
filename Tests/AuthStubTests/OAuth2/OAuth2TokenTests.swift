import Foundation
import Testing

@testable import AuthStub

/// The bundled `oauth2` service's token endpoint, over a real socket.
@Suite("OAuth 2.0: token endpoint")
struct OAuth2TokenTests {
    @Test("password grant: 200 with an access and a refresh token, no-store; refresh rotates, reuse revokes the family")
    func passwordAndRefresh() async throws {
        try await withStub { stub in
            let login = try await stub.oauthToken("grant_type=password&username=user&password=secret")
            #expect(login.status == 200)
            #expect(login.header("Cache-Control") == "no-store")
            #expect(login.header("Pragma") == "no-cache")
            #expect(login.json?["token_type"] as? String == "Bearer")
            #expect(login.json?["expires_in"] as? Int == 3600)
            let refresh = try #require(login.json?["refresh_token"] as? String)

            let refreshed = try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(refresh)")
            #expect(refreshed.status == 200)
            let rotated = try #require(refreshed.json?["refresh_token"] as? String)
            #expect(rotated != refresh)

            let reused = try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(refresh)")
            #expect(reused.status == 400)
            #expect(reused.oauthError == "invalid_grant")
            let afterReuse = try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(rotated)")
            #expect(afterReuse.oauthError == "invalid_grant")
        }
    }

    @Test("errors: wrong password invalid_grant, unknown grant unsupported_grant_type, none invalid_request, JSON body invalid_request")
    func errors() async throws {
        try await withStub { stub in
            let wrong = try await stub.oauthToken("grant_type=password&username=user&password=nope")
            #expect(wrong.status == 400)
            #expect(wrong.oauthError == "invalid_grant")
            #expect(wrong.header("Cache-Control") == "no-store")
            let unknown = try await stub.oauthToken("grant_type=urn%3Aexample%3Amagic")
            #expect(unknown.status == 400)
            #expect(unknown.oauthError == "unsupported_grant_type")
            let none = try await stub.oauthToken("username=user")
            #expect(none.status == 400)
            #expect(none.oauthError == "invalid_request")
            let json = try await stub.oauthToken(#"{"grant_type":"password"}"#, headers: ["Content-Type": "application/json"])
            #expect(json.status == 400)
            #expect(json.oauthError == "invalid_request")
        }
    }
}
