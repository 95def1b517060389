/// A JSON value that keeps object members in document order and numbers as written.
///
/// Equality is structural and order-sensitive: two objects with the same members in a different
/// order are different values, and `.number("1.0")` is not `.number("1")`.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// The number literal exactly as written, e.g. `"12345"` or `"-1.5e3"`.
    /// A literal that is not valid JSON serializes as `null`.
    case number(String)
    /// A string, its escapes decoded.
    case string(String)
    /// An array, its elements in order.
    case array([JSONValue])
    /// An object, its members in document order.
    case object(JSONObject)

    /// An integer number, e.g. `.number("42")`.
    public static func int(_ value: Int) -> JSONValue {
        .number(String(value))
    }

    /// A floating-point number in its shortest round-tripping form; `null` when `value` is NaN or infinite,
    /// which JSON cannot represent.
    public static func double(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        if abs(value) < 1e15, Double(Int(value)) == value {
            return .number(String(Int(value)))
        }
        return .number(value.description)
    }
}

extension JSONValue {
    /// The text when this is a string; otherwise nil.
    public var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// The flag when this is a boolean; otherwise nil.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { flag } else { nil }
    }

    /// The value of an integer literal (no fraction, no exponent) that fits `Int`; otherwise nil.
    public var intValue: Int? {
        guard case .number(let literal) = self, JSONNumberLiteral.kind(of: literal) == .integer else { return nil }
        return Int(literal)
    }

    /// The value of a valid number literal as the nearest `Double`; nil when the literal is invalid or
    /// its magnitude is too large for a `Double` (e.g. `1e999`).
    public var doubleValue: Double? {
        guard case .number(let literal) = self, JSONNumberLiteral.kind(of: literal) != nil,
            let value = Double(literal), value.isFinite
        else { return nil }
        return value
    }

    /// The elements when this is an array; otherwise nil.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    /// The object when this is an object; otherwise nil.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { object } else { nil }
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { true } else { false }
    }

    /// The JSON type of this value, for error messages: "null", "boolean", "number", "string", "array" or "object".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The member named `key` when this is an object; otherwise nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { object[key] } else { nil }
    }
}

/// The RFC 8259 number grammar, `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, for literals held in values.
enum JSONNumberLiteral {
    enum Kind: Equatable {
        /// No fraction and no exponent.
        case integer
        /// A fraction, an exponent or both.
        case real
    }

    /// The kind of `literal`, or nil when it is not a JSON number.
    static func kind(of literal: String) -> Kind? {
        var bytes = literal.utf8.makeIterator()
        var next = bytes.next()
        if next == UInt8(ascii: "-") { next = bytes.next() }
        guard let first = next, isDigit(first) else { return nil }
        next = bytes.next()
        if first != UInt8(ascii: "0") {
            while let byte = next, isDigit(byte) { next = bytes.next() }
        }
        var kind = Kind.integer
        if next == UInt8(ascii: ".") {
            kind = .real
            guard let digit = bytes.next(), isDigit(digit) else { return nil }
            next = bytes.next()
            while let byte = next, isDigit(byte) { next = bytes.next() }
        }
        if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            kind = .real
            next = bytes.next()
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { next = bytes.next() }
            guard let digit = next, isDigit(digit) else { return nil }
            next = bytes.next()
            while let byte = next, isDigit(byte) { next = bytes.next() }
        }
        return next == nil ? kind : nil
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
