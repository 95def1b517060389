import StubHTTP

/// RFC 3339 timestamps with a numeric offset, the form the seed documents use
/// (`2026-11-23T10:00:00+00:00`).
///
/// Formatted by hand from `gmtime_r`: Foundation's `ISO8601DateFormatter` opens time-zone files,
/// and it traps when the process has no free file descriptor, which would kill the host test
/// process exactly when it is under stress.
enum RFC3339 {
    /// The UTC timestamp for a number of seconds since the Unix epoch.
    static func string(epochSeconds: Int) -> String {
        let t = utcComponents(epochSeconds: epochSeconds)
        return "\(pad(t.year, 4))-\(pad(t.month, 2))-\(pad(t.day, 2))T\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2))+00:00"
    }

    /// The UTC timestamp for milliseconds since the Unix epoch, with `.mmm` when they are not
    /// whole seconds (`2026-11-23T10:00:00.250+00:00`).
    static func string(milliseconds: Int64) -> String {
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let whole = fraction < 0 ? seconds - 1 : seconds
        let rest = fraction < 0 ? fraction + 1000 : fraction
        let text = string(epochSeconds: Int(whole))
        guard rest != 0 else { return text }
        return String(text.dropLast(6)) + "." + pad(Int(rest), 3) + "+00:00"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
