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

    /// Whether a `Content-Type` value (any parameters, any case) is this format.
    func matches(contentType: String) -> Bool {
        let type = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmed(of: " ").lowercased() } ?? ""
        switch self {
        case .json: return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
        case .form: return type == "application/x-www-form-urlencoded"
        default: return false
        }
    }
}
