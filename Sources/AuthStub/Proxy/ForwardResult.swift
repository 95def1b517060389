import StubHTTP

/// The upstream's complete answer to a forwarded request, as it sent it (framing aside: the
/// body de-chunked, its content coding untouched).
struct UpstreamResponse: Sendable {
    /// The upstream's status.
    var status: HTTPStatus
    /// The upstream's fields in order.
    var headers: HTTPHeaders
    /// The upstream's body.
    var body: [UInt8]
}

/// Why a forward got no usable answer: the client gets `status` (502 or 504, 503 past the
/// in-flight cap) with `reason` in AuthStub's `{"error": …}` shape, and the journal says the same.
struct ForwardFailure: Error, Sendable {
    /// 502 (no usable answer), 503 (too many forwards) or 504 (no answer in time).
    var status: HTTPStatus
    /// A sentence naming the upstream and what went wrong.
    var reason: String
}
