import StubHTTP

/// A request body format an endpoint takes (its fixture's `"accepts"`): an open set of names,
/// so a format added later breaks nobody's `switch`.
public struct RequestBodyType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The name fixtures use, e.g. `form`.
    public let rawValue: String

    /// A format by its fixture name; only the static members are read by the engine.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A JSON object: `application/json` or `application/…+json`.
    public static let json = RequestBodyType(rawValue: "json")
    /// `application/x-www-form-urlencoded` fields, read as a JSON object of strings.
    public static let form = RequestBodyType(rawValue: "form")

    /// Every format the engine reads, in the order fixtures document them.
    static let known: [RequestBodyType] = [.json, .form]

    /// The name fixtures use.
    public var description: String { rawValue }

    /// The media type a client sends for it, for messages and documents.
    var mediaType: String {
        self == .form ? "application/x-www-form-urlencoded" : "application/json"
    }

    /// Whether a `Content-Type` value (any parameters, any case) is this format. Compared as
    /// bytes: every request with a body asks this.
    func matches(contentType: String) -> Bool {
        var contentType = contentType
        return contentType.withUTF8 { bytes in
            let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
            var type = bytes[...]
            if let semicolon = type.firstIndex(of: UInt8(ascii: ";")) { type = type[..<semicolon] }
            while let first = type.first, isSpace(first) { type = type.dropFirst() }
            while let last = type.last, isSpace(last) { type = type.dropLast() }
            switch self {
            case .json:
                return Self.equalsIgnoringCase(type, "application/json")
                    || (type.count >= 17 && Self.equalsIgnoringCase(type.prefix(12), "application/")
                        && Self.equalsIgnoringCase(type.suffix(5), "+json"))
            case .form: return Self.equalsIgnoringCase(type, "application/x-www-form-urlencoded")
            default: return false
            }
        }
    }

    /// Whether `bytes` spell the lower-case `literal`, in any ASCII case.
    private static func equalsIgnoringCase(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { literal in bytes.elementsEqual(literal) { ASCII.lowercased($0) == $1 } }
    }
}
