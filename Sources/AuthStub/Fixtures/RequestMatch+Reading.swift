extension FixtureReader {
    /// A `"match"` object: each key a selector, each value a string (equals), a non-empty array
    /// of strings (any of them), `true` (present) or `false` (absent); at least one entry.
    mutating func requestMatch(_ object: JSONObject, at path: String) -> RequestMatch? {
        let matchPath = Self.path(path, "match")
        guard let value = object["match"] else { return nil }
        guard case .object(let entries) = value else {
            report(matchPath, "expected an object of selectors and values, found \(describe(value))")
            return nil
        }
        if entries.isEmpty { report(matchPath, "must hold at least one condition") }
        var conditions: Set<RequestMatch.Condition> = []
        var seen: Set<ValueSelector> = []
        for entry in entries {
            let entryPath = Self.path(matchPath, entry.key)
            guard let selector = ValueSelector(entry.key) else {
                report(entryPath, "\"\(entry.key)\" is not a selector (\(ValueSelector.syntax))")
                continue
            }
            guard seen.insert(selector).inserted else {
                report(entryPath, "\(selector) is named twice (header names are case-insensitive)")
                continue
            }
            guard let expectation = expectation(entry.value, at: entryPath) else { continue }
            conditions.insert(RequestMatch.Condition(selector: selector, expectation: expectation))
        }
        return RequestMatch(conditions: conditions)
    }

    private mutating func expectation(_ value: JSONValue, at path: String) -> RequestMatch.Expectation? {
        switch RequestMatch.Expectation.reading(value, describe: describe) {
        case .success(let expectation):
            return expectation
        case .failure(let problem):
            report(problem.index.map { Self.path(path, $0) } ?? path, problem.reason)
            return nil
        }
    }
}
