/// A control route's path after the prefix, with its parameters in braces:
/// `/tokens/{token}/expire`. The control root is the empty path.
struct ControlPath: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringLiteral {
    enum Segment: Sendable, Equatable {
        case literal(String)
        /// Any one non-empty segment, named for descriptions of the API.
        case parameter(String)
    }

    let segments: [Segment]

    init(stringLiteral template: String) {
        segments = template.split(separator: "/").map { segment in
            guard segment.hasPrefix("{"), segment.hasSuffix("}") else { return .literal(String(segment)) }
            return .parameter(String(segment.dropFirst().dropLast()))
        }
    }

    /// The parameters' values, in order, when `path` (split at `/` and percent-decoded) fits
    /// this template; nil when it does not.
    func parameters(in path: [String]) -> [String]? {
        guard path.count == segments.count else { return nil }
        var values: [String] = []
        for (segment, text) in zip(segments, path) {
            switch segment {
            case .literal(let literal): guard text == literal else { return nil }
            case .parameter: values.append(text)
            }
        }
        return values
    }

    /// How many segments are fixed. Of two templates that fit a path, the one with more wins:
    /// `/tokens/expire` over `/tokens/{token}`.
    var literalCount: Int {
        segments.count { if case .literal = $0 { true } else { false } }
    }

    /// The path with `parameters` in place of its parameters, each segment passed through
    /// `encode` (percent-encoding, for a URL).
    func filled(with parameters: [String], encode: (String) throws(ControlError) -> String) throws(ControlError) -> String {
        var values = parameters.makeIterator()
        var path = ""
        for segment in segments {
            switch segment {
            case .literal(let literal): path += "/" + (try encode(literal))
            case .parameter: path += "/" + (try encode(values.next() ?? ""))
            }
        }
        return path
    }

    var description: String {
        segments.map { segment in
            switch segment {
            case .literal(let literal): "/" + literal
            case .parameter(let name): "/{" + name + "}"
            }
        }.joined()
    }
}
