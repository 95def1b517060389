/// Why a request could not be parsed: the status to answer with and a reason a person understands.
package struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status to answer with (400, 413, 414, 417, 431, 501 or 505).
    package var status: HTTPStatus
    /// A short explanation, safe to send back in the response body.
    package var reason: String

    /// Creates an error with a status and a reason.
    package init(status: HTTPStatus, reason: String) {
        self.status = status
        self.reason = reason
    }

    /// `status reason`, e.g. `400 bare LF in header section`.
    package var description: String { "\(status) \(reason)" }
}

extension HTTPParseError {
    static func badRequest(_ reason: String) -> HTTPParseError {
        HTTPParseError(status: 400, reason: reason)
    }

    static func contentTooLarge(_ reason: String) -> HTTPParseError {
        HTTPParseError(status: 413, reason: reason)
    }

    static func uriTooLong(_ reason: String) -> HTTPParseError {
        HTTPParseError(status: 414, reason: reason)
    }

    static func expectationFailed(_ reason: String) -> HTTPParseError {
        HTTPParseError(status: 417, reason: reason)
    }

    static func headerFieldsTooLarge(_ reason: String) -> HTTPParseError {
        HTTPParseError(status: 431, reason: reason)
    }

    static func notImplemented(_ reason: String) -> HTTPParseError {
        HTTPParseError(status: 501, reason: reason)
    }

    static func versionNotSupported(_ reason: String) -> HTTPParseError {
        HTTPParseError(status: 505, reason: reason)
    }
}
