import AuthStub
import Foundation
import StubHTTP

/// One console line per API request. Tokens are shown by their first four characters only;
/// request bodies (which hold passwords) are never printed.
enum RequestLogLine {
    static func format(_ entry: JournalEntry, as format: LogFormat, palette: ConsolePalette = .plain) -> String {
        switch format {
        case .text: text(entry, palette: palette)
        case .json: json(entry)
        }
    }

    /// `--log-format text`; `palette` colours the status, refusals, faults and deprecations.
    static func text(_ entry: JournalEntry, palette: ConsolePalette = .plain) -> String {
        let time = entry.timeText.dropFirst(11).prefix(8)
        var parts = [
            palette.dim(String(time)) + " \(entry.method) \(entry.path)",
            palette.status(entry.status?.description ?? "---", code: entry.status),
        ]
        if let fault = entry.fault { parts.append(palette.fault("fault \(fault)")) }
        if let proxiedTo = entry.proxiedTo { parts.append("→ proxied \(proxiedTo)") }
        if let reason = entry.reason {
            // A fault's reason says what the fault did, a forward's why the upstream gave no
            // answer; other reasons say why a request was refused.
            parts.append(entry.fault == nil && entry.proxiedTo == nil ? palette.refusal("refused: \(reason)") : reason)
        } else if let fixture = entry.fixture {
            parts.append(fixture)
        }
        if entry.deprecated { parts.append(palette.deprecated("[DEPRECATED]")) }
        if let user = entry.user { parts.append("user=\(user)") }
        if let token = entry.token { parts.append("token=\(Redaction.shortened(token))") }
        parts.append(DurationText.milliseconds(entry.duration, decimals: 1) + " ms")
        return parts.joined(separator: " ")
    }

    static func json(_ entry: JournalEntry) -> String {
        var object: JSONObject = [
            "time": .string(entry.timeText), "method": .string(entry.method.rawValue), "path": .string(entry.path),
            "status": entry.status.map { .int($0.code) } ?? .null,
            "fixture": entry.fixture.map(JSONValue.string) ?? .null,
            "reason": entry.reason.map(JSONValue.string) ?? .null,
            "deprecated": .bool(entry.deprecated),
            "user": entry.user.map(JSONValue.string) ?? .null,
            "token": entry.token.map { .string(Redaction.shortened($0)) } ?? .null,
            "durationMs": .number(DurationText.milliseconds(entry.duration, decimals: 3)),
        ]
        if let fault = entry.fault { object["fault"] = .string(fault) }
        if let proxiedTo = entry.proxiedTo { object["proxiedTo"] = .string(proxiedTo) }
        return JSONValue.object(object).serialized()
    }
}
