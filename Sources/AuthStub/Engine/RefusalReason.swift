/// Why a request was refused, as a stable code beside the journal's words: a response may
/// answer only some reasons (`"reason": "missing"` in a fixture), and the journal records it
/// (``JournalEntry/refusalReason``).
///
/// An open set of values (a struct with static members, like `HTTPMethod`), so a later reason
/// breaks nobody's `switch`.
public struct RefusalReason: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The code as fixtures and the control API write it, e.g. `missing`.
    public let rawValue: String

    /// The reason with code `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Nothing was sent: no token, no credentials, no header.
    public static let missing = RefusalReason(rawValue: "missing")
    /// Something was sent but is wrong: an unknown user, a wrong password, a malformed value.
    public static let wrong = RefusalReason(rawValue: "wrong")
    /// The token is not one the service issued (or the server has forgotten it).
    public static let unknown = RefusalReason(rawValue: "unknown")
    /// The token ran out on the clock (lifetime, absolute expiry, idle timeout) or was expired
    /// on purpose.
    public static let expired = RefusalReason(rawValue: "expired")
    /// The token was logged out, revoked with its family or its user's tokens, or evicted.
    public static let revoked = RefusalReason(rawValue: "revoked")
    /// The token is disabled (control API).
    public static let disabled = RefusalReason(rawValue: "disabled")
    /// A refresh token that was already exchanged (rotated) was presented again.
    public static let reused = RefusalReason(rawValue: "reused")

    /// The request asks for something the server does not support, e.g. an OAuth 2.0
    /// `response_type` other than `code`.
    public static let unsupported = RefusalReason(rawValue: "unsupported")

    /// No endpoint on the route matches the request's values (their `"match"`), a `badRequest`.
    public static let unmatched = RefusalReason(rawValue: "unmatched")

    /// The reasons this version knows, in the order error messages list them.
    public static let known: [RefusalReason] = [.missing, .wrong, .unknown, .expired, .revoked, .disabled, .reused, .unmatched, .unsupported]

    /// The code.
    public var description: String { rawValue }
}

extension RefusalReason: KnownValues {}
