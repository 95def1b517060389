/// Why a request is refused with a documented answer: the condition (and so the status), the
/// message for the error body, and the reason for the journal.
struct Refusal: Error, Sendable {
    let condition: ResponseCondition
    let message: String
    let reason: String

    init(_ condition: ResponseCondition, _ message: String, reason: String? = nil) {
        self.condition = condition
        self.message = message
        self.reason = reason ?? message
    }
}
