/// A service's account lockout (fixture key `lockout`): after `after` wrong passwords in a row
/// for a user of the service's user list, every login of that user is refused as
/// ``ResponseCondition/accountLocked`` until the lock ends on the server clock, or a control
/// call unlocks it.
public struct LockoutRule: Sendable, Equatable {
    /// How many wrong passwords in a row lock the account.
    public var after: Int
    /// How long the lock holds (milliseconds on the server clock); nil: until a control call
    /// unlocks it.
    var lockMilliseconds: Int64?

    /// How long the lock holds; nil: until a control call unlocks the account.
    public var duration: Duration? { lockMilliseconds.map { .milliseconds($0) } }

    /// The wrong passwords in a row a fixture may ask for.
    static let attempts = 1...1_000
}

extension FixtureReader {
    /// `"lockout": {"after": 5, "for": "15m"}`; without `for`, a lock holds until unlocked.
    mutating func lockout(_ value: JSONValue?, at path: String) -> LockoutRule? {
        guard let object = object(value, at: path, allowed: ["after", "for"], required: ["after"]) else { return nil }
        let after = int(object, "after", at: path, in: LockoutRule.attempts)
        let lockFor = object["for"] == nil ? nil : duration(object, "for", at: path)
        if let lockFor, lockFor <= 0 { report(Self.path(path, "for"), "a lock must last longer than 0s (leave \"for\" out to lock until unlocked)") }
        guard let after, object["for"] == nil || (lockFor ?? 0) > 0 else { return nil }
        return LockoutRule(after: after, lockMilliseconds: lockFor)
    }
}
