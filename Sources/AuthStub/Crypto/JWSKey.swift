/// A key that signs JWS compact serializations (RFC 7515 §7.1): an `RSA` private key for
/// RS256 or an `oct` key for HS256, read from a JWK.
package struct JWSKey: Sendable {
    /// The key's `kid`, written into every header it signs.
    package let kid: String
    /// What it signs with.
    package let algorithm: JWSAlgorithm
    /// An HS256 key's bytes; nil for an RSA key.
    ///
    /// Two optionals rather than an enum with an `hmac` and an `rsa` payload: Swift keeps such an
    /// enum's case in spare high bits of a payload pointer, which valgrind cannot recognise, so
    /// `.ci/check-soak.sh` reported the RSA key's `qi` limbs "definitely lost" though they were
    /// in use (moving `qi` moved the report to the member that took its place).
    private let hmacSecret: [UInt8]?
    /// An RS256 private key; nil for an HMAC key.
    private let rsaKey: RSAPrivateKey?

    private init(kid: String, algorithm: JWSAlgorithm, hmacSecret: [UInt8]? = nil, rsaKey: RSAPrivateKey? = nil) {
        self.kid = kid
        self.algorithm = algorithm
        self.hmacSecret = hmacSecret
        self.rsaKey = rsaKey
    }

    /// From a JWK object (RFC 7517; RFC 7518 §6.3.1–6.3.2 for `RSA`, §6.4 for `oct`): `kty` and
    /// `kid` are required; `alg`, if present, must be the key type's algorithm, and `use`, if
    /// present, `sig`. A reason naming the member on failure.
    package static func from(jwk: JSONObject) -> Result<JWSKey, JWKError> {
        Result { () throws(JWKError) in try read(JWKReader(jwk: jwk)) }
    }

    private static func read(_ reader: JWKReader) throws(JWKError) -> JWSKey {
        let kty = try reader.requiredString("kty")
        guard let algorithm = JWSAlgorithm.forKeyType(kty) else {
            throw JWKError("kty", "\"\(kty)\" keys cannot sign here (supported: RSA for RS256, oct for HS256)")
        }
        let kid = try reader.requiredString("kid")
        if let alg = try reader.string("alg"), alg != algorithm.rawValue {
            throw JWKError("alg", "\"\(alg)\" does not go with a \(kty) key (expected \(algorithm.rawValue))")
        }
        if let use = try reader.string("use"), use != "sig" {
            throw JWKError("use", "\"\(use)\": a signing key's use is \"sig\"")
        }
        switch algorithm {
        case .hs256:
            return JWSKey(kid: kid, algorithm: algorithm, hmacSecret: try reader.hmacSecret())
        case .rs256:
            return JWSKey(kid: kid, algorithm: algorithm, rsaKey: try RSAPrivateKey(jwk: reader))
        }
    }

    /// The public JWK to publish in a JWK Set (RSA: `kty`, `kid`, `use: sig`, `alg`, `n`, `e`);
    /// nil for an HMAC key, whose only material is the secret.
    package var publicJWK: JSONObject? {
        guard let key = rsaKey else { return nil }
        return [
            "kty": .string("RSA"),
            "kid": .string(kid),
            "use": .string("sig"),
            "alg": .string(algorithm.rawValue),
            "n": .string(Base64URL.encode(key.publicKey.modulus.modulus.bigEndianBytes(count: key.publicKey.byteCount) ?? [])),
            "e": .string(Base64URL.encode(key.publicKey.exponent.bigEndianBytes(count: (key.publicKey.exponent.bitWidth + 7) / 8) ?? [])),
        ]
    }

    /// `header.payload.signature` (RFC 7515 §7.1): the header is `alg` and `kid` (this key's),
    /// then the other members of `header` in order (its own `alg` and `kid` are replaced).
    package func sign(header: JSONObject, payload: [UInt8]) -> String {
        var members = [JSONObject.Member(key: "alg", value: .string(algorithm.rawValue)), JSONObject.Member(key: "kid", value: .string(kid))]
        members += header.members.filter { $0.key != "alg" && $0.key != "kid" }
        let signingInput = Base64URL.encode(JSONObject(members).serializedBytes()) + "." + Base64URL.encode(payload)
        return signingInput + "." + Base64URL.encode(signature(over: Array(signingInput.utf8)))
    }

    /// The JWS signature of the ASCII signing input `BASE64URL(header).BASE64URL(payload)`.
    func signature(over signingInput: [UInt8]) -> [UInt8] {
        if let key = rsaKey { return key.sign(signingInput) }
        return HMACSHA256.authenticate(signingInput, key: hmacSecret ?? [])
    }
}
