public import Foundation

/// A change of one user's account state (`POST /__control/users/state`): lock it (for a while
/// or until unlocked), expire its password, disable it, or make it `active` again (which also
/// unlocks it and starts its wrong-password count afresh).
public struct AccountStateChange: Sendable, Equatable {
    /// The service whose user it is, e.g. `wice`.
    public var service: String
    /// The user's name.
    public var username: String
    /// The state to put the account in.
    public var state: AccountState
    /// For `locked`: when the lock ends by itself, on the server clock; nil: it holds until
    /// unlocked.
    public var lockedUntil: Date?

    /// Puts `username`'s account of `service` in `state` (`lockedUntil` only for `locked`).
    public init(service: String, username: String, state: AccountState, lockedUntil: Date? = nil) {
        self.service = service
        self.username = username
        self.state = state
        self.lockedUntil = lockedUntil
    }
}
