/// Why a JWK cannot sign or verify: the member at fault (nil for the key as a whole) and a
/// reason a person can act on, e.g. member `n`, "is not p × q: the members come from different keys".
package struct JWKError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The JWK member at fault, e.g. `qi`; nil when the reason is about the whole key.
    package let member: String?
    /// What is wrong, in words.
    package let reason: String

    /// The problem with `member` (nil: the whole key).
    init(_ member: String?, _ reason: String) {
        self.member = member
        self.reason = reason
    }

    /// `"n": is not p × q …`, or the reason alone.
    package var description: String {
        member.map { "\"\($0)\": \(reason)" } ?? reason
    }
}
