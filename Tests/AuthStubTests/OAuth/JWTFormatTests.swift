import Foundation
import Testing

@testable import AuthStub

/// `token.format: {"jwt": …}`: access tokens that are signed JWTs (RFC 9068), on the virtual
/// clock, with queued claims, skew and key rotation.
@Suite("JWT token format")
struct JWTFormatTests {
    @Test("a login issues an RFC 9068 JWT: typ at+jwt, alg, kid; iss, sub, aud, iat, exp, jti and the fixture's claims; it is accepted")
    func loginIssuesJWT() async throws {
        try await TokenFixture.serve(JWTFixture.files()) { stub in
            let now = Int(try await stub.clock().now.timeIntervalSince1970)
            let (token, jwt) = try await stub.jwtLogin()
            #expect(jwt.header["typ"] as? String == "at+jwt")
            #expect(jwt.header["alg"] as? String == "HS256")
            #expect(jwt.header["kid"] as? String == "hs-1")
            let issuer = "http://127.0.0.1:\(try #require(stub.port))"
            #expect(jwt.payload["iss"] as? String == issuer)
            #expect(jwt.payload["aud"] as? String == issuer)
            #expect(jwt.payload["sub"] as? String == "ada")
            #expect(jwt.payload["email"] as? String == "ada@example.test")
            #expect(jwt.int("iat") == now)
            #expect(jwt.int("exp") == now + 3600)
            #expect((jwt.payload["jti"] as? String)?.count == 22)
            let key = try DecodedJWT.data(JWTFixture.secret)
            #expect(Data(HMACSHA256.authenticate(Array(jwt.signingInput.utf8), key: Array(key))) == jwt.signature)
            #expect(try await stub.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"]).status == 200)
            let minted = try await stub.mintToken(service: "api", user: "ada")
            #expect(try DecodedJWT(minted.token).payload["sub"] as? String == "ada", "control-minted tokens are JWTs too")
        }
    }

    @Test("the token's life follows the virtual clock: an hour on, it is refused")
    func expiresOnTheClock() async throws {
        try await TokenFixture.serve(JWTFixture.files()) { stub in
            let (token, _) = try await stub.jwtLogin()
            try await stub.advanceClock(by: .seconds(3600))
            #expect(try await stub.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"]).status == 401)
        }
    }

    @Test("type and audience are fixture settings; the audience may hold placeholders")
    func typeAndAudience() async throws {
        let jwt = #"{ "algorithm": "HS256", "type": "JWT", "audience": "{{issuer}}/api" }"#
        try await TokenFixture.serve(JWTFixture.files(jwt: jwt)) { stub in
            let (_, decoded) = try await stub.jwtLogin()
            #expect(decoded.header["typ"] as? String == "JWT")
            #expect(decoded.payload["aud"] as? String == "http://127.0.0.1:\(try #require(stub.port))/api")
        }
    }

    @Test("queued claims go into the next count tokens and override others; then they stop", arguments: ControlTransport.allCases)
    func queuedClaims(_ transport: ControlTransport) async throws {
        try await TokenFixture.serve(JWTFixture.files()) { stub in
            let control: any AuthStubControl = transport == .http ? stub.controlClient() : stub
            try await control.queueClaims(["role": .string("admin"), "email": .string("x@example.test")], service: "api", count: 2)
            for _ in 0..<2 {
                let (_, jwt) = try await stub.jwtLogin()
                #expect(jwt.payload["role"] as? String == "admin")
                #expect(jwt.payload["email"] as? String == "x@example.test")
            }
            let (_, third) = try await stub.jwtLogin()
            #expect(third.payload["role"] == nil)
            #expect(third.payload["email"] as? String == "ada@example.test")
        }
    }

    @Test("skew shifts iat and exp in the token, not the server's own check", arguments: ControlTransport.allCases)
    func skew(_ transport: ControlTransport) async throws {
        try await TokenFixture.serve(JWTFixture.files()) { stub in
            let control: any AuthStubControl = transport == .http ? stub.controlClient() : stub
            let now = Int(try await stub.clock().now.timeIntervalSince1970)
            try await control.setTokenSkew(.seconds(-300), service: "api")
            let (token, jwt) = try await stub.jwtLogin()
            #expect(jwt.int("iat") == now - 300)
            #expect(jwt.int("exp") == now + 3300)
            try await stub.advanceClock(by: .seconds(3400))
            #expect(try await stub.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"]).status == 200)
            try await control.setTokenSkew(.zero, service: "api")
            #expect(try await stub.jwtLogin().jwt.int("iat") == now + 3400)
        }
    }

    @Test(
        "rotation: a posted key signs from now on, the old one is still listed; a signing key cannot be unpublished",
        arguments: ControlTransport.allCases
    )
    func rotation(_ transport: ControlTransport) async throws {
        try await TokenFixture.serve(JWTFixture.files()) { stub in
            let control: any AuthStubControl = transport == .http ? stub.controlClient() : stub
            let posted = try JSONValue.parse(JWTFixture.secondKey).objectValue
            let rotated = try await control.rotateSigningKey(service: "api", kid: nil, jwk: posted)
            #expect(rotated == SigningKeyInfo(service: "api", kid: "hs-2", algorithm: "HS256", signing: true, published: false))
            #expect(try await stub.jwtLogin().jwt.header["kid"] as? String == "hs-2")
            #expect(try await control.signingKeys(service: "api").map(\.kid) == ["hs-1", "hs-2"])
            let refused = await #expect(throws: ControlError.self) { try await control.unpublishSigningKey("hs-2") }
            #expect(refused?.status == 409)
            try await control.rotateSigningKey(service: "api", kid: "hs-1", jwk: nil)
            #expect(try await stub.jwtLogin().jwt.header["kid"] as? String == "hs-1")
            try await control.unpublishSigningKey("hs-2")
            try await control.reset()
            #expect(try await control.signingKeys(service: "api").map(\.kid) == ["hs-1"], "reset forgets posted keys")
        }
    }

    @Test("bad control input is a 400 naming the field, an unknown service a 404, a full queue a 409")
    func badControlInput() async throws {
        try await TokenFixture.serve(JWTFixture.files()) { stub in
            let control = stub.controlClient()
            func refusal(_ call: () async throws -> Void) async -> (Int?, String?) {
                let error = await #expect(throws: ControlError.self) { try await call() }
                return (error?.status.code, error?.field)
            }
            #expect(await refusal { try await control.queueClaims(["a": .int(1)], service: "nope", count: 1) } == (404, "service"))
            #expect(await refusal { try await control.queueClaims(["a": .int(1)], service: "api", count: 0) } == (400, "count"))
            let big = JSONObject([JSONObject.Member(key: "big", value: .string(String(repeating: "x", count: 4096)))])
            #expect(await refusal { try await control.queueClaims(big, service: "api", count: 1) } == (400, "claims"))
            #expect(await refusal { try await control.setTokenSkew(.seconds(400_000_000), service: "api") } == (400, "seconds"))
            #expect(await refusal { try await control.rotateSigningKey(service: "api", kid: "nope", jwk: nil) } == (404, "kid"))
            #expect(await refusal { try await control.rotateSigningKey(service: "api", kid: nil, jwk: ["kty": .string("oct")]) } == (400, "jwk"))
            #expect(await refusal { try await control.rotateSigningKey(service: "api", kid: nil, jwk: nil) } == (400, "kid"))
            #expect(await refusal { try await control.unpublishSigningKey("nope") } == (404, "kid"))
            for _ in 0..<TokenSigning.maximumQueued { try await control.queueClaims(["a": .int(1)], service: "api", count: 1) }
            #expect(await refusal { try await control.queueClaims(["a": .int(1)], service: "api", count: 1) }.0 == 409)
        }
    }

    @Test("fixture mistakes are refused at load with file, path and reason")
    func fixtureMistakes() async throws {
        func problems(jwt: String = #"{ "algorithm": "HS256" }"#, keys: String = JWTFixture.key, refresh: String? = nil) async throws -> [String] {
            var files = JWTFixture.files(jwt: jwt, keys: keys)
            if let refresh {
                files["api/service.json"] = files["api/service.json"]?.replacingOccurrences(
                    of: #""lifetime": "1h","#,
                    with: #""lifetime": "1h", "refresh": \#(refresh),"#
                )
            }
            return try await TokenFixture.loadProblems(files)
        }
        #expect(
            try await problems(jwt: #"{ "algorithm": "ES256" }"#) == [
                #"service.json $.token.format.jwt.algorithm: "ES256" is not one of "HS256", "RS256""#
            ]
        )
        #expect(
            try await problems(jwt: #"{ "algorithm": "RS256" }"#) == ["service.json $.token.format.jwt.algorithm: no key in signingKeys signs RS256"]
        )
        #expect(
            try await problems(jwt: #"{ "algorithm": "HS256", "claims": { "x": "{{nope}}" } }"#).first?.hasPrefix(
                "service.json $.token.format.jwt.claims.x: unknown placeholder {{nope}}"
            ) == true
        )
        #expect(
            try await problems(keys: #"{ "kty": "oct", "k": "c2VjcmV0" }"#).first
                == #"service.json $.signingKeys.keys[0]: a signing key needs a "kid""#
        )
        #expect(
            try await problems(keys: JWTFixture.key + ", " + JWTFixture.key).contains(
                #"service.json $.signingKeys.keys[1].kid: kid "hs-1" is used twice"#
            )
        )
        #expect(
            try await problems(refresh: #"{ "format": { "jwt": { "algorithm": "HS256" } } }"#)
                == ["service.json $.token.refresh.format: refresh tokens are opaque: a JWT format is for access tokens (token.format)"]
        )
    }
}
