import Testing

@testable import AuthStub

@Suite("JWS compact serializations, HS256 and RS256 (RFC 7515, RFC 7518)")
struct JWSTests {
    @Test("RFC 7515 Appendix A.1: the HS256 signature is the RFC's, and the RFC's JWS verifies")
    func appendixA1() throws {
        let key = try CryptoVectors.key(CryptoVectors.rfc7515HMAC)
        let jws = CryptoVectors.rfc7515A1
        #expect(key.algorithm == .hs256)
        #expect(key.signature(over: CryptoVectors.signingInput(jws)) == CryptoVectors.signature(jws))
        #expect(key.publicJWK == nil)
        // The RFC's key has no kid, and neither has the RFC's header: the key is found by its type.
        var keyWithoutKid = try CryptoVectors.jwk(CryptoVectors.rfc7515HMAC)
        keyWithoutKid["kid"] = nil
        let verified = try JWSVerifier.verify(jws, keys: [keyWithoutKid]).get()
        #expect(verified.header.keys == ["typ", "alg"])
        #expect(
            String(decoding: verified.payload, as: UTF8.self) == "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}"
        )
    }

    @Test("RFC 7515 Appendix A.2: PKCS #1 v1.5 is deterministic, so the RS256 signature is exactly the RFC's")
    func appendixA2() throws {
        let key = try CryptoVectors.key(CryptoVectors.rfc7515RSA)
        let jws = CryptoVectors.rfc7515A2
        #expect(key.algorithm == .rs256)
        #expect(key.signature(over: CryptoVectors.signingInput(jws)) == CryptoVectors.signature(jws))
        let published = try #require(key.publicJWK)
        #expect(published.keys == ["kty", "kid", "use", "alg", "n", "e"])
        let full = try CryptoVectors.jwk(CryptoVectors.rfc7515RSA)
        #expect(published["n"] == full["n"])
        #expect(published["e"] == .string("AQAB"))
        // Only the published (public) members are needed to verify.
        let verified = try JWSVerifier.verify(jws, keys: [published]).get()
        #expect(verified.header == ["alg": .string("RS256")])
    }

    @Test("a 4096-bit key signs exactly as openssl does, and verifies")
    func rsa4096() throws {
        let key = try CryptoVectors.key(CryptoVectors.rsa4096)
        let signature = key.signature(over: Array(CryptoVectors.rsa4096SigningInput.utf8))
        #expect(signature == Base64URL.decode(CryptoVectors.rsa4096Signature[...]))
        #expect(signature.count == 512)
        let jws = CryptoVectors.rsa4096SigningInput + "." + CryptoVectors.rsa4096Signature
        #expect(throws: Never.self) { try JWSVerifier.verify(jws, keys: [try #require(key.publicJWK)]).get() }
    }

    @Test("sign writes alg and kid first, then the caller's header members, and the result verifies", arguments: ["HS256", "RS256"])
    func signAndVerify(algorithm: String) throws {
        let text = algorithm == "HS256" ? CryptoVectors.rfc7515HMAC : CryptoVectors.rfc7515RSA
        let key = try CryptoVectors.key(text)
        let header: JSONObject = ["typ": .string("at+jwt"), "alg": .string("none"), "kid": .string("other")]
        let payload = Array(#"{"sub":"user","scope":"openid read"}"#.utf8)
        let jws = key.sign(header: header, payload: payload)
        let verified = try JWSVerifier.verify(jws, keys: [try CryptoVectors.jwk(text)]).get()
        #expect(verified.header == ["alg": .string(algorithm), "kid": .string(key.kid), "typ": .string("at+jwt")])
        #expect(verified.payload == payload)
    }

    @Test("one flipped bit anywhere in a signed JWS is refused", arguments: ["HS256", "RS256"])
    func flippedBit(algorithm: String) throws {
        let text = algorithm == "HS256" ? CryptoVectors.rfc7515HMAC : CryptoVectors.rfc7515RSA
        let keys = [try CryptoVectors.jwk(text)]
        let jws = try CryptoVectors.key(text).sign(header: [:], payload: Array(#"{"sub":"user"}"#.utf8))
        let parts = jws.split(separator: ".").map(String.init)
        for index in parts.indices {
            var bytes = try #require(Base64URL.decode(parts[index][...]))
            bytes[bytes.count - 1] ^= 0x01
            var tampered = parts
            tampered[index] = Base64URL.encode(bytes)
            #expect(throws: JWSError.self) { try JWSVerifier.verify(tampered.joined(separator: "."), keys: keys).get() }
        }
    }

    @Test(
        "malformed or unacceptable JWSs are refused with a reason",
        arguments: [
            ("eyJhbGciOiJIUzI1NiJ9.e30", "three base64url parts"),
            ("eyJhbGciOiJIUzI1NiJ9.e30.x.y", "three base64url parts"),
            ("eyJhbGciOiJIUzI1NiJ9=.e30.AAAA", "the header is not base64url"),
            ("bm90IGpzb24.e30.AAAA", "the header is not a JSON object"),
            ("e30.e30.AAAA", "no \"alg\""),
            // {"alg":"none"}: an unsecured JWS is never accepted.
            ("eyJhbGciOiJub25lIn0.e30.", "\"none\" is not accepted"),
            // {"alg":"HS256","crit":["exp"]}
            ("eyJhbGciOiJIUzI1NiIsImNyaXQiOlsiZXhwIl19.e30.AAAA", "\"crit\""),
            ("eyJhbGciOiJIUzI1NiJ9.e30=.AAAA", "the payload is not base64url"),
            ("eyJhbGciOiJIUzI1NiJ9.e30.AA+A", "the signature is not base64url"),
            // {"alg":"HS256","kid":"elsewhere"}
            ("eyJhbGciOiJIUzI1NiIsImtpZCI6ImVsc2V3aGVyZSJ9.e30.AAAA", "no key \"elsewhere\" for HS256"),
            ("eyJhbGciOiJIUzI1NiJ9.e30.AAAA", "does not verify"),
        ]
    )
    func refused(jws: String, reason: String) throws {
        let result = JWSVerifier.verify(jws, keys: [try CryptoVectors.jwk(CryptoVectors.rfc7515HMAC)])
        guard case .failure(let error) = result else {
            Issue.record("accepted \(jws)")
            return
        }
        #expect(error.reason.contains(reason), "\(error.reason)")
    }

    @Test("an HS256 JWS made with an RSA key's public modulus as its secret is refused: HS256 needs an oct key")
    func algorithmConfusion() throws {
        let published = try #require(try CryptoVectors.key(CryptoVectors.rfc7515RSA).publicJWK)
        let forged = try JWSKey.from(jwk: ["kty": .string("oct"), "kid": .string("rfc7515-a2"), "k": try #require(published["n"])]).get()
        let jws = forged.sign(header: [:], payload: Array("{}".utf8))
        let result = JWSVerifier.verify(jws, keys: [published])
        guard case .failure(let error) = result else {
            Issue.record("a forged HS256 JWS was accepted")
            return
        }
        #expect(error.reason == "no key \"rfc7515-a2\" for HS256 in the key set")
    }

    @Test("seeded random damage to signed JWSs (characters replaced, cut, duplicated) never verifies and never traps")
    func randomDamage() throws {
        var random = SplitMix64(17)
        let alphabet = Array("AZaz09-_.=+/ \u{0}é")
        for (text, rounds) in [(CryptoVectors.rfc7515HMAC, 1_000), (CryptoVectors.rfc7515RSA, 20)] {
            let keys = [try CryptoVectors.jwk(text)]
            let jws = Array(try CryptoVectors.key(text).sign(header: ["typ": .string("JWT")], payload: Array(#"{"sub":"user"}"#.utf8)))
            for _ in 0..<rounds {
                var damaged = jws
                let position = Int.random(in: 0..<damaged.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0:
                    let replacement = alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
                    guard replacement != damaged[position] else { continue }
                    damaged[position] = replacement
                case 1: damaged.removeSubrange(position..<damaged.count)
                default: damaged.insert(contentsOf: damaged[position..<min(position + 8, damaged.count)], at: position)
                }
                #expect(throws: JWSError.self) { try JWSVerifier.verify(String(damaged), keys: keys).get() }
            }
        }
    }
}
