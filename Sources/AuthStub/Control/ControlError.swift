public import StubHTTP

/// A control operation that was refused: the HTTP status the control API answers with, what
/// was wrong, and the request field at fault (`"times"`, `"match.path"`), when there is one.
///
/// The in-process server and `ControlClient` throw the same errors for the same mistakes, so a
/// test can check them the same way against either.
public struct ControlError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400 for bad input, 401 without the control token, 404 for an unknown id or route, 409
    /// when the server's state stands in the way (a fault beyond the limits on live faults).
    public var status: HTTPStatus
    /// What was wrong, in words a person understands.
    public var message: String
    /// The JSON field (or query parameter, or header) at fault.
    public var field: String?
    /// Every problem found in fixtures that were added or reloaded, with file, JSON path and reason.
    public var problems: [FixtureProblem]

    /// A refusal with `status` and `message`, naming the `field` at fault and any fixture `problems`.
    public init(status: HTTPStatus, message: String, field: String? = nil, problems: [FixtureProblem] = []) {
        self.status = status
        self.message = message
        self.field = field
        self.problems = problems
    }

    /// A 400 naming `field`.
    static func badInput(_ message: String, field: String?) -> ControlError {
        ControlError(status: 400, message: message, field: field)
    }

    /// A 404 for an id or name that does not exist.
    static func notFound(_ message: String, field: String? = nil) -> ControlError {
        ControlError(status: 404, message: message, field: field)
    }

    /// The status and the message, and the field when there is one: `404 no service "acme" (field service)`.
    public var description: String {
        field.map { "\(status) \(message) (field \($0))" } ?? "\(status) \(message)"
    }
}
