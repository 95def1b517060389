// Interim HS256-only stand-in for issue17-a's JWS signer (same names as the design fixes), so
// that the JWT format builds and is tested before RSA lands; deleted when issue17-a's JWS is
// merged.

/// A JWS algorithm (RFC 7518 §3.1).
enum JWSAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    case rs256 = "RS256"
    /// HMAC with SHA-256.
    case hs256 = "HS256"
}

/// Why a JWK makes no key.
struct JWKError: Error, Sendable, Equatable, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

/// A key that signs JWS compact serializations.
struct JWSKey: Sendable {
    let kid: String
    let algorithm: JWSAlgorithm
    private let secret: [UInt8]

    /// From a JWK object: only `oct` keys until RSA lands.
    static func from(jwk: JSONObject) -> Result<JWSKey, JWKError> {
        guard jwk["kty"]?.stringValue == "oct" else { return .failure(JWKError(reason: "only oct keys are read until RSA lands")) }
        guard let k = jwk["k"]?.stringValue, let secret = Base64URL.decode(Substring(k)), !secret.isEmpty else {
            return .failure(JWKError(reason: "\"k\" must be base64url"))
        }
        return .success(JWSKey(kid: jwk["kid"]?.stringValue ?? "", algorithm: .hs256, secret: secret))
    }

    /// HMAC keys are never published.
    var publicJWK: JSONObject? { nil }

    /// header.payload.signature.
    func sign(header: JSONObject, payload: [UInt8]) -> String {
        var header = header
        header["alg"] = .string(algorithm.rawValue)
        header["kid"] = .string(kid)
        let input = Base64URL.encode(JSONValue.object(header).serializedBytes()) + "." + Base64URL.encode(payload)
        return input + "." + Base64URL.encode(HMACSHA256.authenticate(Array(input.utf8), key: secret))
    }
}
