/// Query parameters read against a model's names (`GET /__control/requests?deprecated=true`),
/// percent-decoded, in the order they were sent.
struct ControlQuery<Field: ControlField> {
    let values: [(name: String, value: String)]
    /// What a parameter is called when an unknown one is refused: "filter", "parameter".
    private let kind: String

    init(_ values: [(name: String, value: String)], kind: String) {
        self.values = values
        self.kind = kind
    }

    /// The field `name` stands for; an unknown name is a 400 naming it.
    func field(_ name: String) throws(ControlError) -> Field {
        guard let field = Field(rawValue: name) else {
            let known = Field.allCases.map(\.rawValue).sorted().joined(separator: ", ")
            throw .badInput("unknown \(kind) \"\(name)\" (known: \(known))", field: name)
        }
        return field
    }

    /// A true/false parameter: `true`, `1` or no value; `false` or `0`.
    func flag(_ field: Field, _ value: String) throws(ControlError) -> Bool {
        switch value {
        case "true", "1", "": return true
        case "false", "0": return false
        default: throw .badInput("\(field.rawValue) must be true or false, not \"\(value)\"", field: field.rawValue)
        }
    }
}

/// A value the control API carries as query parameters, named by its `Field`.
protocol ControlQueryModel: Sendable {
    associatedtype Field: ControlField
    /// What a parameter is called when an unknown one is refused: "filter", "parameter".
    static var parameterKind: String { get }

    /// Reads the value from the parameters; every complaint names the parameter at fault.
    init(_ query: ControlQuery<Field>) throws(ControlError)

    /// The value as query parameters, not yet percent-encoded.
    var queryItems: [(name: String, value: String)] { get }
}
