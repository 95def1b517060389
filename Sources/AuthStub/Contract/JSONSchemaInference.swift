/// A JSON Schema (2020-12, as OpenAPI 3.1 uses) for the shape of a documented example:
/// every key required, each value's JSON type; placeholders stand for strings, `{{status}}`
/// for an integer.
enum JSONSchemaInference {
    static func schema(of value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var properties = JSONObject()
            for member in object { properties[member.key] = schema(of: member.value) }
            return .object([
                "type": .string("object"), "properties": .object(properties),
                "required": .array(object.keys.map(JSONValue.string)),
            ])
        case .array(let elements):
            return .object(["type": .string("array"), "items": elements.first.map(schema(of:)) ?? .object([:])])
        case .number:
            return .object(["type": .string(value.intValue == nil ? "number" : "integer")])
        case .string:
            return .object(["type": .string(BodyShape.typeName(ofTemplate: value) == "number" ? "integer" : "string")])
        case .bool:
            return .object(["type": .string("boolean")])
        case .null:
            return .object(["type": .string("null")])
        }
    }

    /// One schema for several examples of one media type: the schema itself when they agree,
    /// `anyOf` the distinct ones when they do not.
    static func schema(ofAll values: [JSONValue]) -> JSONValue {
        var distinct: [JSONValue] = []
        for schema in values.map(schema(of:)) where !distinct.contains(schema) { distinct.append(schema) }
        if distinct.count == 1, let only = distinct.first { return only }
        return .object(["anyOf": .array(distinct)])
    }
}
