import StubHTTP

/// How request lines are coloured: ANSI colours on a terminal, nothing when the output goes to
/// a pipe or a file (or when `NO_COLOR` is set), so tools and logs get plain text.
struct ConsolePalette: Equatable {
    let enabled: Bool

    static let plain = ConsolePalette(enabled: false)
    static let ansi = ConsolePalette(enabled: true)

    /// Colours on a terminal unless the environment sets `NO_COLOR` (no-color.org).
    static func forStandardOutput(isTerminal: Bool, environment: [String: String]) -> ConsolePalette {
        isTerminal && (environment["NO_COLOR"] ?? "").isEmpty ? .ansi : .plain
    }

    /// Green for 2xx, cyan for 3xx, yellow for 4xx, red for 5xx and for no answer at all.
    func status(_ text: String, code: HTTPStatus?) -> String {
        switch code?.kind {
        case .successful: paint(text, "32")
        case .redirection: paint(text, "36")
        case .clientError: paint(text, "33")
        default: paint(text, "31")
        }
    }

    func refusal(_ text: String) -> String { paint(text, "31") }
    func fault(_ text: String) -> String { paint(text, "35") }
    func deprecated(_ text: String) -> String { paint(text, "1;33") }
    func dim(_ text: String) -> String { paint(text, "2") }

    private func paint(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
