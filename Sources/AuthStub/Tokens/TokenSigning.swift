/// What a running server keeps for the JWTs it signs, per service: the signing keys, extra
/// claims a test queued for the next tokens, and the skew of the times written into tokens.
/// Part of the engine's state, so `reset` clears it.
struct TokenSigning: Sendable {
    /// Claims queued for the next `remaining` JWTs of a service.
    struct QueuedClaims: Sendable, Equatable {
        var claims: JSONObject
        var remaining: Int
    }

    /// service → its keys.
    var rings: [String: SigningKeyRing] = [:]
    /// service → claims queued for its next JWTs, first in first out.
    private(set) var queued: [String: [QueuedClaims]] = [:]
    /// service → how far the times written into its tokens are shifted (milliseconds).
    var skews: [String: Int64] = [:]

    /// The most queued entries one service holds.
    static let maximumQueued = 100
    /// The most JWTs one queued entry applies to.
    static let maximumCount = 1_000
    /// The most bytes one entry's claims take, serialized.
    static let maximumClaimsBytes = 2 * 1024
    /// The largest skew either way: ten years of seconds.
    static let maximumSkewSeconds: Int64 = 10 * 366 * 24 * 3600

    init(fixtures: FixtureSet) {
        follow(fixtures)
    }

    /// Keeps a ring for every service with signing keys: a service whose fixture keys are
    /// unchanged keeps its rotations, others start afresh.
    mutating func follow(_ fixtures: FixtureSet) {
        var rings: [String: SigningKeyRing] = [:]
        for service in fixtures.services where !service.signingKeys.isEmpty && rings[service.name] == nil {
            if let ring = self.rings[service.name], ring.shipped == service.signingKeys {
                rings[service.name] = ring
            } else {
                rings[service.name] = SigningKeyRing(service.signingKeys)
            }
        }
        self.rings = rings
    }

    /// Queues `claims` for the next `count` JWTs of `service`; false when its queue is full.
    mutating func queue(_ claims: JSONObject, count: Int, service: String) -> Bool {
        guard queued[service, default: []].count < Self.maximumQueued else { return false }
        queued[service, default: []].append(QueuedClaims(claims: claims, remaining: count))
        return true
    }

    /// The queued claims the next JWT of `service` carries (empty when none are queued), used up
    /// by one.
    mutating func takeClaims(service: String) -> JSONObject {
        guard var entries = queued[service], var first = entries.first else { return [:] }
        first.remaining -= 1
        if first.remaining > 0 { entries[0] = first } else { entries.removeFirst() }
        queued[service] = entries.isEmpty ? nil : entries
        return first.claims
    }
}
