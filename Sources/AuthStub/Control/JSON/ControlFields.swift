import Foundation
import StubHTTP

/// Reads one JSON object of the control API, naming the field in every complaint
/// (`match.path`, `headers.Retry-After`). Strict for requests: an unknown field is a 400, so a
/// typo such as `"tims"` is caught instead of silently ignored. Lenient for answers read by
/// `ControlClient`, so a newer server's extra fields do no harm.
struct ControlFields {
    let object: JSONObject
    /// Prefixes field names, e.g. `match.`.
    private let prefix: String

    /// - Parameters:
    ///   - allowed: the known fields; nil accepts any.
    ///   - field: the field that holds this object, nil for the whole body.
    init(_ value: JSONValue, allowed: Set<String>?, field: String? = nil) throws(ControlError) {
        guard case .object(let object) = value else {
            throw .badInput("expected a JSON object, found \(value.typeName)", field: field)
        }
        self.object = object
        self.prefix = field.map { $0 + "." } ?? ""
        if let allowed, let unknown = object.keys.first(where: { !allowed.contains($0) }) {
            let known = allowed.isEmpty ? "this route takes no fields" : "known: " + allowed.sorted().joined(separator: ", ")
            throw .badInput("unknown field \"\(unknown)\" (\(known))", field: name(unknown))
        }
    }

    /// A true/false query parameter: `true`, `1` or no value; `false` or `0`.
    static func queryFlag(_ name: String, _ value: String) throws(ControlError) -> Bool {
        switch value {
        case "true", "1", "": return true
        case "false", "0": return false
        default: throw .badInput("\(name) must be true or false, not \"\(value)\"", field: name)
        }
    }

    /// The full name of `key`, for messages.
    func name(_ key: String) -> String { prefix + key }

    /// The member, with `null` read as absent.
    func value(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    func string(_ key: String) throws(ControlError) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue else { throw mismatch(key, "a string", value) }
        return text
    }

    func requiredString(_ key: String) throws(ControlError) -> String {
        guard let text = try string(key) else { throw missing(key) }
        return text
    }

    func int(_ key: String) throws(ControlError) -> Int? {
        guard let value = value(key) else { return nil }
        guard let number = value.intValue else { throw mismatch(key, "a whole number", value) }
        return number
    }

    func requiredInt(_ key: String) throws(ControlError) -> Int {
        guard let number = try int(key) else { throw missing(key) }
        return number
    }

    func int64(_ key: String) throws(ControlError) -> Int64? {
        guard let value = value(key) else { return nil }
        guard case .number(let literal) = value, let number = Int64(literal) else { throw mismatch(key, "a whole number", value) }
        return number
    }

    func double(_ key: String) throws(ControlError) -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue else { throw mismatch(key, "a number", value) }
        return number
    }

    func bool(_ key: String) throws(ControlError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let flag = value.boolValue else { throw mismatch(key, "true or false", value) }
        return flag
    }

    func requiredBool(_ key: String) throws(ControlError) -> Bool {
        guard let flag = try bool(key) else { throw missing(key) }
        return flag
    }

    /// An RFC 3339 timestamp.
    func date(_ key: String) throws(ControlError) -> Date? {
        guard let text = try string(key) else { return nil }
        guard let milliseconds = RFC3339.milliseconds(from: text) else {
            throw .badInput("\(name(key)) must be an RFC 3339 timestamp like 2026-11-23T10:00:00Z, not \"\(text)\"", field: name(key))
        }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    func requiredDate(_ key: String) throws(ControlError) -> Date {
        guard let date = try date(key) else { throw missing(key) }
        return date
    }

    func array(_ key: String) throws(ControlError) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard let elements = value.arrayValue else { throw mismatch(key, "an array", value) }
        return elements
    }

    /// A nested object, read with the same strictness.
    func object(_ key: String, allowed: Set<String>?) throws(ControlError) -> ControlFields? {
        guard let value = value(key) else { return nil }
        return try ControlFields(value, allowed: allowed, field: name(key))
    }

    /// One of `Choice`'s raw values.
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, as type: Choice.Type) throws(ControlError) -> Choice?
    where Choice.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let choice = Choice(rawValue: text) else {
            let known = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw .badInput("\(name(key)) must be one of \(known), not \"\(text)\"", field: name(key))
        }
        return choice
    }

    func missing(_ key: String) -> ControlError {
        .badInput("\(name(key)) is required", field: name(key))
    }

    func mismatch(_ key: String, _ expected: String, _ found: JSONValue) -> ControlError {
        .badInput("\(name(key)) must be \(expected), found \(found.typeName)", field: name(key))
    }
}

/// Dates and durations as the control API writes them.
enum ControlJSON {
    /// RFC 3339 in UTC, with milliseconds when there are any.
    static func date(_ date: Date) -> JSONValue {
        .string(RFC3339.string(milliseconds: milliseconds(date)))
    }

    static func date(_ date: Date?) -> JSONValue {
        date.map(Self.date) ?? .null
    }

    static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        guard value.isFinite, value > -9.2e18, value < 9.2e18 else { return 0 }
        return Int64(value)
    }

    static func string(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    static func int(_ number: Int?) -> JSONValue {
        number.map(JSONValue.int) ?? .null
    }

    /// `Duration` in whole milliseconds.
    static func milliseconds(_ duration: Duration) -> JSONValue {
        .number(String(duration.saturatedMilliseconds))
    }
}
