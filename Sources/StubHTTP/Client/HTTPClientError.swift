/// Why an exchange got no usable response.
package struct HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in broad terms.
    package enum Kind: Sendable, Equatable {
        /// The request cannot be written as HTTP/1.1 (a control byte in a field value, say).
        case invalidRequest
        /// No connection could be made.
        case connectFailed
        /// The request could not be sent.
        case sendFailed
        /// No complete response arrived in time.
        case timedOut
        /// The connection closed or was reset before the response was complete.
        case closed
        /// The bytes received are not an HTTP/1.1 response.
        case malformed
        /// The response is larger than the client's limits.
        case tooLarge
    }

    /// What went wrong, in broad terms.
    package var kind: Kind
    /// A sentence saying what happened, e.g. `the body broke off after 5 of 10 bytes`.
    package var reason: String

    /// An error of `kind` explained by `reason`.
    package init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// A response the parser refused: too large for the limits, or not HTTP/1.1.
    init(_ error: HTTPParseError) {
        self.init([.contentTooLarge, 414, 431].contains(error.status) ? .tooLarge : .malformed, error.reason)
    }

    /// The reason.
    package var description: String { reason }
}
