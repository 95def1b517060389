import StubHTTP

/// Reads one fixture file's JSON into the model. Instead of stopping at the first mistake it
/// notes every problem with its JSON path, so `authstub validate` can list them all at once.
struct FixtureReader {
    let file: String
    private(set) var problems: [FixtureProblem] = []

    init(file: String) { self.file = file }

    mutating func report(_ path: String, _ reason: String) {
        problems.append(FixtureProblem(file: file, path: path, reason: reason))
    }

    /// `$.responses` + `status` → `$.responses.status`; keys that are not identifiers are quoted.
    static func path(_ base: String, _ key: String) -> String {
        let plain =
            !key.isEmpty
            && key.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        return plain ? "\(base).\(key)" : "\(base)[\(JSONValue.string(key).serialized())]"
    }

    static func path(_ base: String, _ index: Int) -> String { "\(base)[\(index)]" }

    /// The value as an object, after reporting members not in `allowed` and missing `required` ones.
    mutating func object(_ value: JSONValue?, at path: String, allowed: Set<String>, required: Set<String> = []) -> JSONObject? {
        guard let value else { return nil }
        guard case .object(let object) = value else {
            report(path, "expected an object, found \(describe(value))")
            return nil
        }
        for key in object.keys where !allowed.contains(key) {
            report(Self.path(path, key), "unknown key \"\(key)\" (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
        for key in required.sorted() where object[key] == nil {
            report(Self.path(path, key), "missing required key \"\(key)\"")
        }
        return object
    }

    mutating func string(_ object: JSONObject, _ key: String, at path: String) -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let text) = value else {
            report(Self.path(path, key), "expected a string, found \(describe(value))")
            return nil
        }
        return text
    }

    mutating func nonEmptyString(_ object: JSONObject, _ key: String, at path: String) -> String? {
        guard let text = string(object, key, at: path) else { return nil }
        guard !text.isEmpty else {
            report(Self.path(path, key), "must not be empty")
            return nil
        }
        return text
    }

    mutating func int(_ object: JSONObject, _ key: String, at path: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = object[key] else { return nil }
        guard let number = value.intValue else {
            report(Self.path(path, key), "expected a whole number, found \(describe(value))")
            return nil
        }
        guard range.contains(number) else {
            report(Self.path(path, key), "must be from \(range.lowerBound) to \(range.upperBound), not \(number)")
            return nil
        }
        return number
    }

    mutating func array(_ object: JSONObject, _ key: String, at path: String) -> [JSONValue]? {
        guard let value = object[key] else { return nil }
        guard case .array(let elements) = value else {
            report(Self.path(path, key), "expected an array, found \(describe(value))")
            return nil
        }
        return elements
    }

    mutating func stringArray(_ object: JSONObject, _ key: String, at path: String) -> [String]? {
        guard let elements = array(object, key, at: path) else { return nil }
        var strings: [String] = []
        for (index, element) in elements.enumerated() {
            if case .string(let text) = element {
                strings.append(text)
            } else {
                report(Self.path(Self.path(path, key), index), "expected a string, found \(describe(element))")
            }
        }
        return strings
    }

    /// A value naming one of `Choice`'s known values.
    mutating func choice<Choice: KnownValues>(_ object: JSONObject, _ key: String, at path: String, as: Choice.Type) -> Choice? {
        guard let text = string(object, key, at: path) else { return nil }
        guard let choice = Choice.named(text) else {
            report(Self.path(path, key), "\"\(text)\" is not one of \(Choice.knownNames)")
            return nil
        }
        return choice
    }

    /// A `{"Name": "value"}` object of headers whose values may hold placeholders.
    mutating func headers(_ object: JSONObject, _ key: String, at path: String) -> [HeaderTemplate] {
        let headersPath = Self.path(path, key)
        guard let value = object[key] else { return [] }
        guard case .object(let fields) = value else {
            report(headersPath, "expected an object of header names and values, found \(describe(value))")
            return []
        }
        var headers: [HeaderTemplate] = []
        for field in fields {
            let fieldPath = Self.path(headersPath, field.key)
            guard isToken(field.key) else {
                report(fieldPath, "\"\(field.key)\" is not a valid header name")
                continue
            }
            guard case .string(let text) = field.value else {
                report(fieldPath, "expected a string header value, found \(describe(field.value))")
                continue
            }
            guard !text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) else {
                report(fieldPath, "a header value must not contain CR, LF or NUL")
                continue
            }
            checkTemplate(text, at: fieldPath)
            headers.append(HeaderTemplate(name: field.key, value: text))
        }
        return headers
    }

    /// Reports malformed or unknown placeholders anywhere inside `value`.
    mutating func checkTemplates(in value: JSONValue, at path: String) {
        switch value {
        case .string(let text): checkTemplate(text, at: path)
        case .array(let elements):
            for (index, element) in elements.enumerated() { checkTemplates(in: element, at: Self.path(path, index)) }
        case .object(let object):
            for member in object { checkTemplates(in: member.value, at: Self.path(path, member.key)) }
        case .null, .bool, .number:
            break
        }
    }

    mutating func checkTemplate(_ text: String, at path: String) {
        if case .failure(let error) = TemplateText.parse(text) { report(path, error.reason) }
    }

    /// An RFC 3339 timestamp, as milliseconds since the epoch.
    mutating func timestamp(_ object: JSONObject, _ key: String, at path: String) -> Int64? {
        guard let text = string(object, key, at: path) else { return nil }
        guard let milliseconds = RFC3339.milliseconds(from: text) else {
            report(Self.path(path, key), "\"\(text)\" is not an RFC 3339 timestamp like 2026-01-31T12:00:00+00:00")
            return nil
        }
        return milliseconds
    }

    func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "the boolean \(flag)"
        case .number(let literal): "the number \(literal)"
        case .string(let text): "the string \(JSONValue.string(text).serialized())"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Whether `text` starts with `/`. Paths are checked as bytes, like the JSON Schema's
    /// patterns and the HTTP parser: as `Character`s, `/` or `?` followed by a combining mark
    /// is one character that is neither, so a `?` could slip past a query check.
    static func isPath(_ text: String) -> Bool {
        text.utf8.first == UInt8(ascii: "/")
    }

    /// An HTTP token (RFC 9110 §5.6.2), by the parser's own definition.
    func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(ASCII.isTokenByte)
    }
}
