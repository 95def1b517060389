/// The member names of one JSON object of the control API, declared once as an enum's cases.
/// The cases are the known fields a request is checked against, the keys the reader reads and
/// the keys the writer writes, so a name cannot be spelled one way here and another there.
protocol ControlField: RawRepresentable<String>, CaseIterable, Sendable {
    /// The member's type and description, declared next to its name (see `ControlSchema`).
    var schema: ControlSchema { get }
}

/// The fields of a body that takes none: only `{}` (or no body) is read without complaint.
struct NoField: ControlField {
    static let allCases: [NoField] = []
    let rawValue: String

    init?(rawValue: String) { nil }

    /// Never asked: there is no field.
    var schema: ControlSchema { .anyValue("no field") }
}

/// A value the control API carries as one JSON object, named member by member by its `Field`.
protocol ControlModel: Sendable {
    associatedtype Field: ControlField

    /// Reads the value from its object; every complaint names the field at fault.
    init(_ fields: ControlFields<Field>) throws(ControlError)

    /// The value as the control API writes it, member by member.
    var object: ControlObject<Field> { get }

    /// The object's JSON Schema; by default its `Field` cases with their schemas, and no other member.
    static var schema: JSONObject { get }
}

extension ControlModel {
    static var schema: JSONObject { ControlSchema.object(Field.self, title: "\(Self.self)") }

    /// The value as the control API writes it.
    var json: JSONValue { object.json }

    /// Reads the value from `value`: `strict` for requests, where an unknown field is a 400, and
    /// not for answers, where a newer server's extra fields do no harm.
    static func decode(_ value: JSONValue, strict: Bool) throws(ControlError) -> Self {
        try Self(try ControlFields(value, strict: strict))
    }
}

/// A JSON object of the control API being written, its members named by `Field` and kept in the
/// order they are set.
struct ControlObject<Field: ControlField>: ExpressibleByDictionaryLiteral {
    private(set) var members: JSONObject

    init(dictionaryLiteral elements: (Field, JSONValue)...) {
        members = JSONObject(elements.map { JSONObject.Member(key: $0.0.rawValue, value: $0.1) })
    }

    /// The member named `key`; setting nil removes it.
    subscript(key: Field) -> JSONValue? {
        get { members[key.rawValue] }
        set { members[key.rawValue] = newValue }
    }

    /// Appends members written under another model's names (a fault's inside an installed fault).
    mutating func append(_ other: JSONObject) {
        for member in other { members[member.key] = member.value }
    }

    var json: JSONValue { .object(members) }
}
