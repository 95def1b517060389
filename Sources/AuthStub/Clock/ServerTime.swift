import Foundation

/// The engine's one time type and its conversions. Inside the engine an instant on the server
/// clock is an `Int64` count of milliseconds since 1970-01-01T00:00:00Z (within
/// `VirtualClock.instants`), and a span is an `Int64` count of milliseconds; the public API
/// speaks `Date` and `Duration`. These are the only conversions between the two.
enum ServerTime {
    /// An instant as a `Date`.
    static func date(_ instant: Int64) -> Date {
        Date(timeIntervalSince1970: Double(instant) / 1000)
    }

    /// `date` rounded to the millisecond, or nil when it lies outside `VirtualClock.instants`
    /// (1970 to the end of 9999) or is not a finite time.
    static func instant(_ date: Date) -> Int64? {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        guard milliseconds.isFinite, milliseconds >= Double(VirtualClock.instants.lowerBound),
            milliseconds <= Double(VirtualClock.instants.upperBound)
        else { return nil }
        return Int64(milliseconds)
    }

    /// `date` as RFC 3339 text in UTC, with milliseconds when there are any. A date outside
    /// the clock's years is written as it is (the server refuses it, naming the field); one
    /// beyond any calendar (infinite, or past ±292 million years) is written as 1970.
    static func text(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let representable = milliseconds.isFinite && milliseconds > -9.2e18 && milliseconds < 9.2e18
        return RFC3339.string(milliseconds: representable ? Int64(milliseconds) : 0)
    }
}
