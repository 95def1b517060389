/// One service's signing keys as they stand on a running server: the key that signs for each
/// algorithm, and the keys published at `{{jwks}}`. Starts from the fixture's `signingKeys`
/// (the first key of each algorithm signs and is published); the control API rotates, adds and
/// unpublishes.
struct SigningKeyRing: Sendable {
    /// The fixture's keys, as the ring started.
    let shipped: [SigningKey]
    /// The fixture's keys, then those a test posted, in order.
    private(set) var keys: [SigningKey]
    /// algorithm → the `kid` that signs.
    private var signing: [JWSAlgorithm: String] = [:]
    /// The `kid`s published, in the order they were first published.
    private(set) var published: [String] = []

    init(_ keys: [SigningKey]) {
        self.shipped = keys
        self.keys = keys
        for key in keys where signing[key.key.algorithm] == nil { use(key) }
    }

    /// The key that signs `algorithm`, if the service has one.
    func signer(for algorithm: JWSAlgorithm) -> JWSKey? {
        signing[algorithm].flatMap { kid in keys.first { $0.kid == kid }?.key }
    }

    /// Whether `kid` signs now.
    func isSigning(_ kid: String) -> Bool { signing.values.contains(kid) }

    /// The published public keys as a JWK Set (RFC 7517 §5); HMAC keys are never published.
    /// Made again only when the published keys change.
    private(set) var jwks: JSONValue = .object(["keys": .array([])])

    /// Signs `algorithm`'s tokens from now on with `posted` (added), the key named `kid`, or the
    /// key of `algorithm` after the one signing now; the old key stays published.
    mutating func rotate(kid: String?, posted: SigningKey?, algorithm: JWSAlgorithm) throws(ControlError) -> SigningKey {
        let next: SigningKey
        if let posted {
            guard !keys.contains(where: { $0.kid == posted.kid }) else { throw .badInput("kid \"\(posted.kid)\" is taken", field: "jwk.kid") }
            guard keys.count < SigningKey.maximumCount else {
                throw .badInput("a service holds at most \(SigningKey.maximumCount) signing keys", field: "jwk")
            }
            keys.append(posted)
            next = posted
        } else if let kid {
            guard let named = keys.first(where: { $0.kid == kid }) else { throw .notFound("no signing key \"\(kid)\"", field: "kid") }
            next = named
        } else {
            let candidates = keys.filter { $0.key.algorithm == algorithm }
            let current = candidates.firstIndex { $0.kid == signing[algorithm] } ?? -1
            guard candidates.count > 1 || current < 0, let first = candidates.first else {
                throw .badInput("no other \(algorithm.rawValue) key to rotate to; name a kid or post a jwk", field: "kid")
            }
            next = current + 1 < candidates.count ? candidates[current + 1] : first
        }
        use(next)
        return next
    }

    /// Stops publishing `kid`; refused while it signs.
    mutating func unpublish(_ kid: String) throws(ControlError) {
        guard let index = published.firstIndex(of: kid) else { throw .notFound("no published signing key \"\(kid)\"", field: "kid") }
        guard !isSigning(kid) else { throw ControlError(status: 409, message: "key \"\(kid)\" signs now; rotate to another first", field: "kid") }
        published.remove(at: index)
        makeJWKS()
    }

    private mutating func use(_ key: SigningKey) {
        signing[key.key.algorithm] = key.kid
        guard !published.contains(key.kid) else { return }
        published.append(key.kid)
        makeJWKS()
    }

    private mutating func makeJWKS() {
        let keys = published.compactMap { kid in self.keys.first { $0.kid == kid }?.key.publicJWK }
        jwks = .object(["keys": .array(keys.map(JSONValue.object))])
    }
}
