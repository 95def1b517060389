/// IMF-fixdate (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
package enum HTTPDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The date for a number of seconds since the Unix epoch.
    package static func string(epochSeconds: Int) -> String {
        let t = utcComponents(epochSeconds: epochSeconds)
        let weekday = weekdays.indices.contains(t.weekday) ? weekdays[t.weekday] : "Sun"
        let month = months.indices.contains(t.month - 1) ? months[t.month - 1] : "Jan"
        return "\(weekday), \(twoDigits(t.day)) \(month) \(t.year) \(twoDigits(t.hour)):\(twoDigits(t.minute)):\(twoDigits(t.second)) GMT"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
