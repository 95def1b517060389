/// JSON Schemas (2020-12, as OpenAPI 3.1 uses) for the shapes of documented examples, and one
/// schema for several of them, so that a generated client decodes every answer.
enum JSONSchemaInference {
    /// The schema of a JSON value as it is: every member required, each value's JSON type.
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
            return .object(["type": .string("array"), "items": merged(elements.map(schema(of:)))])
        case .number:
            return type(value.intValue == nil ? "number" : "integer")
        case .string:
            return type("string")
        case .bool:
            return type("boolean")
        case .null:
            return type("null")
        }
    }

    /// The schema of what `template` renders to, `sample` being what it renders to with sample
    /// values. A placeholder's type is its sample's (`{{status}}` an integer, `{{jwks}}` an
    /// object). A placeholder that may have no value (`isAlwaysSent` says) makes its object
    /// member optional, as the renderer leaves the member out, and elsewhere allows `null`.
    static func schema(ofTemplate template: JSONValue, sample: JSONValue?, isAlwaysSent: (Placeholder) -> Bool) -> JSONValue {
        switch template {
        case .object(let object):
            var properties = JSONObject()
            var required: [JSONValue] = []
            for member in object {
                let memberSample = sample?.objectValue?[member.key]
                if let placeholder = soloPlaceholder(member.value) {
                    properties[member.key] = schema(of: placeholder, sample: memberSample)
                    if isAlwaysSent(placeholder) { required.append(.string(member.key)) }
                } else {
                    properties[member.key] = schema(ofTemplate: member.value, sample: memberSample, isAlwaysSent: isAlwaysSent)
                    required.append(.string(member.key))
                }
            }
            return .object(["type": .string("object"), "properties": .object(properties), "required": .array(required)])
        case .array(let elements):
            let samples = sample?.arrayValue ?? []
            let items = elements.enumerated().map { index, element in
                schema(ofTemplate: element, sample: samples.indices.contains(index) ? samples[index] : nil, isAlwaysSent: isAlwaysSent)
            }
            return .object(["type": .string("array"), "items": merged(items)])
        case .string:
            guard let placeholder = soloPlaceholder(template) else { return type("string") }
            let typed = schema(of: placeholder, sample: sample)
            return isAlwaysSent(placeholder) ? typed : merged([typed, type("null")])
        case .null, .bool, .number:
            return schema(of: template)
        }
    }

    /// One schema for several: objects merge into one whose properties are the union and whose
    /// `required` is the intersection (a member some answers leave out is optional); arrays
    /// merge their items; plain types join (`["string", "null"]`, an integer into a number);
    /// string enums join. Shapes that conflict otherwise stay apart in `anyOf`.
    static func merged(_ schemas: [JSONValue]) -> JSONValue {
        var distinct: [JSONValue] = []
        for schema in schemas where !distinct.contains(schema) { distinct.append(schema) }
        guard distinct.count > 1 else { return distinct.first ?? .object([:]) }
        let objects = distinct.compactMap(\.objectValue)
        if objects.allSatisfy({ $0["type"] == .string("object") && $0["properties"] != nil }) {
            return mergedObjects(objects)
        }
        if objects.allSatisfy({ $0["type"] == .string("array") && $0.count == 2 }) {
            return .object(["type": .string("array"), "items": merged(objects.compactMap { $0["items"] })])
        }
        if let names = joinedTypes(objects) {
            return names.count == 1 ? type(names[0]) : .object(["type": .array(names.map(JSONValue.string))])
        }
        if objects.allSatisfy({ $0["type"] == .string("string") && $0.count <= 2 }) {
            let enums = objects.map { $0["enum"]?.arrayValue }
            guard enums.allSatisfy({ $0 != nil }) else { return type("string") }
            var values: [JSONValue] = []
            for value in enums.compactMap({ $0 }).joined() where !values.contains(value) { values.append(value) }
            return .object(["type": .string("string"), "enum": .array(values)])
        }
        return .object(["anyOf": .array(distinct)])
    }

    /// `{"type": name}`.
    static func type(_ name: String) -> JSONValue { .object(["type": .string(name)]) }

    private static func mergedObjects(_ objects: [JSONObject]) -> JSONValue {
        var keys: [String] = []
        for object in objects {
            for key in object["properties"]?.objectValue?.keys ?? [] where !keys.contains(key) { keys.append(key) }
        }
        var properties = JSONObject()
        for key in keys {
            properties[key] = merged(objects.compactMap { $0["properties"]?.objectValue?[key] })
        }
        let required = keys.filter { key in objects.allSatisfy { $0["required"]?.arrayValue?.contains(.string(key)) == true } }
        return .object(["type": .string("object"), "properties": .object(properties), "required": .array(required.map(JSONValue.string))])
    }

    /// The type names of schemas that state nothing but a type, joined (an integer joins a
    /// number as a number); nil when one states more.
    private static func joinedTypes(_ objects: [JSONObject]) -> [String]? {
        var names: [String] = []
        for object in objects {
            guard object.count == 1, let type = object["type"] else { return nil }
            let given = type.arrayValue?.compactMap(\.stringValue) ?? type.stringValue.map { [$0] } ?? []
            for name in given where !names.contains(name) { names.append(name) }
        }
        if names.contains("number") { names.removeAll { $0 == "integer" } }
        return names
    }

    /// The schema of the value `placeholder` renders to: its sample's; text when there is none
    /// (`{{status}}`: an integer).
    private static func schema(of placeholder: Placeholder, sample: JSONValue?) -> JSONValue {
        if let sample { return schema(of: sample) }
        return type(placeholder == .status ? "integer" : "string")
    }

    /// The placeholder `value` is exactly, if it is one (`"{{token}}"`).
    private static func soloPlaceholder(_ value: JSONValue) -> Placeholder? {
        guard case .string(let text) = value, text.contains("{{"), case .success(let template) = TemplateText.parse(text) else { return nil }
        return template.soloPlaceholder
    }
}
