/// A key of a service's `signingKeys` (or one a test posted through the control API): the JWK
/// as written, and the key it makes.
struct SigningKey: Sendable, Equatable {
    /// The JWK as written, private members included.
    let jwk: JSONObject
    /// The key that signs.
    let key: JWSKey

    /// Its `kid`, unique within its service.
    var kid: String { key.kid }

    /// The most keys one service holds (shipped and posted together).
    static let maximumCount = 16

    /// The key `jwk` makes; a reason when it makes none or has no `kid`.
    static func read(_ jwk: JSONObject) -> Result<SigningKey, SigningKeyError> {
        guard let kid = jwk["kid"]?.stringValue, !kid.isEmpty else { return .failure(SigningKeyError(reason: "a signing key needs a \"kid\"")) }
        switch JWSKey.from(jwk: jwk) {
        case .success(let key): return .success(SigningKey(jwk: jwk, key: key))
        case .failure(let error): return .failure(SigningKeyError(reason: "key \"\(kid)\": \(error)"))
        }
    }

    static func == (left: SigningKey, right: SigningKey) -> Bool { left.jwk == right.jwk }
}

/// Why a JWK is no signing key.
struct SigningKeyError: Error, Sendable, Equatable {
    let reason: String
}

extension FixtureReader {
    /// Reads a service's `signingKeys`: a JWK Set (`{"keys": [...]}`, RFC 7517 §5) with private
    /// members, each key with a `kid` unique in the set. Empty when absent or wrong (the problems
    /// reported).
    mutating func signingKeys(_ value: JSONValue?, at path: String) -> [SigningKey] {
        guard let value, let set = object(value, at: path, allowed: ["keys"], required: ["keys"]),
            let elements = set["keys"]
        else { return [] }
        let keysPath = Self.path(path, "keys")
        guard case .array(let jwks) = elements, jwks.count <= SigningKey.maximumCount else {
            report(keysPath, "expected an array of at most \(SigningKey.maximumCount) JWKs, found \(describe(elements))")
            return []
        }
        var keys: [SigningKey] = []
        for (index, element) in jwks.enumerated() {
            let keyPath = Self.path(keysPath, index)
            guard case .object(let jwk) = element else {
                report(keyPath, "expected a JWK object, found \(describe(element))")
                continue
            }
            switch SigningKey.read(jwk) {
            case .failure(let error): report(keyPath, error.reason)
            case .success(let key):
                guard !keys.contains(where: { $0.kid == key.kid }) else {
                    report(Self.path(keyPath, "kid"), "kid \"\(key.kid)\" is used twice")
                    continue
                }
                keys.append(key)
            }
        }
        return keys
    }

    /// Reports a JWT format or ID token rule whose algorithm has no key among `keys`.
    mutating func checkSigningKeys(for token: TokenScheme, keys: [SigningKey]) {
        let needs = [(token.format.jwt?.algorithm, "$.token.format.jwt.algorithm"), (token.idToken?.algorithm, "$.token.idToken.algorithm")]
        for case (let algorithm?, let path) in needs where !keys.contains(where: { $0.key.algorithm == algorithm }) {
            report(path, "no key in signingKeys signs \(algorithm.rawValue)")
        }
    }
}
