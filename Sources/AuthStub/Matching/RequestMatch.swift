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
