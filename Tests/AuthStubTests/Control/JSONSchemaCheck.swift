@testable import AuthStub

/// A small JSON Schema (2020-12) checker for the control API's own schemas: `type`, `enum`,
/// `properties`, `required`, `additionalProperties`, `items`, `minimum`, `format: date-time`
/// and `oneOf`, the keywords `ControlSchema` writes. Also makes the smallest example a schema
/// allows, to feed the readers.
enum JSONSchemaCheck {
    /// Every way `value` breaks `schema`, each with the JSON path where; empty when it fits.
    static func problems(_ value: JSONValue, _ schema: JSONObject, at path: String = "$") -> [String] {
        var problems: [String] = []
        if let types = schema["type"].map(typeNames), !types.contains(where: { fits(value, $0) }) {
            problems.append("\(path): \(value.typeName) is not \(types)")
            return problems
        }
        if case .array(let choices)? = schema["enum"], !choices.contains(value) {
            problems.append("\(path): \(value.serialized()) is not one of \(choices.map { $0.serialized() })")
        }
        if case .string(let text) = value, schema["format"]?.stringValue == "date-time", RFC3339.milliseconds(from: text) == nil {
            problems.append("\(path): \(text) is not a date-time")
        }
        if let minimum = schema["minimum"]?.doubleValue, let number = value.doubleValue, number < minimum {
            problems.append("\(path): \(number) is below \(minimum)")
        }
        if case .array(let elements) = value, case .object(let items)? = schema["items"] {
            for (index, element) in elements.enumerated() { problems += Self.problems(element, items, at: "\(path)[\(index)]") }
        }
        if case .object(let members) = value {
            let properties = schema["properties"]?.objectValue ?? JSONObject()
            for case .string(let name) in schema["required"]?.arrayValue ?? [] where members[name] == nil {
                problems.append("\(path): \(name) is missing")
            }
            for member in members {
                if case .object(let property)? = properties[member.key] {
                    problems += Self.problems(member.value, property, at: "\(path).\(member.key)")
                } else if schema["additionalProperties"] == .bool(false) {
                    problems.append("\(path): \(member.key) is not a known member")
                }
            }
        }
        if case .array(let branches)? = schema["oneOf"] {
            let fitting = branches.compactMap(\.objectValue).filter { Self.problems(value, $0, at: path).isEmpty }
            if fitting.count != 1 { problems.append("\(path): fits \(fitting.count) of the oneOf branches, not 1") }
        }
        return problems
    }

    /// The smallest value `schema` allows: its required members (and those of its first `oneOf`
    /// branch), each the first of its enum, a date-time, 1, true, "example", {} or [].
    static func example(_ schema: JSONObject) -> JSONValue {
        if case .array(let choices)? = schema["enum"], let first = choices.first(where: { !$0.isNull }) { return first }
        switch schema["type"].map(typeNames)?.first {
        case "string": return .string(schema["format"]?.stringValue == "date-time" ? "2026-11-23T10:00:00Z" : "example")
        case "integer", "number": return .int(Int(schema["minimum"]?.doubleValue ?? 1))
        case "boolean": return .bool(true)
        case "array": return .array([])
        case "object":
            var properties = schema["properties"]?.objectValue ?? JSONObject()
            var required = schema["required"]?.arrayValue ?? []
            if case .object(let branch)? = schema["oneOf"]?.arrayValue?.first {
                for member in branch["properties"]?.objectValue ?? JSONObject() { properties[member.key] = member.value }
                required += branch["required"]?.arrayValue ?? []
            }
            var object = JSONObject()
            for case .string(let name) in required {
                object[name] = properties[name]?.objectValue.map(example) ?? .string("example")
            }
            return .object(object)
        default: return .string("example")
        }
    }

    private static func typeNames(_ type: JSONValue) -> [String] {
        type.stringValue.map { [$0] } ?? (type.arrayValue ?? []).compactMap(\.stringValue)
    }

    private static func fits(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number):
            true
        case ("integer", .number): value.intValue != nil
        default: false
        }
    }
}
