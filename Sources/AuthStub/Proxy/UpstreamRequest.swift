import StubHTTP

/// A client's request as it is forwarded upstream: its method, body and end-to-end fields kept
/// byte for byte; the hop-by-hop fields (RFC 9110 §7.6.1) left out; `Host` naming the upstream;
/// `X-Forwarded-For`, `X-Forwarded-Host` and `X-Forwarded-Proto` saying who asked.
struct UpstreamRequest: Sendable {
    /// The method as the client sent it.
    let method: HTTPMethod
    /// The upstream's base path, the client's path and query.
    let target: String
    /// The fields sent upstream, `Host` first.
    let headers: HTTPHeaders
    /// The body as the client sent it.
    let body: [UInt8]

    /// The fields that concern one connection only, never forwarded in either direction.
    static let hopByHopFields: Set<String> = [
        "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "proxy-authorization", "proxy-connection",
        "proxy-authenticate",
    ]

    /// `request` made ready for `upstream`.
    init(_ request: HTTPRequest, to upstream: UpstreamTarget) {
        method = request.method
        target = upstream.target(path: request.path, query: request.query)
        body = request.body
        let dropped = Self.droppedFields(request.headers)
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: upstream.authority)
        for field in request.headers where !dropped.contains(field.name.lowercased()) {
            headers.add(name: field.name, value: field.value)
        }
        if let address = Self.address(of: request.peer) {
            let earlier = request.headers.values(for: "X-Forwarded-For")
            headers.add(name: "X-Forwarded-For", value: (earlier + [address]).joined(separator: ", "))
        }
        if let host = request.headers["Host"] { headers.add(name: "X-Forwarded-Host", value: host) }
        headers.add(name: "X-Forwarded-Proto", value: "http")
        self.headers = headers
    }

    /// The fields left out of a forwarded message: the hop-by-hop ones, those `Connection`
    /// names, the framing the sender sets itself, and those this forward sets anew.
    static func droppedFields(_ headers: HTTPHeaders) -> Set<String> {
        var dropped = hopByHopFields.union(["host", "content-length", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto"])
        for value in headers.values(for: "Connection") {
            for name in value.split(separator: ",") { dropped.insert(name.trimmingSpaces().lowercased()) }
        }
        return dropped
    }

    /// The client's address without its port (`127.0.0.1:53122` → `127.0.0.1`,
    /// `[::1]:53122` → `::1`); nil for the socket-free transport, which has none.
    private static func address(of peer: String) -> String? {
        if peer.hasPrefix("["), let end = peer.firstIndex(of: "]") { return String(peer[peer.index(after: peer.startIndex)..<end]) }
        guard let colon = peer.lastIndex(of: ":") else { return nil }
        let address = peer[..<colon]
        return address.isEmpty ? nil : String(address)
    }
}
