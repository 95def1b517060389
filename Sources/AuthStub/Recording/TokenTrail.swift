/// The one home of where tokens come back: which values a response handed out (a JSON body
/// field at any depth, a header, a `Set-Cookie` cookie) and where later requests sent them
/// (`Authorization`, a header, a cookie, a body field, a query parameter). The access token is
/// the value most often sent back in `Authorization`, a header or a cookie; a second value a
/// login handed out and sent to another route in its body (or a header or cookie) is a refresh
/// token, and that route is the refresh route.
struct TokenTrail {
    /// Where a response handed a value out.
    enum Spot: Hashable {
        /// A JSON body member, by its keys from the top (`["session", "token"]`).
        case bodyField([String])
        /// A response header, by name.
        case header(String)
        /// A cookie a `Set-Cookie` header set, by name.
        case cookie(String)

        /// `body.session.token`, `header auth-token`, `cookie sessionid`, for interpretations.
        var description: String {
            switch self {
            case .bodyField(let keys): "body." + keys.joined(separator: ".")
            case .header(let name): "header \(name)"
            case .cookie(let name): "cookie \(name)"
            }
        }
    }

    /// Where a request sent a value back.
    enum Carrier: Hashable {
        /// `Authorization: <scheme> <value>`.
        case authorization(String)
        /// A request header of its own, by name.
        case header(String)
        /// A cookie of the `Cookie` header.
        case cookie(String)
        /// A top-level field of a JSON or form body.
        case body(String)
        /// A query parameter.
        case query(String)

        /// Whether it is a place a service's access token travels in.
        var carriesAccess: Bool {
            switch self {
            case .authorization, .header, .cookie: true
            case .body, .query: false
            }
        }

        /// The carrier as a fixture selector (`body.refresh_token`), for a refresh route.
        var selector: String {
            switch self {
            case .authorization: "header.Authorization"
            case .header(let name): "header.\(name)"
            case .cookie(let name): "cookie.\(name)"
            case .body(let name): "body.\(name)"
            case .query(let name): "query.\(name)"
            }
        }

        /// `Authorization: Bearer`, `header auth-token`, for interpretations.
        var description: String {
            switch self {
            case .authorization(let scheme): "Authorization: \(scheme)"
            case .header(let name): "header \(name)"
            case .cookie(let name): "cookie \(name)"
            case .body(let name): "body.\(name)"
            case .query(let name): "query.\(name)"
            }
        }
    }

    /// A kind of token the trail found: where each route hands it out and where it is sent.
    struct Token {
        /// The spot, by the index of the route that hands it out there.
        var spots: [Int: Spot]
        /// Where requests send it.
        var carrier: Carrier
        /// How many requests sent one back.
        var uses: Int
        /// Every value handed out, whether sent back or not.
        var values: Set<String> = []
    }

    /// The access token; nil when no value handed out came back in a place a token travels.
    var access: Token?
    /// The refresh token, handed out beside the access token and sent to `refreshRoute`.
    var refresh: Token?
    /// The route that took the refresh token back.
    var refreshRoute: Int?

    /// Response headers that never carry a token.
    private static let plainResponseHeaders: Set<String> = [
        "content-type", "content-length", "date", "server", "location", "set-cookie", "cache-control", "etag", "vary", "expires",
        "last-modified", "connection", "keep-alive", "transfer-encoding", "www-authenticate", "link", "pragma", "content-encoding",
    ]
    /// Request headers that never carry a token.
    private static let plainRequestHeaders: Set<String> = [
        "host", "content-type", "content-length", "accept", "accept-encoding", "accept-language", "user-agent", "connection",
        "origin", "referer", "authorization", "cookie", "cache-control", "pragma", "x-forwarded-for", "x-forwarded-host",
        "x-forwarded-proto",
    ]

    /// Follows the values `routes` handed out to where they came back.
    init(routes: [RecordedRoute]) {
        let routeOf = Dictionary(routes.enumerated().flatMap { index, route in route.exchanges.map { ($0.index, index) } }) { first, _ in first }
        let exchanges = routes.flatMap(\.exchanges).sorted { $0.index < $1.index }
        var handed: [String: (exchange: Int, route: Int, spot: Spot)] = [:]
        var uses: [Int: [Spot: [Carrier: Int]]] = [:]
        for exchange in exchanges {
            guard let route = routeOf[exchange.index] else { continue }
            for (carrier, value) in Self.sent(by: exchange) {
                guard let origin = handed[value], origin.exchange < exchange.index else { continue }
                uses[origin.route, default: [:]][origin.spot, default: [:]][carrier, default: 0] += 1
            }
            guard exchange.succeeded else { continue }
            for (spot, value) in Self.handedOut(by: exchange) where handed[value] == nil {
                handed[value] = (exchange.index, route, spot)
            }
        }
        // The access token: the most used spot and carrier among places a token travels.
        var best: (route: Int, spot: Spot, carrier: Carrier, count: Int)?
        for (route, spots) in uses.sorted(by: { $0.key < $1.key }) {
            for (spot, carriers) in spots {
                for (carrier, count) in carriers where carrier.carriesAccess && count > (best?.count ?? 0) {
                    best = (route, spot, carrier, count)
                }
            }
        }
        guard let best else {
            access = Self.unusedLoginToken(in: routes)
            return
        }
        var access = Token(spots: [best.route: best.spot], carrier: best.carrier, uses: 0)
        for (route, spots) in uses {
            for (spot, carriers) in spots {
                guard let count = carriers[best.carrier] else { continue }
                access.spots[route] = spot
                access.uses += count
            }
        }
        // The refresh token: another value a route handing out access tokens handed out, sent
        // back elsewhere.
        for (route, spots) in uses.sorted(by: { $0.key < $1.key }) where access.spots[route] != nil {
            for (spot, carriers) in spots where spot != access.spots[route] {
                let named = { (carrier: Carrier) in (spot.description + carrier.description).lowercased().contains("refresh") }
                guard let (carrier, count) = carriers.first(where: { $0.key != best.carrier && named($0.key) }) else { continue }
                refresh = Token(spots: [route: spot], carrier: carrier, uses: count)
            }
        }
        if let refresh {
            refreshRoute = exchanges.first { exchange in
                Self.sent(by: exchange).contains { $0.carrier == refresh.carrier && handed[$0.value]?.spot == refresh.spots.values.first }
            }.flatMap { routeOf[$0.index] }
            // A rotating refresh route hands out a new refresh token at its own spot.
            if let refreshRoute, let spot = refresh.spots.values.first {
                self.refresh?.spots[refreshRoute] = spot
            }
        }
        // A route taking credentials that hands out a value where a login hands out the token
        // issues tokens too, though none of them came back (a client credentials grant, say).
        let spots = Set(access.spots.values)
        for (index, route) in routes.enumerated() where access.spots[index] == nil {
            let issued = route.exchanges.lazy.filter { $0.succeeded && $0.carriesCredentials }.flatMap { Self.handedOut(by: $0).map(\.spot) }
            if let spot = issued.first(where: spots.contains) { access.spots[index] = spot }
        }
        access.values = Self.values(at: access.spots, in: routes)
        self.access = access
        if let refresh = self.refresh {
            self.refresh?.values = Self.values(at: refresh.spots, in: routes)
        }
    }

    /// When no value came back: the one a request with credentials got on success in a body
    /// member named like a token (`token`, `access_token`; not a refresh token), or a header or
    /// cookie named like one, assumed to travel as `Authorization: Bearer`, that header or that
    /// cookie. Nil when there is none.
    private static func unusedLoginToken(in routes: [RecordedRoute]) -> Token? {
        let names = Redaction(services: [])
        for (index, route) in routes.enumerated() {
            for exchange in route.exchanges where exchange.succeeded && LoginCredentials(exchange) != nil {
                for (spot, _) in handedOut(by: exchange) {
                    let carrier: Carrier
                    switch spot {
                    case .bodyField(let keys):
                        let key = keys.last ?? ""
                        guard names.secrecy(ofField: key) == .token, !key.lowercased().contains("refresh") else { continue }
                        carrier = .authorization("Bearer")
                    case .header(let name):
                        guard name.lowercased().contains("token") else { continue }
                        carrier = .header(name)
                    case .cookie(let name):
                        guard ["token", "session", "sid", "auth"].contains(where: name.lowercased().contains) else { continue }
                        carrier = .cookie(name)
                    }
                    var token = Token(spots: [index: spot], carrier: carrier, uses: 0)
                    token.values = values(at: token.spots, in: routes)
                    return token
                }
            }
        }
        return nil
    }

    /// The values handed out at `spots` by every successful exchange of their routes.
    private static func values(at spots: [Int: Spot], in routes: [RecordedRoute]) -> Set<String> {
        var values: Set<String> = []
        for (route, spot) in spots where routes.indices.contains(route) {
            for exchange in routes[route].exchanges where exchange.succeeded {
                for (found, value) in handedOut(by: exchange) where found == spot { values.insert(value) }
            }
        }
        return values
    }

    /// The value `exchange` sent in the token's carrier, if any.
    static func value(sentBy exchange: RecordedExchange, in carrier: Carrier) -> String? {
        sent(by: exchange).first { $0.carrier == carrier }?.value
    }

    /// Every value `exchange` sent that could be a token, with where it travelled.
    static func sent(by exchange: RecordedExchange) -> [(carrier: Carrier, value: String)] {
        var sent: [(carrier: Carrier, value: String)] = []
        if let authorization = exchange.authorization, authorization.scheme.lowercased() != "basic" {
            sent.append((.authorization(authorization.scheme), authorization.credentials))
        }
        for field in exchange.original.requestHeaders where !plainRequestHeaders.contains(field.name.lowercased()) {
            sent.append((.header(field.name), field.value))
        }
        for (name, value) in exchange.cookies.sorted(by: { $0.key < $1.key }) { sent.append((.cookie(name), value)) }
        for member in exchange.requestFields ?? [:] {
            if let text = member.value.stringValue { sent.append((.body(member.key), text)) }
        }
        for parameter in exchange.query { sent.append((.query(parameter.name), parameter.value)) }
        return sent.filter { looksLikeToken($0.value) }
    }

    /// Every value `exchange`'s response handed out that could be a token, with its spot.
    static func handedOut(by exchange: RecordedExchange) -> [(spot: Spot, value: String)] {
        var found: [(spot: Spot, value: String)] = []
        if let body = exchange.responseJSON { collect(body, keys: [], into: &found) }
        for field in exchange.original.responseHeaders where !plainResponseHeaders.contains(field.name.lowercased()) {
            if looksLikeToken(field.value) { found.append((.header(field.name), field.value)) }
        }
        for cookie in exchange.responseHeaders("Set-Cookie").compactMap(SetCookie.init) where looksLikeToken(cookie.value) {
            found.append((.cookie(cookie.name), cookie.value))
        }
        return found
    }

    /// The token-like strings of an object, at any depth through objects (8 levels at most).
    private static func collect(_ value: JSONValue, keys: [String], into found: inout [(spot: Spot, value: String)]) {
        switch value {
        case .string(let text) where !keys.isEmpty && looksLikeToken(text):
            found.append((.bodyField(keys), text))
        case .object(let object) where keys.count < 8:
            for member in object { collect(member.value, keys: keys + [member.key], into: &found) }
        default:
            break
        }
    }

    /// 16 to 4,096 printable characters without spaces that are not a time or a URL.
    static func looksLikeToken(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count >= 16, bytes.count <= 4096, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return false }
        return !text.contains("://") && !text.hasPrefix("/") && RFC3339.milliseconds(from: text) == nil
    }
}
