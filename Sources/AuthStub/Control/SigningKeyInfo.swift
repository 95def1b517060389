/// A key that signs a service's JWTs, as the control API shows it (`GET /__control/keys`): never
/// its private members.
public struct SigningKeyInfo: Sendable, Equatable {
    /// The service whose JWTs it signs.
    public var service: String
    /// Its `kid`.
    public var kid: String
    /// The JWS algorithm it signs with: `RS256` or `HS256`.
    public var algorithm: String
    /// Whether it signs the service's new JWTs of its algorithm.
    public var signing: Bool
    /// Whether `{{jwks}}` publishes it (HMAC keys never are).
    public var published: Bool

    /// A key of `service` named `kid`.
    public init(service: String, kid: String, algorithm: String, signing: Bool, published: Bool) {
        self.service = service
        self.kid = kid
        self.algorithm = algorithm
        self.signing = signing
        self.published = published
    }
}
