/// What a service's tokens look like (fixture key `token.format`): a random UUID (the
/// default), or a prefix and random characters of one alphabet, e.g. knox's 64 hex digits or
/// `sk_` and 32 base62 characters.
public struct TokenFormat: Sendable, Equatable {
    /// The alphabet of a token's random part: an open set of values.
    public struct Characters: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The alphabet's name as fixtures write it, e.g. `hex`.
        public let rawValue: String

        /// The alphabet named `rawValue` (tokens use only the ``known`` ones).
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A version-4 UUID in lower case (the random part is the whole token).
        public static let uuid = Characters(rawValue: "uuid")
        /// `0-9a-f`.
        public static let hex = Characters(rawValue: "hex")
        /// `0-9A-Za-z`.
        public static let base62 = Characters(rawValue: "base62")
        /// `A-Za-z0-9-_` (RFC 4648 §5).
        public static let base64url = Characters(rawValue: "base64url")

        /// The alphabets this version knows, in the order error messages list them.
        public static let known: [Characters] = [.uuid, .hex, .base62, .base64url]

        /// The alphabet's name.
        public var description: String { rawValue }

        /// The characters, in order; empty for `uuid`.
        var alphabet: [UInt8] {
            switch self {
            case .hex: Array("0123456789abcdef".utf8)
            case .base62: Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
            case .base64url: Base64URL.alphabet
            default: []
            }
        }

        /// The fewest characters that hold 64 random bits, so that tokens never repeat in practice.
        var minimumLength: Int {
            switch self {
            case .hex: 16
            default: 11
            }
        }
    }

    /// Text before the random part, e.g. `sk_`; empty for none.
    public var prefix: String
    /// The alphabet of the random part.
    public var characters: Characters
    /// How many random characters follow the prefix (36 for a UUID).
    public var length: Int
    /// A signed JWT instead of random characters (`{"jwt": {…}}`); nil: random characters.
    var jwt: JWTFormat?

    /// A random version-4 UUID in lower case: the default.
    public static let uuid = TokenFormat(prefix: "", characters: .uuid, length: 36)

    /// The longest random part a fixture may ask for.
    static let maximumLength = 256
    /// The longest prefix a fixture may ask for.
    static let maximumPrefixLength = 64
}

extension TokenFormat.Characters: KnownValues {}
