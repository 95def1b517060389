/// The JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of one member of a control model
/// or of one query parameter.
///
/// Where schemas live: each model's `Field` enum answers `schema` for each of its cases, in the
/// enum that already names the member for the reader and the writer, so a member's name is
/// spelled once and its type and description sit next to it. `ControlModel.schema` builds the
/// object from `Field.allCases`; nothing else lists a model's members. The schema is declared,
/// not inferred from the readers, because the readers are code (which reader method a member
/// goes through is not visible from outside); the model tests prove the two agree.
///
/// A member that is not `required` may be left out or be `null`: the readers take `null` as
/// absent and the writers write `null` for a value that is not there.
struct ControlSchema: Sendable {
    /// The schema of a present, non-null value.
    private(set) var value: JSONObject
    /// Whether the reader needs the member, and so the writer always writes it (never `null`).
    private(set) var isRequired = false

    /// The member's schema: `value`, or `value` or `null` when it is optional.
    var json: JSONValue {
        guard !isRequired else { return .object(value) }
        var schema = value
        if case .string(let type)? = schema["type"] { schema["type"] = .array([.string(type), .string("null")]) }
        if case .array(let choices)? = schema["enum"] { schema["enum"] = .array(choices + [.null]) }
        return .object(schema)
    }

    /// The same schema for a member the reader needs.
    var required: ControlSchema {
        var schema = self
        schema.isRequired = true
        return schema
    }

    private init(_ type: String?, _ description: String, _ extra: JSONObject = [:]) {
        var value: JSONObject = [:]
        if let type { value["type"] = .string(type) }
        value["description"] = .string(description)
        for member in extra { value[member.key] = member.value }
        self.value = value
    }

    static func string(_ description: String) -> ControlSchema { ControlSchema("string", description) }
    static func integer(_ description: String) -> ControlSchema { ControlSchema("integer", description) }
    /// A whole number no less than `minimum`.
    static func integer(_ description: String, minimum: Int) -> ControlSchema {
        ControlSchema("integer", description, ["minimum": .int(minimum)])
    }

    /// A whole number from `range.lowerBound` to `range.upperBound`.
    static func integer(_ description: String, in range: ClosedRange<Int>) -> ControlSchema {
        ControlSchema("integer", description, ["minimum": .int(range.lowerBound), "maximum": .int(range.upperBound)])
    }

    static func number(_ description: String) -> ControlSchema { ControlSchema("number", description) }
    static func boolean(_ description: String) -> ControlSchema { ControlSchema("boolean", description) }

    /// An RFC 3339 timestamp: `2026-11-23T10:00:00Z`.
    static func date(_ description: String) -> ControlSchema {
        ControlSchema("string", description, ["format": .string("date-time")])
    }

    /// One of a closed set of names the reader checks (`KnownValues`).
    static func choice<Choice: KnownValues>(_: Choice.Type, _ description: String) -> ControlSchema {
        names(Choice.known.map(\.rawValue), description)
    }

    /// One of `names`.
    static func names(_ names: [String], _ description: String) -> ControlSchema {
        ControlSchema("string", description, ["enum": .array(names.map(JSONValue.string))])
    }

    /// A nested model, inline.
    static func model<Model: ControlModel>(_: Model.Type, _ description: String) -> ControlSchema {
        var schema = ControlSchema(nil, description)
        for member in Model.schema where member.key != "title" { schema.value[member.key] = member.value }
        return schema
    }

    /// An array of nested models.
    static func models<Model: ControlModel>(_: Model.Type, _ description: String) -> ControlSchema {
        ControlSchema("array", description, ["items": .object(Model.schema)])
    }

    /// An array of strings.
    static func strings(_ description: String) -> ControlSchema {
        ControlSchema("array", description, ["items": .object(["type": .string("string")])])
    }

    /// An array of JSON objects (fixture files).
    static func objects(_ description: String) -> ControlSchema {
        ControlSchema("array", description, ["items": .object(["type": .string("object")])])
    }

    /// An object of strings under names of its own (`{"Retry-After": "2"}`).
    static func stringMembers(_ description: String) -> ControlSchema {
        ControlSchema("object", description, ["additionalProperties": .object(["type": .string("string")])])
    }

    /// Any JSON object (a JWK, claims, a fixture file).
    static func object(_ description: String) -> ControlSchema { ControlSchema("object", description) }

    /// Any JSON value.
    static func anyValue(_ description: String) -> ControlSchema { ControlSchema(nil, description) }

    /// The object named `title` whose members are `Field`'s cases, in order; with `others`,
    /// members of other names are allowed and described by it.
    static func object<Field: ControlField>(_: Field.Type, title: String, others: ControlSchema? = nil) -> JSONObject {
        object(title: title, members: members(Field.self), others: others)
    }

    /// `Field`'s cases with their schemas, in order.
    static func members<Field: ControlField>(_: Field.Type) -> [(name: String, schema: ControlSchema)] {
        Field.allCases.map { ($0.rawValue, $0.schema) }
    }

    /// The object named `title` with `members`, in order; with `others`, members of other names
    /// are allowed and described by it.
    static func object(title: String, members: [(name: String, schema: ControlSchema)], others: ControlSchema? = nil) -> JSONObject {
        let required = members.filter(\.schema.isRequired).map { JSONValue.string($0.name) }
        var object: JSONObject = ["title": .string(title), "type": .string("object")]
        object["properties"] = .object(JSONObject(members.map { JSONObject.Member(key: $0.name, value: $0.schema.json) }))
        if !required.isEmpty { object["required"] = .array(required) }
        object["additionalProperties"] = others.map(\.json) ?? .bool(false)
        return object
    }

    /// The object named `title` with one required member, `key`: `{"count": 3}`.
    static func object(title: String, _ key: String, _ member: ControlSchema) -> JSONObject {
        [
            "title": .string(title), "type": .string("object"), "properties": .object([key: member.required.json]),
            "required": .array([.string(key)]), "additionalProperties": .bool(false),
        ]
    }

    /// A Pact specification v3 file as `PactDocument` writes it; the interactions' own shape is
    /// Pact's, not described here.
    static let pactDocument: JSONObject = {
        let party: JSONValue = .object([
            "type": .string("object"), "properties": .object(["name": .object(["type": .string("string")])]),
            "required": .array([.string("name")]),
        ])
        return [
            "title": .string("PactDocument"), "type": .string("object"),
            "description": .string("A Pact specification v3 file of the journal's answered requests."),
            "properties": .object([
                "consumer": party, "provider": party,
                "interactions": .object(["type": .string("array"), "items": .object(["type": .string("object")])]),
                "metadata": .object(["type": .string("object")]),
            ]),
            "required": .array(["consumer", "provider", "interactions", "metadata"].map(JSONValue.string)),
        ]
    }()

    /// An OpenAPI 3.1 document (`ControlOpenAPIDocument`).
    static let openAPIDocument: JSONObject = [
        "title": .string("OpenAPIDocument"), "type": .string("object"),
        "description": .string("This API described in OpenAPI 3.1."),
        "properties": .object([
            "openapi": .object(["type": .string("string")]), "info": .object(["type": .string("object")]),
            "servers": .object(["type": .string("array")]), "paths": .object(["type": .string("object")]),
        ]),
        "required": .array(["openapi", "info", "paths"].map(JSONValue.string)),
    ]
}
