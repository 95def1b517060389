import AuthStub
import Foundation
import StubHTTP

/// One console line per API request. Tokens are shown by their first four characters only;
/// request bodies (which hold passwords) are never printed.
enum RequestLogLine {
    static func format(_ entry: JournalEntry, as format: LogFormat) -> String {
        switch format {
        case .text: text(entry)
        case .json: json(entry)
        }
    }

    static func text(_ entry: JournalEntry) -> String {
        let time = entry.time.dropFirst(11).prefix(8)
        var parts = ["\(time) \(entry.method) \(entry.path)", entry.status.map(String.init) ?? "---"]
        if let reason = entry.reason { parts.append("refused: \(reason)") } else if let fixture = entry.fixture { parts.append(fixture) }
        if entry.deprecated { parts.append("[DEPRECATED]") }
        if let user = entry.user { parts.append("user=\(user)") }
        if let token = entry.token { parts.append("token=\(mask(token))") }
        parts.append(String(format: "%.1f ms", entry.durationMs))
        return parts.joined(separator: " ")
    }

    static func json(_ entry: JournalEntry) -> String {
        var object: [(String, String)] = [
            ("time", quoted(entry.time)), ("method", quoted(entry.method)), ("path", quoted(entry.path)),
            ("status", entry.status.map(String.init) ?? "null"),
            ("fixture", entry.fixture.map(quoted) ?? "null"), ("reason", entry.reason.map(quoted) ?? "null"),
            ("deprecated", entry.deprecated ? "true" : "false"),
            ("user", entry.user.map(quoted) ?? "null"), ("token", entry.token.map { quoted(mask($0)) } ?? "null"),
            ("durationMs", String(format: "%.3f", entry.durationMs)),
        ]
        if entry.fault != nil { object.append(("fault", entry.fault.map(quoted) ?? "null")) }
        return "{" + object.map { "\(quoted($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    /// `5c0b…` for `5c0b2f4e-…`.
    static func mask(_ token: String) -> String {
        token.count <= 4 ? "…" : String(token.prefix(4)) + "…"
    }

    private static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}
