import StubHTTP

/// The upstream's answer as the client gets it, made fit for a browser on this server:
/// hop-by-hop and framing fields left out (the HTTP layer writes its own `Content-Length`);
/// a `Location` on the upstream sent to the same path on this server; each `Set-Cookie`
/// without `Domain` or `Secure` (this server speaks http), `SameSite=None` made `Lax` (None
/// requires Secure). Status, the other fields in order, and the body stay byte for byte.
enum UpstreamAnswer {
    /// `response` from `upstream`, for a client that named this server `host` (its `Host`).
    static func forClient(_ response: UpstreamResponse, from upstream: UpstreamTarget, host: String?) -> HTTPResponse {
        let dropped = UpstreamRequest.droppedFields(response.headers)
        var headers = HTTPHeaders()
        for field in response.headers where !dropped.contains(field.name.lowercased()) {
            switch field.name.lowercased() {
            case "location": headers.add(name: field.name, value: location(field.value, from: upstream, host: host))
            case "set-cookie": headers.add(name: field.name, value: cookie(field.value))
            default: headers.add(name: field.name, value: field.value)
            }
        }
        return HTTPResponse(status: response.status, headers: headers, body: response.body)
    }

    /// A `Location` under the upstream's URL (absolute, or a path under its base path) as the
    /// same path on this server; any other left as sent.
    static func location(_ value: String, from upstream: UpstreamTarget, host: String?) -> String {
        let origin = upstream.origin.lowercased()
        if let host, value.prefix(origin.count).lowercased() == origin, let rest = under(upstream.basePath, in: value.dropFirst(origin.count)) {
            return "http://\(host)\(rest)"
        }
        if !upstream.basePath.isEmpty, value.hasPrefix("/"), !value.hasPrefix("//"), let rest = under(upstream.basePath, in: Substring(value)) {
            return rest
        }
        return value
    }

    /// What follows `base` in `path` when `path` is under it, starting with `/` (or empty
    /// meaning `/`); nil otherwise.
    private static func under(_ base: String, in path: Substring) -> String? {
        guard path.hasPrefix(base) else { return nil }
        let rest = path.dropFirst(base.count)
        guard rest.isEmpty || rest.first == "/" || rest.first == "?" || rest.first == "#" else { return nil }
        return rest.first == "/" ? String(rest) : "/" + rest
    }

    /// A `Set-Cookie` value fit for this server (`SetCookie.forThisServer(_:)`), its
    /// `name=value` kept as sent.
    static func cookie(_ value: String) -> String {
        var parts = value.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        guard !parts.isEmpty else { return value }
        let pair = parts.removeFirst()
        return ([pair] + SetCookie.forThisServer(parts.filter { !$0.isEmpty })).joined(separator: "; ")
    }
}
