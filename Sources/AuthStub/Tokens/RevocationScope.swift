/// What a `logout` endpoint ends (fixture key `revokes`): an open set of values.
public struct RevocationScope: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The name as fixtures write it.
    public let rawValue: String
    /// The value named `rawValue` (the engine acts on the ``known`` ones).
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The presented token alone (end reason `loggedOut`); the default.
    public static let token = RevocationScope(rawValue: "token")
    /// Every token of the presented token's family (`familyRevoked`).
    public static let family = RevocationScope(rawValue: "family")
    /// Every token of the presented token's user on the token's service (`userRevoked`).
    public static let user = RevocationScope(rawValue: "user")
    /// The values this version knows, in the order error messages list them.
    public static let known: [RevocationScope] = [.token, .family, .user]
    /// The name.
    public var description: String { rawValue }
}

extension RevocationScope: KnownValues {}
