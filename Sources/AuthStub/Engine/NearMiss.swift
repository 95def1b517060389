import StubHTTP

/// The 404 for an unknown path: it names the closest fixtures and why each missed.
enum NearMiss {
    static let suggestions = 3
    /// Longer paths are compared by their first this many bytes (keeps the work bounded).
    static let comparedBytes = 256

    static func response(method: HTTPMethod, path: String, fixtures: FixtureSet) -> HTTPResponse {
        let requested = Array(path.utf8.prefix(comparedBytes))
        let ranked = fixtures.routes.allPaths
            .map { candidate in (candidate, distance(requested, Array(candidate.path.utf8.prefix(comparedBytes)))) }
            .sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0.path < $1.0.path) }
            .prefix(suggestions)
        var closest: [JSONValue] = []
        for (candidate, distance) in ranked {
            let service = fixtures.services[candidate.route.serviceIndex]
            let endpoint = service.endpoints[candidate.route.endpointIndex]
            var why = distance == 1 ? "path differs by 1 character" : "path differs by \(distance) characters"
            if candidate.method != method { why += ", and it answers \(candidate.method), not \(method)" }
            closest.append(
                .object([
                    "fixture": .string(EndpointID(service, endpoint).description),
                    "method": .string(candidate.method.rawValue),
                    "path": .string(candidate.path),
                    "why": .string(why),
                ])
            )
        }
        let body: JSONValue = .object([
            "error": .string("no fixture matches \(method) \(path)"),
            "closest": .array(closest),
        ])
        return HTTPResponse(status: 404, headers: ["Content-Type": "application/json"], body: body.serializedBytes())
    }

    /// Levenshtein distance over bytes, two rows of memory.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
