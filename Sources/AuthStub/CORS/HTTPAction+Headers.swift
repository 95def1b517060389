import StubHTTP

extension HTTPAction {
    /// The same action with `change` applied to every response it sends (a dropped or reset
    /// connection sends none).
    func mapResponses(_ change: (inout HTTPResponse) -> Void) -> HTTPAction {
        switch self {
        case .respond(var response):
            change(&response)
            return .respond(response)
        case .delayed(let delay, let next):
            return .delayed(delay, then: next.mapResponses(change))
        case .truncated(var response, let bodyBytes):
            change(&response)
            return .truncated(response, bodyBytes: bodyBytes)
        case .drop, .reset:
            return self
        }
    }
}

extension HTTPResponse {
    /// Adds `name` to the response's `Vary`, keeping what it varied on already.
    mutating func addVary(_ name: String) {
        let existing = headers.values(for: "Vary")
        let listed = existing.flatMap(CORSHeaders.listItems).map { $0.lowercased() }
        guard !listed.contains(name.lowercased()), !listed.contains("*") else { return }
        headers.set(name: "Vary", value: (existing + [name]).joined(separator: ", "))
    }
}
