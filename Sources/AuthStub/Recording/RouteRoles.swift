/// The one home of which role each recorded route plays, from the token trail: the route that
/// took the refresh token back refreshes; routes that handed out the access token (or took
/// credentials and answered with success) log in; a route the token was sent to logs out when
/// its path says so (`logout`, `signout`, or `DELETE` of a session) or the next request with the
/// token it took was refused; it requires the token when no request without it succeeded; the rest are
/// public.
enum RouteRoles {
    /// A route's role and the evidence for it, in a sentence.
    struct Inferred {
        /// The role.
        var role: EndpointRole
        /// Why, naming fields and routes, never values.
        var evidence: String
    }

    /// The role of each of `routes`, in order.
    static func roles(of routes: [RecordedRoute], trail: TokenTrail) -> [Inferred] {
        let next = trail.access.map { nextStatuses(routes.flatMap(\.exchanges), carrier: $0.carrier) } ?? [:]
        return routes.enumerated().map { index, route in role(of: route, at: index, trail: trail, next: next) }
    }

    /// For each exchange that sent a token: the status of the next exchange that sent the same
    /// one, by exchange index. One pass, so a large recording stays linear.
    private static func nextStatuses(_ exchanges: [RecordedExchange], carrier: TokenTrail.Carrier) -> [Int: Int] {
        var next: [Int: Int] = [:]
        var last: [String: Int] = [:]
        for exchange in exchanges.sorted(by: { $0.index < $1.index }) {
            guard let token = TokenTrail.value(sentBy: exchange, in: carrier) else { continue }
            if let previous = last[token] { next[previous] = exchange.original.status }
            last[token] = exchange.index
        }
        return next
    }

    private static func role(of route: RecordedRoute, at index: Int, trail: TokenTrail, next: [Int: Int]) -> Inferred {
        let name = "\(route.method) \(route.path)"
        if index == trail.refreshRoute, let refresh = trail.refresh {
            return Inferred(role: .refresh, evidence: "\(name) refreshes: it took the refresh token back in \(refresh.carrier.description)")
        }
        let credentials = route.exchanges.lazy.compactMap { exchange in
            LoginCredentials(exchange)?.description ?? ClientCredentials(exchange)?.description
        }.first
        if let spot = trail.access?.spots[index] {
            let sent = credentials.map { " for credentials in \($0)" } ?? ""
            return Inferred(role: .login, evidence: "\(name) logs in: it handed out the token in \(spot.description)\(sent)")
        }
        if let credentials, route.exchanges.contains(where: { $0.succeeded && $0.carriesCredentials }) {
            return Inferred(role: .login, evidence: "\(name) logs in: it took credentials in \(credentials) and answered with success")
        }
        guard let access = trail.access else { return Inferred(role: .public, evidence: "\(name) is public: no token came back to it") }
        let carrying = route.exchanges.filter { exchange in
            TokenTrail.value(sentBy: exchange, in: access.carrier).map(access.values.contains) ?? false
        }
        guard !carrying.isEmpty else { return Inferred(role: .public, evidence: "\(name) is public: no request sent it the token") }
        if let reason = logoutReason(route, carrying: carrying, next: next) {
            return Inferred(role: .logout, evidence: "\(name) logs out: \(reason)")
        }
        let carried = Set(carrying.map(\.index))
        if route.exchanges.contains(where: { !carried.contains($0.index) && $0.succeeded }) {
            return Inferred(role: .public, evidence: "\(name) is public: it answered with success without the token too")
        }
        return Inferred(
            role: .requiresToken,
            evidence: "\(name) requires the token: \(carrying.count) requests sent it in \(access.carrier.description), none succeeded without it"
        )
    }

    /// Why `route` logs out, or nil.
    private static func logoutReason(_ route: RecordedRoute, carrying: [RecordedExchange], next: [Int: Int]) -> String? {
        let words = route.path.lowercased()
        if ["logout", "log-out", "signout", "sign-out", "signoff"].contains(where: words.contains) {
            return "its path says so"
        }
        if route.method == "DELETE", words.contains("session") || words.contains("token") {
            return "it deletes a session"
        }
        if carrying.contains(where: { $0.succeeded && next[$0.index] == 401 }) {
            return "the next request that sent the token it took was refused with 401"
        }
        return nil
    }
}
