/// Why a request is refused with a documented answer: the condition (and so the status), the
/// message for the error body, and the reason for the journal.
struct Refusal: Error, Sendable {
    let condition: ResponseCondition
    let message: String
    let reason: String
    /// The reason as a stable code, when the refusal has one (it picks examples by `"reason"`).
    var cause: RefusalReason?

    init(_ condition: ResponseCondition, _ message: String, reason: String? = nil, cause: RefusalReason? = nil) {
        self.condition = condition
        self.message = message
        self.reason = reason ?? message
        self.cause = cause
    }
}
