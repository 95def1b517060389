/// A `Retry-After` value (RFC 9110 §10.2.3): a number of seconds, or an IMF-fixdate such as
/// `Wed, 21 Oct 2026 07:28:00 GMT`.
enum RetryAfter {
    /// Server-clock milliseconds before which the client should not call again, for a value
    /// sent at `now`; nil for a value that is neither form.
    static func deadline(_ value: String, sentAt now: Int64) -> Int64? {
        let text = value.trimmingSpaces()
        if !text.isEmpty, text.utf8.count <= 10, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let seconds = Int64(text)
        {
            return now &+ seconds * 1000
        }
        return date(text)
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sun, 06 Nov 1994 08:49:37 GMT` as milliseconds since the epoch, read through the RFC
    /// 3339 reader (`1994-11-06T08:49:37Z`).
    private static func date(_ text: String) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT", parts[1].utf8.count == 2, parts[3].utf8.count == 4,
            let month = months.firstIndex(of: String(parts[2]))
        else { return nil }
        let monthText = month < 9 ? "0\(month + 1)" : "\(month + 1)"
        return RFC3339.milliseconds(from: "\(parts[3])-\(monthText)-\(parts[1])T\(parts[4])Z")
    }
}
