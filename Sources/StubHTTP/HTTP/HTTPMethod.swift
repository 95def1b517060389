/// A request method: an open set, compared exactly (RFC 9110 §9.1: methods are case-sensitive),
/// with constants for the ones AuthStub's fixtures and control API use.
///
/// A string literal is a method, so `request.method == "POST"` and `.called("DELETE", …)` read
/// as before.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The method's name as sent, e.g. `POST`.
    public let rawValue: String

    /// Any method name; the HTTP parser admits only RFC 9110 tokens, hand-built ones are kept as given.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Same as `init(rawValue:)`.
    public init(_ name: String) {
        self.rawValue = name
    }

    /// A method written as a literal, e.g. `"PATCH"`.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The name, e.g. `GET`.
    public var description: String { rawValue }

    /// Whether the name is an RFC 9110 token, as a request line needs (`GET`, `M-SEARCH`; not
    /// empty, no spaces).
    public var isValid: Bool { !rawValue.isEmpty && rawValue.utf8.allSatisfy(ASCII.isTokenByte) }

    /// The name in upper case: how AuthStub compares methods people type (`match.method`,
    /// journal filters).
    public var uppercased: HTTPMethod { HTTPMethod(rawValue.uppercased()) }

    /// `GET`.
    public static let get = HTTPMethod("GET")
    /// `HEAD`.
    public static let head = HTTPMethod("HEAD")
    /// `POST`.
    public static let post = HTTPMethod("POST")
    /// `PUT`.
    public static let put = HTTPMethod("PUT")
    /// `PATCH`.
    public static let patch = HTTPMethod("PATCH")
    /// `DELETE`.
    public static let delete = HTTPMethod("DELETE")
    /// `OPTIONS`.
    public static let options = HTTPMethod("OPTIONS")
    /// `CONNECT`.
    public static let connect = HTTPMethod("CONNECT")
    /// `TRACE`.
    public static let trace = HTTPMethod("TRACE")
}
