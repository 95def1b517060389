/// One endpoint the recording shows: a method and a path whose varying id segments became
/// parameters, with the exchanges that went to it.
struct RecordedRoute {
    /// One segment of the route's path.
    enum Segment: Hashable {
        /// A segment every request sent the same.
        case literal(String)
        /// A segment that varied and looks like an id, named for the segment before it.
        case parameter(String)
    }

    /// The request method, e.g. `GET`.
    let method: String
    /// The path's segments.
    let segments: [Segment]
    /// The exchanges that went to it, in recording order.
    var exchanges: [RecordedExchange]
    /// The OAuth 2.0 grant its requests asked for (`grant_type`), when requests to its path
    /// asked for several: each grant is an endpoint of its own, chosen by an endpoint `match`.
    var grantType: String? = nil

    /// The path as a fixture writes it: `/users/{userId}`.
    var path: String {
        "/"
            + segments.map { segment in
                switch segment {
                case .literal(let text): text
                case .parameter(let name): "{\(name)}"
                }
            }.joined(separator: "/")
    }

    /// `path.<name>` → the decoded value `exchange` sent there, for each parameter.
    func parameters(of exchange: RecordedExchange) -> [(name: String, value: String)] {
        zip(segments, exchange.segments).compactMap { segment, sent in
            guard case .parameter(let name) = segment else { return nil }
            return (name, PercentDecoding.decode(Substring(sent)))
        }
    }
}

/// The one home of how recorded paths become endpoint paths: a segment that looks like an id
/// (digits, a UUID, a long hex string or letters mixed with digits) and varies across the
/// requests of one path shape becomes a path parameter named after the segment before it
/// (`/users/{userId}`; `{id}` when there is no word before it); one seen with a single value
/// stays literal. Requests to one path asking for different OAuth 2.0 grants (`grant_type`) are
/// one route per grant.
enum RouteShapes {
    /// The routes of `exchanges`, in the order their first exchange arrived.
    static func routes(of exchanges: [RecordedExchange]) -> [RecordedRoute] {
        let shapes = exchanges.map { $0.segments.map { looksLikeID($0) ? nil : $0 } }
        // Which id-like positions vary within each shape (whatever the method).
        var seen: [[String?]: [Int: Set<String>]] = [:]
        for (exchange, shape) in zip(exchanges, shapes) {
            for (position, segment) in exchange.segments.enumerated() where shape[position] == nil {
                seen[shape, default: [:]][position, default: []].insert(segment)
            }
        }
        var routes: [RecordedRoute] = []
        var positions: [String: Int] = [:]
        for (exchange, shape) in zip(exchanges, shapes) {
            let varying = seen[shape] ?? [:]
            let segments = pattern(exchange.segments, varying: { (varying[$0]?.count ?? 0) > 1 })
            let route = RecordedRoute(method: exchange.original.method, segments: segments, exchanges: [exchange])
            let key = route.method + " " + route.path
            if let position = positions[key] {
                routes[position].exchanges.append(exchange)
            } else {
                positions[key] = routes.count
                routes.append(route)
            }
        }
        return routes.flatMap(splitByGrant)
    }

    /// `route` as one route per `grant_type` its requests sent, when they sent two or more
    /// (an OAuth 2.0 token endpoint); requests without one keep a route of their own.
    private static func splitByGrant(_ route: RecordedRoute) -> [RecordedRoute] {
        let grants = route.exchanges.map { $0.requestFields?["grant_type"]?.stringValue }
        guard Set(grants.compactMap { $0 }).count >= 2 else { return [route] }
        var split: [RecordedRoute] = []
        var positions: [String?: Int] = [:]
        for (exchange, grant) in zip(route.exchanges, grants) {
            if let position = positions[grant] {
                split[position].exchanges.append(exchange)
            } else {
                positions[grant] = split.count
                split.append(RecordedRoute(method: route.method, segments: route.segments, exchanges: [exchange], grantType: grant))
            }
        }
        return split
    }

    /// The segments with each varying position made a parameter, names deduplicated.
    private static func pattern(_ segments: [String], varying: (Int) -> Bool) -> [RecordedRoute.Segment] {
        var pattern: [RecordedRoute.Segment] = []
        var used: Set<String> = []
        for (position, segment) in segments.enumerated() {
            guard varying(position) else {
                pattern.append(.literal(segment))
                continue
            }
            var base = "id"
            if case .literal(let word)? = pattern.last, let name = parameterName(after: word) { base = name }
            var name = base
            var suffix = 2
            while used.contains(name) {
                name = base + String(suffix)
                suffix += 1
            }
            used.insert(name)
            pattern.append(.parameter(name))
        }
        return pattern
    }

    /// `userId` after `users`, `apiKeyId` after `api-keys`, `categoryId` after `categories`;
    /// nil when the segment holds no letters.
    static func parameterName(after segment: String) -> String? {
        let words = segment.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map { $0.lowercased() }
        guard var last = words.last, words.joined().first?.isLetter == true else { return nil }
        if last.hasSuffix("ies"), last.count > 3 {
            last = String(last.dropLast(3)) + "y"
        } else if last.hasSuffix("s"), !last.hasSuffix("ss"), last.count > 1 {
            last = String(last.dropLast())
        }
        let parts = words.dropLast() + [last]
        let camel = parts.enumerated().map { index, word in index == 0 ? word : word.prefix(1).uppercased() + word.dropFirst() }
        return camel.joined() + "Id"
    }

    /// Digits, a UUID, 8 or more hex digits with at least one digit, or 6 or more letters,
    /// digits, `-` and `_` mixing letters and digits.
    static func looksLikeID(_ segment: String) -> Bool {
        let bytes = Array(segment.utf8)
        guard !bytes.isEmpty else { return false }
        let digits = bytes.filter { $0 >= 0x30 && $0 <= 0x39 }.count
        if digits == bytes.count { return true }
        let isHex = { (byte: UInt8) in (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66) }
        let hexOrDash = bytes.allSatisfy { isHex($0) || $0 == UInt8(ascii: "-") }
        if hexOrDash, bytes.count == 36, bytes.filter({ $0 == UInt8(ascii: "-") }).count == 4 { return true }
        if bytes.count >= 8, digits > 0, bytes.allSatisfy(isHex) { return true }
        let letters = bytes.filter { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }.count
        let allowed = bytes.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_")
        }
        return allowed && bytes.count >= 6 && digits > 0 && letters > 0
    }
}
