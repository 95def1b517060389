/// A fixture's `"match"`: conditions on request values that must all hold, such as
/// `{"body.grant_type": "password", "query.scope": ["global", "local"], "header.X-Foo": true}`.
struct RequestMatch: Sendable, Hashable, CustomStringConvertible {
    /// What one value must be.
    enum Expectation: Sendable, Hashable {
        /// One of these texts (a single one for `"value"`), sorted and without repeats.
        case oneOf([String])
        /// Present (`true`) or absent (`false`).
        case present(Bool)
    }

    /// One entry: a selector and what its value must be.
    struct Condition: Sendable, Hashable {
        let selector: ValueSelector
        let expectation: Expectation
    }

    /// The entries, in no particular order (two matches with the same entries are equal).
    let conditions: Set<Condition>

    /// Whether every condition holds for `values` (no values: only absence holds).
    func holds(for values: RequestValues?) -> Bool {
        conditions.allSatisfy { condition in
            switch condition.expectation {
            case .present(let present): (values?.value(condition.selector) != nil) == present
            case .oneOf(let texts): values?.text(condition.selector).map(texts.contains) == true
            }
        }
    }

    /// The selectors it reads, sorted, for messages that must not show the values.
    var selectors: [String] { conditions.map(\.selector.description).sorted() }

    /// The match as a fixture writes it, entries sorted by selector.
    var description: String {
        let entries = conditions.sorted { $0.selector.description < $1.selector.description }.map { condition in
            let value: JSONValue
            switch condition.expectation {
            case .present(let present): value = .bool(present)
            case .oneOf(let texts): value = texts.count == 1 ? .string(texts[0]) : .array(texts.map(JSONValue.string))
            }
            return JSONValue.string(condition.selector.description).serialized() + ": " + value.serialized()
        }
        return "{" + entries.joined(separator: ", ") + "}"
    }
}

extension RequestMatch.Expectation {
    /// What is wrong with a `match` value: the reason, and the index of the array element at
    /// fault when it is one.
    struct Problem: Error {
        let index: Int?
        let reason: String
    }

    /// The expectation a `match` value writes: a string (equals), a non-empty array of strings
    /// (any of them), `true` (present) or `false` (absent). Fixtures and faults read it alike;
    /// `describe` words a value in a complaint.
    static func reading(_ value: JSONValue, describe: (JSONValue) -> String) -> Result<Self, Problem> {
        switch value {
        case .string(let text):
            return .success(.oneOf([text]))
        case .bool(let present):
            return .success(.present(present))
        case .array(let elements) where !elements.isEmpty:
            var texts: Set<String> = []
            for (index, element) in elements.enumerated() {
                guard case .string(let text) = element else {
                    return .failure(Problem(index: index, reason: "expected a string, found \(describe(element))"))
                }
                texts.insert(text)
            }
            return .success(.oneOf(texts.sorted()))
        default:
            return .failure(
                Problem(
                    index: nil,
                    reason: "expected a string, a non-empty array of strings, true (present) or false (absent), found \(describe(value))"
                )
            )
        }
    }
}
