import Foundation
import Testing

@testable import AuthStub

/// The bundled `oauth2` service's token endpoint, over a real socket.
@Suite("OAuth 2.0: token endpoint")
struct OAuth2TokenTests {
    @Test("password grant: 200 with an access and a refresh token, no-store; refresh rotates, reuse revokes the family")
    func passwordAndRefresh() async throws {
        try await withStub { stub in
            let login = try await stub.oauthToken("grant_type=password&username=user&password=secret", basic: ("client", "secret"))
            #expect(login.status == 200)
            #expect(login.header("Cache-Control") == "no-store")
            #expect(login.header("Pragma") == "no-cache")
            #expect(login.json?["token_type"] as? String == "Bearer")
            #expect(login.json?["expires_in"] as? Int == 3600)
            let refresh = try #require(login.json?["refresh_token"] as? String)

            let refreshed = try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(refresh)&client_id=client&client_secret=secret")
            #expect(refreshed.status == 200)
            let rotated = try #require(refreshed.json?["refresh_token"] as? String)
            #expect(rotated != refresh)

            let reused = try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(refresh)", basic: ("client", "secret"))
            #expect(reused.status == 400)
            #expect(reused.oauthError == "invalid_grant")
            let afterReuse = try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(rotated)", basic: ("client", "secret"))
            #expect(afterReuse.oauthError == "invalid_grant")
        }
    }

    @Test("errors: wrong password invalid_grant, unknown grant unsupported_grant_type, none invalid_request, JSON body invalid_request")
    func errors() async throws {
        try await withStub { stub in
            let wrong = try await stub.oauthToken("grant_type=password&username=user&password=nope", basic: ("client", "secret"))
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

    @Test("client_credentials: Basic (form-encoded id and secret) and client_secret_post; the client is the subject")
    func clientCredentials() async throws {
        try await withStub { stub in
            let basic = try await stub.oauthToken("grant_type=client_credentials", basic: ("client", "secret"))
            #expect(basic.status == 200)
            #expect(basic.json?["refresh_token"] == nil)
            let token = try #require(basic.json?["access_token"] as? String)
            #expect(try await stub.tokens().first { $0.token == token }?.user == "client")
            let post = try await stub.oauthToken("grant_type=client_credentials&client_id=client&client_secret=secret")
            #expect(post.status == 200)
            #expect(stub.lastEntry?.body == "grant_type=client_credentials&client_id=client&client_secret=[redacted]")
        }
    }

    @Test("client errors: 401 with a Basic challenge when Basic was tried, else 400; both ways invalid_request; none invalid_client")
    func clientErrors() async throws {
        try await withStub { stub in
            let basic = try await stub.oauthToken("grant_type=client_credentials", basic: ("client", "wrong"))
            #expect(basic.status == 401)
            #expect(basic.oauthError == "invalid_client")
            #expect(basic.header("WWW-Authenticate") == #"Basic realm="oauth2""#)
            let post = try await stub.oauthToken("grant_type=client_credentials&client_id=nobody&client_secret=x")
            #expect(post.status == 400)
            #expect(post.oauthError == "invalid_client")
            #expect(post.header("WWW-Authenticate") == nil)
            let none = try await stub.oauthToken("grant_type=client_credentials")
            #expect(none.oauthError == "invalid_client")
            #expect(stub.lastEntry?.refusalReason == .missing)
            let both = try await stub.oauthToken("grant_type=client_credentials&client_secret=secret", basic: ("client", "secret"))
            #expect(both.status == 400)
            #expect(both.oauthError == "invalid_request")
            let publicWithSecret = try await stub.oauthToken("grant_type=client_credentials&client_id=public-client&client_secret=x")
            #expect(publicWithSecret.oauthError == "invalid_client")
            let confidentialWithout = try await stub.oauthToken("grant_type=client_credentials&client_id=client")
            #expect(confidentialWithout.oauthError == "invalid_client")
        }
    }

    @Test("a public client refreshes with client_id alone; another client's refresh token is invalid_grant")
    func refreshBinding() async throws {
        try await withStub { stub in
            let login = try await stub.oauthToken("grant_type=password&username=user&password=secret&client_id=public-client")
            #expect(login.status == 200)
            let refresh = try #require(login.json?["refresh_token"] as? String)
            let stolen = try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(refresh)", basic: ("client", "secret"))
            #expect(stolen.status == 400)
            #expect(stolen.oauthError == "invalid_grant")
            #expect(stub.lastEntry?.refusalReason == .wrong)
            let own = try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(refresh)&client_id=public-client")
            #expect(own.status == 200)
        }
    }

    @Test("scope: granted as asked and kept by a refresh; unknown, not the client's or malformed is invalid_scope")
    func scopes() async throws {
        try await withStub { stub in
            let login = try await stub.oauthToken("grant_type=password&username=user&password=secret&scope=read%20write", basic: ("client", "secret"))
            #expect(login.json?["scope"] as? String == "read write")
            let refresh = try #require(login.json?["refresh_token"] as? String)
            let refreshed = try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(refresh)", basic: ("client", "secret"))
            #expect(refreshed.json?["scope"] as? String == "read write")
            let none = try await stub.oauthToken("grant_type=client_credentials", basic: ("client", "secret"))
            #expect(none.status == 200)
            #expect(none.json?["scope"] == nil)

            let unknown = try await stub.oauthToken("grant_type=client_credentials&scope=read%20launch", basic: ("client", "secret"))
            #expect(unknown.status == 400)
            #expect(unknown.oauthError == "invalid_scope")
            #expect(stub.lastEntry?.reason == #"unknown scope "launch""#)
            let notAllowed = try await stub.oauthToken("grant_type=password&username=user&password=secret&client_id=public-client&scope=admin")
            #expect(notAllowed.oauthError == "invalid_scope")
            #expect(stub.lastEntry?.reason == #"scope "admin" is not allowed for client "public-client""#)
            let malformed = try await stub.oauthToken("grant_type=client_credentials&scope=read%20%20write", basic: ("client", "secret"))
            #expect(malformed.oauthError == "invalid_scope")
        }
    }
}
