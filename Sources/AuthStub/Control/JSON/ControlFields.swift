import Foundation
import StubHTTP

/// Reads one JSON object of the control API, its members named by `Field` and every complaint
/// naming the field at fault (`match.path`, `headers.Retry-After`). Strict for requests: an
/// unknown field is a 400, so a typo such as `"tims"` is caught instead of silently ignored.
/// Lenient for answers read by `ControlClient`, so a newer server's extra fields do no harm.
struct ControlFields<Field: ControlField> {
    let object: JSONObject
    /// Whether unknown fields are refused; nested objects are read the same way.
    let strict: Bool
    /// Prefixes field names, e.g. `match.`.
    private let prefix: String

    /// - Parameter field: the field that holds this object, nil for the whole body.
    init(_ value: JSONValue, strict: Bool, field: String? = nil) throws(ControlError) {
        guard case .object(let object) = value else {
            throw .badInput("expected a JSON object, found \(value.typeName)", field: field)
        }
        self.init(object, strict: strict, prefix: field.map { $0 + "." } ?? "")
        if strict, let unknown = object.keys.first(where: { Field(rawValue: $0) == nil }) {
            let names = Field.allCases.map(\.rawValue).sorted()
            let known = names.isEmpty ? "this route takes no fields" : "known: " + names.joined(separator: ", ")
            throw .badInput("unknown field \"\(unknown)\" (\(known))", field: prefix + unknown)
        }
    }

    private init(_ object: JSONObject, strict: Bool, prefix: String) {
        self.object = object
        self.strict = strict
        self.prefix = prefix
    }

    /// The same object read under another model's names: the members of a fault inside an
    /// installed fault's answer.
    func reading<Other: ControlField>(as _: Other.Type) -> ControlFields<Other> {
        ControlFields<Other>(object, strict: strict, prefix: prefix)
    }

    /// The full name of `key`, for messages.
    func name(_ key: Field) -> String { prefix + key.rawValue }

    /// The member, with `null` read as absent.
    func value(_ key: Field) -> JSONValue? {
        guard let value = object[key.rawValue], !value.isNull else { return nil }
        return value
    }

    func has(_ key: Field) -> Bool { value(key) != nil }

    func string(_ key: Field) throws(ControlError) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue else { throw mismatch(key, "a string", value) }
        return text
    }

    func requiredString(_ key: Field) throws(ControlError) -> String {
        guard let text = try string(key) else { throw missing(key) }
        return text
    }

    func int(_ key: Field) throws(ControlError) -> Int? {
        guard let value = value(key) else { return nil }
        guard let number = value.intValue else { throw mismatch(key, "a whole number", value) }
        return number
    }

    func requiredInt(_ key: Field) throws(ControlError) -> Int {
        guard let number = try int(key) else { throw missing(key) }
        return number
    }

    func int64(_ key: Field) throws(ControlError) -> Int64? {
        guard let value = value(key) else { return nil }
        guard case .number(let literal) = value, let number = Int64(literal) else { throw mismatch(key, "a whole number", value) }
        return number
    }

    func double(_ key: Field) throws(ControlError) -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue else { throw mismatch(key, "a number", value) }
        return number
    }

    /// A duration as `ControlJSON.fractionalMilliseconds` writes it, back to the whole
    /// nanosecond it was measured in: `Duration.milliseconds(Double)` would be off by a few
    /// attoseconds for most durations over 9 ms, so an answer read back would not equal its source.
    func fractionalMilliseconds(_ key: Field) throws(ControlError) -> Duration? {
        guard let milliseconds = try double(key) else { return nil }
        guard let nanoseconds = Int64(exactly: (milliseconds * 1_000_000).rounded()) else {
            throw mismatch(key, "a number of milliseconds", value(key) ?? .null)
        }
        return .nanoseconds(nanoseconds)
    }

    func bool(_ key: Field) throws(ControlError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let flag = value.boolValue else { throw mismatch(key, "true or false", value) }
        return flag
    }

    func requiredBool(_ key: Field) throws(ControlError) -> Bool {
        guard let flag = try bool(key) else { throw missing(key) }
        return flag
    }

    /// An RFC 3339 timestamp.
    func date(_ key: Field) throws(ControlError) -> Date? {
        guard let text = try string(key) else { return nil }
        guard let milliseconds = RFC3339.milliseconds(from: text) else {
            throw .badInput("\(name(key)) must be an RFC 3339 timestamp like 2026-11-23T10:00:00Z, not \"\(text)\"", field: name(key))
        }
        return ServerTime.date(milliseconds)
    }

    func requiredDate(_ key: Field) throws(ControlError) -> Date {
        guard let date = try date(key) else { throw missing(key) }
        return date
    }

    /// A request method, as sent (any case is kept; `FaultMatch` and `JournalFilter` compare in
    /// upper case).
    func method(_ key: Field) throws(ControlError) -> HTTPMethod? {
        try string(key).map { HTTPMethod($0) }
    }

    func requiredMethod(_ key: Field) throws(ControlError) -> HTTPMethod {
        HTTPMethod(try requiredString(key))
    }

    /// A status code.
    func status(_ key: Field) throws(ControlError) -> HTTPStatus? {
        try int(key).map(HTTPStatus.init(code:))
    }

    func requiredStatus(_ key: Field) throws(ControlError) -> HTTPStatus {
        HTTPStatus(code: try requiredInt(key))
    }

    func array(_ key: Field) throws(ControlError) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard let elements = value.arrayValue else { throw mismatch(key, "an array", value) }
        return elements
    }

    /// The strings of an array; other elements are skipped.
    func strings(_ key: Field) throws(ControlError) -> [String] {
        (try array(key) ?? []).compactMap(\.stringValue)
    }

    /// A nested object, read with the same strictness.
    func model<Model: ControlModel>(_ key: Field, as _: Model.Type) throws(ControlError) -> Model? {
        guard let value = value(key) else { return nil }
        return try Model(try ControlFields<Model.Field>(value, strict: strict, field: name(key)))
    }

    /// An array of nested objects, each read with the same strictness and named by `key`.
    func models<Model: ControlModel>(_ key: Field, as _: Model.Type) throws(ControlError) -> [Model] {
        var models: [Model] = []
        for element in try array(key) ?? [] {
            models.append(try Model(try ControlFields<Model.Field>(element, strict: strict, field: name(key))))
        }
        return models
    }

    /// An object of strings with names of its own (`"headers": {"Retry-After": "2"}`), in order.
    func stringMembers(_ key: Field) throws(ControlError) -> [(name: String, value: String)]? {
        guard let value = value(key) else { return nil }
        guard case .object(let object) = value else {
            throw .badInput("expected a JSON object, found \(value.typeName)", field: name(key))
        }
        var members: [(name: String, value: String)] = []
        for member in object {
            guard let text = member.value.stringValue else {
                let field = name(key) + "." + member.key
                throw .badInput("\(field) must be a string, found \(member.value.typeName)", field: field)
            }
            members.append((member.key, text))
        }
        return members
    }

    /// One of `Choice`'s known values.
    func choice<Choice: KnownValues>(_ key: Field, as type: Choice.Type) throws(ControlError) -> Choice? {
        guard let text = try string(key) else { return nil }
        guard let choice = Choice.named(text) else {
            throw .badInput("\(name(key)) must be one of \(Choice.knownNames), not \"\(text)\"", field: name(key))
        }
        return choice
    }

    func missing(_ key: Field) -> ControlError {
        .badInput("\(name(key)) is required", field: name(key))
    }

    func mismatch(_ key: Field, _ expected: String, _ found: JSONValue) -> ControlError {
        .badInput("\(name(key)) must be \(expected), found \(found.typeName)", field: name(key))
    }
}

/// Dates, durations, methods and statuses as the control API writes them.
enum ControlJSON {
    /// RFC 3339 in UTC, with milliseconds when there are any.
    static func date(_ date: Date) -> JSONValue {
        .string(ServerTime.text(date))
    }

    static func date(_ date: Date?) -> JSONValue {
        date.map(Self.date) ?? .null
    }

    static func string(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    static func int(_ number: Int?) -> JSONValue {
        number.map(JSONValue.int) ?? .null
    }

    static func method(_ method: HTTPMethod?) -> JSONValue {
        method.map { .string($0.rawValue) } ?? .null
    }

    static func status(_ status: HTTPStatus?) -> JSONValue {
        status.map { .int($0.code) } ?? .null
    }

    /// `Duration` in milliseconds, with a fraction when there is one (`0.412`).
    static func fractionalMilliseconds(_ duration: Duration) -> JSONValue {
        .double(duration / .milliseconds(1))
    }

    /// `Duration` in whole milliseconds.
    static func milliseconds(_ duration: Duration) -> JSONValue {
        .number(String(duration.saturatedMilliseconds))
    }
}
