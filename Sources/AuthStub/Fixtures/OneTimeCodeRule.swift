/// A service's one-time code step (MFA, an e-mailed code): a login whose password is right must
/// also send a code the server made for the user (fixture key `oneTimeCode`).
public struct OneTimeCodeRule: Sendable, Equatable {
    /// Where the login sends the code, as a selector: `body.code`, `header.X-OTP`, ….
    public var field: String
    /// How many digits a code the server makes has.
    public var length: Int
    /// How long a code stays usable (milliseconds on the server clock).
    var lifetimeMilliseconds: Int64
    /// The selector `field` names.
    let selector: ValueSelector

    /// How long a code stays usable.
    public var lifetime: Duration { .milliseconds(lifetimeMilliseconds) }

    /// The digits a code may have, and the default.
    static let lengths = 4...12
    static let defaultLength = 6
    /// How long a code lives when the fixture says nothing: 5 minutes.
    static let defaultLifetimeMilliseconds: Int64 = 300_000
}

extension FixtureReader {
    /// `"oneTimeCode": {"field": "body.code", "length": 6, "lifetime": "5m"}`.
    mutating func oneTimeCode(_ value: JSONValue?, at path: String) -> OneTimeCodeRule? {
        guard let object = object(value, at: path, allowed: ["field", "length", "lifetime"], required: ["field"]),
            let field = nonEmptyString(object, "field", at: path)
        else { return nil }
        let selector = ValueSelector(field)
        if selector == nil {
            report(Self.path(path, "field"), "\"\(field)\" is not a selector: \(ValueSelector.syntax)")
        }
        let length = object["length"] == nil ? OneTimeCodeRule.defaultLength : int(object, "length", at: path, in: OneTimeCodeRule.lengths)
        let lifetime = object["lifetime"] == nil ? OneTimeCodeRule.defaultLifetimeMilliseconds : duration(object, "lifetime", at: path)
        if let lifetime, lifetime <= 0 { report(Self.path(path, "lifetime"), "a code must live longer than 0s") }
        guard let selector, let length, let lifetime, lifetime > 0 else { return nil }
        return OneTimeCodeRule(field: field, length: length, lifetimeMilliseconds: lifetime, selector: selector)
    }
}
