/// The JWS algorithms AuthStub signs and verifies (RFC 7518 §3.1), by their `alg` names.
package enum JWSAlgorithm: String, Sendable, CaseIterable {
    /// HMAC with SHA-256 (RFC 7518 §3.2), with an `oct` key.
    case hs256 = "HS256"
    /// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3), with an `RSA` key.
    case rs256 = "RS256"

    /// The JWK key type (`kty`, RFC 7518 §6.1) this algorithm signs with.
    var keyType: String {
        switch self {
        case .hs256: "oct"
        case .rs256: "RSA"
        }
    }

    /// The algorithm for keys of type `kty`; nil for a type AuthStub does not sign with.
    static func forKeyType(_ kty: String) -> JWSAlgorithm? {
        allCases.first { $0.keyType == kty }
    }
}
