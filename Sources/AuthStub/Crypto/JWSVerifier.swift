/// Checks JWS compact serializations (RFC 7515 §5.2) signed HS256 or RS256 against a JWK Set's keys.
package enum JWSVerifier {
    /// The header and payload of `jws` when one of `keys` verifies its signature.
    ///
    /// A key is tried when its `kty` fits the header's `alg`, its `kid` equals the header's (or
    /// the header has none), and its own `alg` and `use`, if present, are that `alg` and `sig`.
    /// `alg: none`, any other algorithm and a `crit` header (RFC 7515 §4.1.11: no extension is
    /// understood here) are refused, as is anything that is not three strict base64url parts.
    package static func verify(_ jws: String, keys: [JSONObject]) -> Result<(header: JSONObject, payload: [UInt8]), JWSError> {
        let parts = jws.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return refuse("not a JWS compact serialization (three base64url parts separated by dots)") }
        guard let headerBytes = Base64URL.decode(parts[0]) else { return refuse("the header is not base64url") }
        guard case .object(let header)? = try? JSONValue.parse(headerBytes, maxDepth: 16) else {
            return refuse("the header is not a JSON object")
        }
        guard case .string(let name)? = header["alg"] else { return refuse("the header has no \"alg\"") }
        guard let algorithm = JWSAlgorithm(rawValue: name) else {
            return refuse("\"alg\": \"\(name)\" is not accepted (accepted: HS256, RS256)")
        }
        guard header["crit"] == nil else { return refuse("\"crit\": no header extension is understood here (RFC 7515 §4.1.11)") }
        guard let payload = Base64URL.decode(parts[1]) else { return refuse("the payload is not base64url") }
        guard let signature = Base64URL.decode(parts[2]) else { return refuse("the signature is not base64url") }
        let kid = header["kid"]
        let candidates = keys.filter { key in
            key["kty"] == .string(algorithm.keyType) && (kid == nil || key["kid"] == kid)
                && (key["alg"] == nil || key["alg"] == .string(name)) && (key["use"] == nil || key["use"] == .string("sig"))
        }
        let wanted = kid.map { "key \($0.serialized()) for \(name)" } ?? "\(name) key"
        guard !candidates.isEmpty else { return refuse("no \(wanted) in the key set") }
        let signingInput = Array(parts[0].utf8) + [UInt8(ascii: ".")] + Array(parts[1].utf8)
        var problems: [String] = []
        for key in candidates {
            do {
                if try verifies(signature, of: signingInput, algorithm: algorithm, key: JWKReader(jwk: key)) {
                    return .success((header, payload))
                }
            } catch {
                problems.append(error.description)
            }
        }
        let unusable = problems.isEmpty ? "" : " (unusable keys: \(problems.joined(separator: "; ")))"
        return refuse("the signature does not verify with the \(wanted)\(unusable)")
    }

    /// Whether `signature` is the key's signature of `signingInput`.
    private static func verifies(
        _ signature: [UInt8],
        of signingInput: [UInt8],
        algorithm: JWSAlgorithm,
        key: JWKReader
    ) throws(JWKError)
        -> Bool
    {
        switch algorithm {
        case .hs256: HMACSHA256.authenticate(signingInput, key: try key.hmacSecret()) == signature
        case .rs256: try RSAPublicKey(jwk: key).verifies(signature, of: signingInput)
        }
    }

    private static func refuse(_ reason: String) -> Result<(header: JSONObject, payload: [UInt8]), JWSError> {
        .failure(JWSError(reason: reason))
    }
}
