import StubHTTP

/// How the engine answers one request. Each kind of answer is one case, rendered in one place
/// (`Engine+Render.swift`) whichever stage chose it: the documented behaviour, a fault or a
/// forced override.
enum Outcome: Sendable {
    /// No route has this path: a 404 naming the closest fixtures.
    case notFound
    /// The path exists with other methods: a 405 with `Allow`.
    case wrongMethod(allowed: [String])
    /// A documented example of the matched route.
    case example(RoutedExample)
    /// The matched service's error shape with `status` and `message`, for an answer no example
    /// documents. `condition` is the refusal it stands for (it picks the `WWW-Authenticate`
    /// challenge).
    case template(ResponseCondition, status: HTTPStatus, message: String?)
    /// A `status` fault's answer.
    case injected(status: HTTPStatus, headers: [HTTPHeaderField], body: FaultBody?)
    /// AuthStub's own refusal, `{"error": message}`: a forced override that names nothing
    /// documented.
    case ownRefusal(status: HTTPStatus, message: String)
    /// A `drop` or `reset` fault: the connection closes with no answer.
    case connectionFault(ConnectionFault)
    /// No fixture matches and a proxy takes the request: it goes to `upstream`, and the client
    /// gets its answer (`Decision.forwarded`).
    case forward(UpstreamTarget)
}

/// What a fault does to the connection instead of answering.
enum ConnectionFault: Sendable {
    /// Closed without a response.
    case drop
    /// Reset: the client sees a TCP RST.
    case reset
}
