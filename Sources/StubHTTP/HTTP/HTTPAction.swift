/// What a handler asks the HTTP layer to do with a request. The engine declares faults as
/// these values; the HTTP layer carries them out on the connection.
public indirect enum HTTPAction: Sendable, Equatable {
    /// Send the response.
    case respond(HTTPResponse)
    /// Wait, then carry out the next action. The wait ends early, without an answer, when the
    /// connection closes or the server stops.
    case delayed(Duration, then: HTTPAction)
    /// Close the connection without a response.
    case drop
    /// Reset the connection (the client sees a TCP RST).
    case reset
    /// Send the response head and at most `bodyBytes` bytes of its body, then close: a body
    /// that breaks off short of its `Content-Length`.
    case truncated(HTTPResponse, bodyBytes: Int)

    /// Shorthand for `.delayed(delay, then: .respond(response))`.
    public static func respond(_ response: HTTPResponse, after delay: Duration) -> HTTPAction {
        .delayed(delay, then: .respond(response))
    }
}
