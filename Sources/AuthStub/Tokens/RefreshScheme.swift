/// A service's refresh tokens (fixture key `token.refresh`): a login issues one beside the
/// access token, and an endpoint with role `refresh` exchanges it for a new access token.
public struct RefreshScheme: Sendable, Equatable {
    /// What presenting a rotated refresh token again does: an open set of values.
    public struct Reuse: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The name as fixtures write it.
        public let rawValue: String
        /// The value named `rawValue` (the engine acts on the ``known`` ones).
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The request is refused (reason `reused`); nothing else changes.
        public static let refuse = Reuse(rawValue: "refuse")
        /// The request is refused and every token of the family ends (`familyRevoked`).
        public static let revokeFamily = Reuse(rawValue: "revokeFamily")
        /// The values this version knows, in the order error messages list them.
        public static let known: [Reuse] = [.refuse, .revokeFamily]
        /// The name.
        public var description: String { rawValue }
    }

    /// A refresh token ends this long after its issue (milliseconds); nil: never on the clock.
    var lifetimeMilliseconds: Int64?
    /// What refresh tokens look like.
    public var format = TokenFormat.uuid
    /// Each exchange ends the presented refresh token (`rotated`) and issues a new one.
    public var rotate = false
    /// What presenting a rotated refresh token again does.
    public var reuse = Reuse.refuse

    /// A refresh token ends this long after its issue; nil: never on the clock.
    public var lifetime: Duration? { lifetimeMilliseconds.map { .milliseconds($0) } }
}

extension RefreshScheme.Reuse: KnownValues {}
