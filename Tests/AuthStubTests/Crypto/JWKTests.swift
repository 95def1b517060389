import Testing

@testable import AuthStub

@Suite("Signing keys from JWKs: every mistake refused, naming the member")
struct JWKTests {
    /// RFC 7515's RSA key with `changes` applied (nil removes a member).
    static func rsa(_ changes: [String: JSONValue?]) throws -> JSONObject {
        var jwk = try CryptoVectors.jwk(CryptoVectors.rfc7515RSA)
        for (member, value) in changes { jwk[member] = value }
        return jwk
    }

    /// The error reading `jwk` gives; nil (and a recorded issue) when it is accepted.
    static func refusal(_ jwk: JSONObject) -> JWKError? {
        guard case .failure(let error) = JWSKey.from(jwk: jwk) else {
            Issue.record("accepted \(jwk.serialized())")
            return nil
        }
        return error
    }

    @Test("each required RSA member missing", arguments: ["kty", "kid", "n", "e", "d", "p", "q", "dp", "dq", "qi"])
    func missing(member: String) throws {
        let error = Self.refusal(try Self.rsa([member: JSONValue?.none]))
        #expect(error?.member == member)
        #expect(error?.reason == "missing")
    }

    @Test("a member that is not strict base64url", arguments: ["n", "e", "d", "p", "q", "dp", "dq", "qi"])
    func badBase64url(member: String) throws {
        let error = Self.refusal(try Self.rsa([member: .string("AQAB+/==")]))
        #expect(error?.member == member)
        #expect(error?.reason.hasPrefix("not base64url") == true)
    }

    @Test("members of different keys, or values that do not fit together")
    func inconsistent() throws {
        let vector = try CryptoVectors.jwk(CryptoVectors.rfc7515RSA)
        let other = try CryptoVectors.jwk(CryptoVectors.rsa4096)
        // The modulus of another key: p × q is not n.
        #expect(Self.refusal(try Self.rsa(["n": other["n"]]))?.description == "\"n\": is not p × q: the members come from different keys")
        #expect(Self.refusal(try Self.rsa(["q": vector["p"]]))?.member == "n")
        // dp and dq swapped, qi from another key.
        #expect(Self.refusal(try Self.rsa(["dp": vector["dq"]]))?.member == "dp")
        #expect(Self.refusal(try Self.rsa(["dq": vector["dp"]]))?.member == "dq")
        #expect(Self.refusal(try Self.rsa(["qi": vector["dp"]]))?.member == "qi")
        #expect(Self.refusal(try Self.rsa(["d": other["n"]]))?.member == "d")
        #expect(Self.refusal(try Self.rsa(["e": .string("AAE")]))?.member == "e")
        #expect(Self.refusal(try Self.rsa(["e": .string("AQAA")]))?.member == "e")
        #expect(Self.refusal(try Self.rsa(["p": .string("AA")]))?.reason == "must not be zero")
    }

    @Test("moduli outside 2048 to 4096 bits are refused (RFC 7518 §3.3)")
    func modulusSize() throws {
        let vector = try CryptoVectors.jwk(CryptoVectors.rfc7515RSA)
        let error = Self.refusal(try Self.rsa(["n": vector["p"]]))
        #expect(error?.description == "\"n\": a 1024-bit modulus; RS256 keys here have 2048 to 4096 bits (RFC 7518 §3.3)")
        let huge = Base64URL.encode([UInt8](repeating: 0xff, count: 600))
        #expect(Self.refusal(try Self.rsa(["n": .string(huge)]))?.description == "\"n\": longer than 513 bytes")
    }

    @Test("key type, algorithm and use are checked")
    func keyTypeAlgorithmUse() throws {
        #expect(Self.refusal(try Self.rsa(["kty": .string("EC")]))?.member == "kty")
        #expect(Self.refusal(try Self.rsa(["kty": .number("1")]))?.description == "\"kty\": expected a string, found number")
        #expect(Self.refusal(try Self.rsa(["alg": .string("HS256")]))?.member == "alg")
        #expect(Self.refusal(try Self.rsa(["use": .string("enc")]))?.member == "use")
        #expect(Self.refusal(try Self.rsa(["kid": .string("")]))?.reason == "must not be empty")
        #expect(Self.refusal(try Self.rsa(["oth": .array([])]))?.member == "oth")
        #expect(throws: Never.self) { try JWSKey.from(jwk: try Self.rsa(["alg": .string("RS256"), "use": .string("sig")])).get() }
    }

    @Test("an HS256 key needs at least 32 bytes (RFC 7518 §3.2)")
    func shortHMACKey() throws {
        let short: JSONObject = ["kty": .string("oct"), "kid": .string("k"), "k": .string(Base64URL.encode([UInt8](repeating: 7, count: 31)))]
        #expect(Self.refusal(short)?.description == "\"k\": 31 bytes; HS256 needs at least 32 (RFC 7518 §3.2)")
        var long = short
        long["k"] = .string(Base64URL.encode([UInt8](repeating: 7, count: 32)))
        #expect(throws: Never.self) { try JWSKey.from(jwk: long).get() }
    }
}
