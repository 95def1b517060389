import StubHTTP

/// Cross-origin rules in front of the engine and the control API (SPEC "Browser use").
///
/// API routes: any origin is reflected (or only those on `allowedOrigins`), with credentials,
/// and every header a fixture sends is exposed. Control routes: only loopback origins, the
/// allow-list and the page's own origin get CORS; any other `Origin` is refused with 403 before
/// the control API sees the request, and so is a `Host` that does not name this server (DNS
/// rebinding). Requests without `Origin` (curl, Node, Swift) pass through unchanged, so they
/// see exactly the documented headers.
struct CORSGate: Sendable {
    /// Normalized `--cors-origin` entries; empty (or `*`) reflects every origin on API routes.
    let allowedOrigins: Set<String>
    /// The address the server binds.
    let boundHost: String
    /// The name the socket-free transport sends as `Host`.
    let inProcessHost: String

    init(allowedOrigins: [String], boundHost: String, inProcessHost: String) {
        self.allowedOrigins = Set(allowedOrigins.map(OriginRules.normalized))
        self.boundHost = boundHost
        self.inProcessHost = inProcessHost
    }

    /// An API request: preflights answered here (never forwarded upstream), other responses
    /// decorated, a forwarded one's as a documented one's.
    func api(
        _ request: HTTPRequest,
        exposing exposed: @autoclosure () -> [String],
        next: (HTTPRequest) -> HTTPAnswer
    ) -> HTTPAnswer {
        guard let origin = request.headers["Origin"] else { return next(request) }
        let allowed = allowedOrigins.isEmpty || allowedOrigins.contains("*") || allowedOrigins.contains(OriginRules.normalized(origin))
        if CORSPreflight.isPreflight(request) {
            guard allowed else {
                return .finished(.respond(HTTPResponse.error(status: 403, message: "origin \(origin) is not in this server's --cors-origin list")))
            }
            return .finished(
                .respond(
                    CORSPreflight.response(
                        for: request,
                        origin: origin,
                        methods: CORSHeaders.apiMethods,
                        headers: CORSHeaders.allowedRequestHeaders + CORSPreflight.requestedHeaders(request)
                    )
                )
            )
        }
        let names = exposed()
        return next(request).map { action in
            action.mapResponses { response in
                response.addVary("Origin")
                guard allowed else { return }
                Self.allow(origin, on: &response)
                let own = response.headers.map(\.name)
                response.headers.set(name: "Access-Control-Expose-Headers", value: CORSHeaders.unsafelisted(names + own).joined(separator: ", "))
            }
        }
    }

    /// A control request: the Host and Origin guards, then preflights, then the control API.
    func control(_ request: HTTPRequest, next: (HTTPRequest) -> HTTPAction) -> HTTPAction {
        // An absolute-form target names the server instead of Host (RFC 9112 §3.2.2); both
        // must be this server, whichever one a client or a proxy in between goes by.
        let named = [("Host", request.headers["Host"]), ("request-target", request.targetAuthority)]
        for case let (field, host?) in named where !isOwnHost(host) {
            return .respond(
                ControlAPI.response(
                    ControlError(
                        status: 403,
                        message:
                            "control requests must name this server (localhost, 127.0.0.1, [::1] or \(boundHost)) in \(field), not \(host)",
                        field: field
                    )
                )
            )
        }
        guard let origin = request.headers["Origin"] else { return next(request) }
        guard isControlOrigin(origin, host: request.headers["Host"]) else {
            return .respond(
                ControlAPI.response(
                    ControlError(
                        status: 403,
                        message:
                            "control requests from origin \(origin) are refused: only loopback origins and --cors-origin may change this server",
                        field: "Origin"
                    )
                )
            )
        }
        if CORSPreflight.isPreflight(request) {
            return .respond(
                CORSPreflight.response(
                    for: request,
                    origin: origin,
                    methods: CORSHeaders.controlMethods,
                    headers: CORSHeaders.allowedRequestHeaders
                )
            )
        }
        return next(request).mapResponses { response in
            response.addVary("Origin")
            Self.allow(origin, on: &response)
        }
    }

    /// Lets the page at `origin` read the response, cookies and credentials included.
    static func allow(_ origin: String, on response: inout HTTPResponse) {
        response.headers.set(name: "Access-Control-Allow-Origin", value: origin)
        response.headers.set(name: "Access-Control-Allow-Credentials", value: "true")
    }

    /// A loopback name, the bound address, the in-process name, or (bound to every interface)
    /// any IP address literal: only a DNS name can be rebound.
    private func isOwnHost(_ host: String) -> Bool {
        let name = OriginRules.hostName(of: Substring(host.lowercased()))
        if OriginRules.isLoopbackName(name) || name == inProcessHost.lowercased() { return true }
        if name == OriginRules.hostName(of: Substring(boundHost.lowercased())) { return true }
        return OriginRules.isWildcard(boundHost) && OriginRules.isAddressLiteral(name)
    }

    /// Loopback, on the allow-list, or the origin of the dashboard page itself (its `Host`
    /// passed `isOwnHost` already).
    private func isControlOrigin(_ origin: String, host: String?) -> Bool {
        let normalized = OriginRules.normalized(origin)
        if OriginRules.isLoopbackOrigin(origin) || allowedOrigins.contains(normalized) { return true }
        guard let host else { return false }
        return normalized == "http://" + host.lowercased() || normalized == "https://" + host.lowercased()
    }
}
