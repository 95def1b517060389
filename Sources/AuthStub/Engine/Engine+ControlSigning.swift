/// The control operations on the JWTs a server signs: keys, queued claims and skew.
extension Engine {
    /// The keys of `service`, in order (none when it has no `signingKeys`); 404 for an unknown
    /// service.
    func signingKeys(_ listing: KeyListing) throws(ControlError) -> [SigningKeyInfo] {
        _ = try signingService(listing.service)
        return state.withLock { state in
            state.signing.rings[listing.service].map { Self.infos($0, service: listing.service) } ?? []
        }
    }

    /// Rotates `service` to a posted key, a named one or the next of its algorithm (see
    /// `SigningKeyRing.rotate`); returns the key that signs now.
    func rotateSigningKey(_ rotation: KeyRotation) throws(ControlError) -> SigningKeyInfo {
        let service = try signingService(rotation.service)
        var posted: SigningKey?
        if let jwk = rotation.jwk {
            switch SigningKey.read(jwk) {
            case .success(let key): posted = key
            case .failure(let error): throw .badInput("jwk: \(error.reason)", field: KeyRotation.Field.jwk.rawValue)
            }
        }
        let algorithm = service.token.format.jwt?.algorithm ?? .rs256
        return try state.withLock { (state: inout EngineState) throws(ControlError) -> SigningKeyInfo in
            var ring = state.signing.rings[service.name] ?? SigningKeyRing([])
            let key = try ring.rotate(kid: rotation.kid, posted: posted, algorithm: algorithm)
            state.signing.rings[service.name] = ring
            return Self.info(key, in: ring, service: service.name)
        }
    }

    /// Stops publishing `kid` in every service that publishes it: 404 when none does, 409 while
    /// it signs.
    func unpublishSigningKey(_ kid: String) throws(ControlError) {
        try state.withLock { (state: inout EngineState) throws(ControlError) in
            let holders = state.signing.rings.filter { $0.value.published.contains(kid) }
            guard !holders.isEmpty else { throw .notFound("no published signing key \"\(kid)\"", field: "kid") }
            var rings = state.signing.rings
            for (service, var ring) in holders {
                try ring.unpublish(kid)
                rings[service] = ring
            }
            state.signing.rings = rings
        }
    }

    /// Queues claims for the next JWTs of a service: `count` from 1 to
    /// `TokenSigning.maximumCount`, claims of at most `TokenSigning.maximumClaimsBytes`, at most
    /// `TokenSigning.maximumQueued` entries (409 past it).
    func queueClaims(_ queueing: ClaimsQueueing) throws(ControlError) {
        _ = try signingService(queueing.service)
        guard (1...TokenSigning.maximumCount).contains(queueing.count) else {
            throw .badInput("count must be from 1 to \(TokenSigning.maximumCount)", field: ClaimsQueueing.Field.count.rawValue)
        }
        guard JSONValue.object(queueing.claims).serializedBytes().count <= TokenSigning.maximumClaimsBytes else {
            throw .badInput("claims must take at most \(TokenSigning.maximumClaimsBytes) bytes as JSON", field: ClaimsQueueing.Field.claims.rawValue)
        }
        let queued = state.withLock { $0.signing.queue(queueing.claims, count: queueing.count, service: queueing.service) }
        guard queued else {
            throw ControlError(status: 409, message: "\(TokenSigning.maximumQueued) claim sets wait already for \"\(queueing.service)\"")
        }
    }

    /// Shifts the times written into a service's tokens by `seconds` (at most
    /// `TokenSigning.maximumSkewSeconds` either way).
    func setTokenSkew(_ setting: TokenSkewSetting) throws(ControlError) {
        _ = try signingService(setting.service)
        guard abs(setting.seconds) <= TokenSigning.maximumSkewSeconds else {
            throw .badInput("seconds must be from -\(TokenSigning.maximumSkewSeconds) to \(TokenSigning.maximumSkewSeconds)", field: "seconds")
        }
        state.withLock { $0.signing.skews[setting.service] = setting.seconds == 0 ? nil : setting.seconds * 1000 }
    }

    private func signingService(_ name: String) throws(ControlError) -> ServiceFixture {
        guard let service = fixtures.services.first(where: { $0.name == name }) else {
            throw .notFound("no service \"\(name)\"", field: "service")
        }
        return service
    }

    private static func infos(_ ring: SigningKeyRing, service: String) -> [SigningKeyInfo] {
        ring.keys.map { info($0, in: ring, service: service) }
    }

    private static func info(_ key: SigningKey, in ring: SigningKeyRing, service: String) -> SigningKeyInfo {
        SigningKeyInfo(
            service: service,
            kid: key.kid,
            algorithm: key.key.algorithm.rawValue,
            signing: ring.isSigning(key.kid),
            published: ring.published.contains(key.kid) && key.key.publicJWK != nil
        )
    }
}
