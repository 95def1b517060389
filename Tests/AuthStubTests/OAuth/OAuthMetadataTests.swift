import Foundation
import Testing

@testable import AuthStub

/// The bundled `oauth2` service's discovery documents, keys and JWT access tokens, over a real
/// socket.
@Suite("OAuth 2.0: metadata, keys and JWT access tokens")
struct OAuthMetadataTests {
    @Test("both metadata documents name the bound issuer and put every endpoint under it")
    func metadata() async throws {
        try await withStub { stub in
            let issuer = "http://127.0.0.1:\(try #require(stub.port))"
            for path in ["/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"] {
                let answer = try await stub.send("GET", path)
                #expect(answer.status == 200)
                let document = try #require(answer.json)
                #expect(document["issuer"] as? String == issuer)
                let endpoints = document.filter { $0.key.hasSuffix("_endpoint") || $0.key == "jwks_uri" }
                #expect(endpoints.count == 7, "\(path)")
                for (name, value) in endpoints { #expect((value as? String)?.hasPrefix(issuer + "/oauth2/") == true, "\(path) \(name)") }
                #expect(document["code_challenge_methods_supported"] as? [String] == ["S256", "plain"])
                #expect(document["token_endpoint_auth_methods_supported"] as? [String] == ["client_secret_basic", "client_secret_post", "none"])
            }
            let openid = try #require(try await stub.send("GET", "/.well-known/openid-configuration").json)
            #expect(openid["id_token_signing_alg_values_supported"] as? [String] == ["RS256"])
            #expect(openid["subject_types_supported"] as? [String] == ["public"])
        }
    }

    @Test("the password grant's access token is an RS256 JWT that the published key verifies, with the grant's claims")
    func accessTokenVerifiesWithJWKS() async throws {
        try await withStub { stub in
            let login = try await stub.oauthToken("grant_type=password&username=user&password=secret", basic: ("client", "secret"))
            let token = try #require(login.json?["access_token"] as? String)
            let jwks = try await stub.publishedKeys()
            #expect(jwks.map { $0["kid"]?.stringValue } == ["authstub-test-1"])
            #expect(jwks.allSatisfy { $0["d"] == nil && $0["p"] == nil }, "no private members are published")
            let verified = try JWSVerifier.verify(token, keys: jwks).get()
            #expect(verified.header["alg"]?.stringValue == "RS256")
            #expect(verified.header["typ"]?.stringValue == "at+jwt")
            let claims = try #require(try JSONSerialization.jsonObject(with: Data(verified.payload)) as? [String: Any])
            #expect(claims["iss"] as? String == "http://127.0.0.1:\(try #require(stub.port))")
            #expect(claims["sub"] as? String == "user")
            let access = try await stub.send("GET", "/oauth2/userinfo", headers: ["Authorization": "Bearer \(token)"])
            #expect(access.status == 200)
        }
    }

    @Test("rotation: the next shipped key signs, both are published until the old one is removed")
    func rotation() async throws {
        try await withStub { stub in
            let rotated = try await stub.rotateSigningKey(service: "oauth2", kid: nil, jwk: nil)
            #expect(rotated == SigningKeyInfo(service: "oauth2", kid: "authstub-test-2", algorithm: "RS256", signing: true, published: true))
            #expect(try await stub.publishedKeys().compactMap { $0["kid"]?.stringValue } == ["authstub-test-1", "authstub-test-2"])
            let login = try await stub.oauthToken("grant_type=password&username=user&password=secret", basic: ("client", "secret"))
            let token = try #require(login.json?["access_token"] as? String)
            #expect(try DecodedJWT(token).header["kid"] as? String == "authstub-test-2")
            try await stub.unpublishSigningKey("authstub-test-1")
            let keys = try await stub.publishedKeys()
            #expect(keys.compactMap { $0["kid"]?.stringValue } == ["authstub-test-2"])
            #expect(throws: Never.self) { try JWSVerifier.verify(token, keys: keys).get() }
        }
    }

    @Test("userinfo: the user's claims; a missing token gets a bare challenge, a bad one invalid_token (GET and POST)")
    func userinfo() async throws {
        try await withStub { stub in
            let login = try await stub.oauthToken("grant_type=password&username=user&password=secret", basic: ("client", "secret"))
            let token = try #require(login.json?["access_token"] as? String)
            for method in ["GET", "POST"] {
                let info = try await stub.send(method, "/oauth2/userinfo", headers: ["Authorization": "Bearer \(token)"])
                #expect(info.status == 200)
                #expect(info.json?["sub"] as? String == "user")
                #expect(info.json?["email"] as? String == "user@example.com")
                #expect(info.json?["email_verified"] as? Bool == true)
                let missing = try await stub.send(method, "/oauth2/userinfo")
                #expect(missing.status == 401)
                #expect(missing.header("WWW-Authenticate") == #"Bearer realm="oauth2""#)
                let bad = try await stub.send(method, "/oauth2/userinfo", headers: ["Authorization": "Bearer nope"])
                #expect(bad.status == 401)
                #expect(bad.header("WWW-Authenticate")?.hasPrefix(#"Bearer realm="oauth2", error="invalid_token""#) == true)
            }
        }
    }
}

extension AuthStubServer {
    /// The keys `GET /oauth2/jwks` publishes.
    func publishedKeys() async throws -> [JSONObject] {
        let answer = try await send("GET", "/oauth2/jwks")
        #expect(answer.status == 200)
        let set = try JSONValue.parse([UInt8](answer.body))
        return try #require(set["keys"]?.arrayValue).compactMap(\.objectValue)
    }
}
