/// Why a request is refused with a documented answer: the condition (and so the status), the
/// message for the error body, and the reason for the journal.
struct Refusal: Error, Sendable {
    let condition: ResponseCondition
    let message: String
    let reason: String
    /// The reason as a stable code, when the refusal has one (it picks examples by `"reason"`).
    var cause: RefusalReason?
    /// The name of the credential check that failed, when it has one (it picks examples by `"check"`).
    var check: String?

    init(_ condition: ResponseCondition, _ message: String, reason: String? = nil, cause: RefusalReason? = nil) {
        self.condition = condition
        self.message = message
        self.reason = reason ?? message
        self.cause = cause
    }
}

extension Refusal {
    /// This refusal as the failure of `check`: its name is kept and leads the journal's reason.
    func naming(_ check: CredentialCheck) -> Refusal {
        guard let name = check.name else { return self }
        var named = Refusal(condition, message, reason: "\(name): \(reason)", cause: cause)
        named.check = name
        return named
    }
}
