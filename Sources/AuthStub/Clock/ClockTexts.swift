import StubHTTP

/// The texts of one server-clock second, made once for every answer within it: the RFC 3339
/// timestamp (`{{now}}`, error templates) and the HTTP `Date` field value. Kept in the engine's
/// state and read under its lock, which the decision holds anyway.
struct ClockTexts: Sendable {
    /// The second these texts are for; `Int64.min` before the first answer.
    private var second = Int64.min
    /// `2026-11-23T10:00:00+00:00`.
    private(set) var timestamp = ""
    /// `Mon, 23 Nov 2026 10:00:00 GMT`.
    private(set) var httpDate = ""

    /// The texts of the second holding `milliseconds` (server clock), made when the second changed.
    mutating func texts(at milliseconds: Int64) -> (timestamp: String, httpDate: String) {
        let now = milliseconds / 1000
        if now != second {
            second = now
            timestamp = RFC3339.string(epochSeconds: Int(now))
            httpDate = HTTPDate.string(epochSeconds: Int(now))
        }
        return (timestamp, httpDate)
    }
}
