/// Where a user's account stands: whether its logins go through, and which documented answer
/// refuses them otherwise. Set through the control API (`POST /__control/users/state`), or
/// `locked` by a service's `lockout` after too many wrong passwords.
public enum AccountState: String, Sendable, Equatable, CaseIterable {
    /// Logins go through when the password is right.
    case active
    /// Every login is refused as ``ResponseCondition/accountLocked``, right password or not,
    /// until the lock ends or a control call unlocks it.
    case locked
    /// A login with the right password is refused as ``ResponseCondition/passwordExpired``; a
    /// wrong password is still `badCredentials`.
    case passwordExpired
    /// Every login is refused as ``ResponseCondition/accountDisabled``; disabling it ended the
    /// user's tokens.
    case disabled
}

extension AccountState: KnownValues {}
