import StubHTTP

/// What faults look at in a request.
struct FaultTarget {
    let method: HTTPMethod
    let path: String
    /// The token the request carries, by its service's scheme.
    let token: String?
    /// A fixture's route matched.
    let matchedRoute: Bool
    /// The matched route is deprecated.
    let deprecatedRoute: Bool
    /// The request's values (body, query, headers…), for a match's selectors; nil when no
    /// route matched.
    var values: RequestValues? = nil
}

extension Fault {
    /// Whether this fault applies to `target` once its path matched (`FaultList` matches paths
    /// through its index): its method and token hold, and its kind has something to act on (a
    /// 401 needs a service's shape, `tokenExpired` a token, `deprecatedRemoved` a deprecated
    /// route).
    func applies(to target: FaultTarget) -> Bool {
        if let method = match.method, method != target.method { return false }
        if let token = match.token, token != target.token { return false }
        switch kind {
        case .unauthorized: return target.matchedRoute
        case .tokenExpired: return target.matchedRoute && target.token != nil
        case .deprecatedRemoved: return target.deprecatedRoute
        case .status, .delay, .drop, .reset, .malformed: return true
        }
    }

    /// A `delay` combines with the fault that answers; every other kind answers.
    var delays: Bool {
        if case .delay = kind { true } else { false }
    }

    /// The bytes the fault holds that a caller chose: header names and values, the body (as
    /// JSON text), and the match's method, path, token, grant and values. What `FaultList.byteLimit` counts.
    var heldBytes: Int {
        var bytes = (match.method?.rawValue.utf8.count ?? 0) + (match.path?.utf8.count ?? 0) + (match.token?.utf8.count ?? 0)
        bytes += (match.grant?.utf8.count ?? 0) + match.values.reduce(0) { $0 + $1.key.utf8.count + $1.value.serialized().utf8.count }
        if case .status(_, let headers, let body) = kind {
            bytes += headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
            switch body {
            case .text(let text)?: bytes += text.utf8.count
            case .json(let value)?: bytes += value.serialized().utf8.count
            case nil: break
            }
        }
        return bytes
    }
}
