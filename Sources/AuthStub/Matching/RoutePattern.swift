/// An endpoint path with parameters, `/users/{id}/keys/{key}`: each `{name}` stands for one
/// non-empty path segment, whose percent-decoded text becomes the parameter's value; every other
/// segment must match exactly, as a literal path does.
struct RoutePattern: Sendable {
    /// One `/`-separated piece of the path.
    enum Segment: Sendable, Equatable {
        case literal(Substring)
        case parameter(String)
    }

    /// The segments after the leading `/` (the base path's segments first).
    let segments: [Segment]

    /// The pattern for `base + path`, or nil when `path` has no parameter (a literal route).
    /// Only a valid path (see `problems(in:)`) makes a meaningful pattern.
    init?(base: String, path: String) {
        guard path.utf8.contains(UInt8(ascii: "{")) else { return nil }
        let literals = Self.split(base).map { Segment.literal($0) }
        segments = literals + Self.split(path).map(Self.segment)
    }

    /// What is wrong with the parameters of an endpoint path: a brace that does not wrap a whole
    /// segment, a name that is not one word, a name used twice. Empty when it is fine.
    static func problems(in path: String) -> [String] {
        var problems: [String] = []
        var names: Set<String> = []
        for piece in split(path) where piece.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) {
            guard case .parameter(let name) = segment(piece) else {
                problems.append("\"\(piece)\": a parameter is a whole segment, like /users/{id}")
                continue
            }
            if !names.insert(name).inserted { problems.append("the parameter {\(name)} is used twice") }
        }
        return problems
    }

    /// The parameters' values when `path` fits the pattern, nil when it does not.
    func parameters(in path: String) -> [String: String]? {
        let pieces = Self.split(path)
        guard pieces.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (segment, piece) in zip(segments, pieces) {
            switch segment {
            case .literal(let literal):
                guard piece.utf8.elementsEqual(literal.utf8) else { return nil }
            case .parameter(let name):
                guard !piece.isEmpty else { return nil }
                values[name] = PercentDecoding.decode(piece)
            }
        }
        return values
    }

    /// How many segments are fixed: of two patterns that fit a path, the one with more wins
    /// (`/users/me/keys/{key}` over `/users/{id}/keys/{key}`).
    var literalCount: Int {
        segments.count { if case .literal = $0 { true } else { false } }
    }

    /// The pattern with every parameter's name left out (`/users/{}`): two patterns of one shape
    /// fit the same paths.
    var shape: String {
        segments.map { segment in
            switch segment {
            case .literal(let literal): "/" + literal
            case .parameter: "/{}"
            }
        }.joined()
    }

    /// The segments after the leading `/`, empty ones kept (`/a//b` has three).
    private static func split(_ path: String) -> [Substring] {
        guard !path.isEmpty else { return [] }
        return Array(path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()).map { Substring($0) }
    }

    /// `{name}` (a name of letters, digits, `_` or `-`) is a parameter; anything else a literal.
    private static func segment(_ piece: Substring) -> Segment {
        let bytes = piece.utf8
        guard bytes.count > 2, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return .literal(piece) }
        let name = bytes.dropFirst().dropLast()
        guard name.allSatisfy(isNameByte) else { return .literal(piece) }
        return .parameter(String(decoding: name, as: UTF8.self))
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"): true
        case UInt8(ascii: "_"), UInt8(ascii: "-"): true
        default: false
        }
    }
}
