/// An HTTP version; the parser only ever produces 1.0 or 1.1.
public struct HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    /// The major version number (the `1` of `HTTP/1.1`).
    public var major: Int
    /// The minor version number (the second `1` of `HTTP/1.1`).
    public var minor: Int

    /// Creates a version from its two numbers.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// HTTP/1.0.
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    /// HTTP/1.1.
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    /// The version as it appears on the wire, e.g. `HTTP/1.1`.
    public var description: String { "HTTP/\(major).\(minor)" }
}
