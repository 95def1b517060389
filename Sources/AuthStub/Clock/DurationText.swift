/// Durations written the way fixtures and messages write them: `8h`, `1h30m`, `500ms`.
package enum DurationText {
    /// The units in the order they must appear, with their length in milliseconds.
    private static let units: [(symbol: [UInt8], milliseconds: Int64)] = [
        (Array("d".utf8), 86_400_000),
        (Array("h".utf8), 3_600_000),
        (Array("m".utf8), 60_000),
        (Array("s".utf8), 1_000),
        (Array("ms".utf8), 1),
    ]

    /// `8h`, `90s`, `15m`, `1h30m`, `2d`, `500ms`, `1h0m30s` in milliseconds.
    ///
    /// One or more parts, each 1-9 ASCII digits then a unit (`d`, `h`, `m`, `s`, `ms`); every unit
    /// at most once and in that order. Anything else (empty text, a bare number, a sign, a
    /// fraction, a space, a unit out of order, upper case) is nil.
    package static func milliseconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        var position = 0
        var nextUnit = 0
        var total: Int64 = 0
        var sawPart = false
        while position < bytes.count {
            var number: Int64 = 0
            var digits = 0
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                guard digits < 9 else { return nil }
                number = number * 10 + Int64(bytes[position] - 0x30)
                digits += 1
                position += 1
            }
            guard digits > 0 else { return nil }
            // The longest unit symbol that matches here ("ms" before "m").
            var matched: (index: Int, length: Int)?
            for (index, unit) in units.enumerated() where index >= nextUnit {
                let symbolEnd = position + unit.symbol.count
                guard symbolEnd <= bytes.count, bytes[position..<symbolEnd].elementsEqual(unit.symbol) else { continue }
                if let current = matched, current.length >= unit.symbol.count { continue }
                matched = (index, unit.symbol.count)
            }
            guard let unit = matched else { return nil }
            let (part, partOverflow) = number.multipliedReportingOverflow(by: units[unit.index].milliseconds)
            guard !partOverflow else { return nil }
            let (sum, sumOverflow) = total.addingReportingOverflow(part)
            guard !sumOverflow else { return nil }
            total = sum
            position += unit.length
            nextUnit = unit.index + 1
            sawPart = true
        }
        return sawPart ? total : nil
    }

    /// Largest units first, hours at most (no days), zero parts left out: 28 800 is `8h`,
    /// 5 400 is `1h30m`, 90 000 is `25h`, 0 is `0s`. Negative durations get a `-`.
    static func compact(seconds: Int64) -> String {
        let magnitude = seconds.magnitude
        let hours = magnitude / 3_600
        let minutes = magnitude % 3_600 / 60
        let rest = magnitude % 60
        var text = seconds < 0 ? "-" : ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 || magnitude == 0 { text += "\(rest)s" }
        return text
    }

    /// Whole hours and minutes, seconds dropped: 28 800 is `8h0m`, 28 799 is `7h59m`, 59 is
    /// `0h0m`. Negative durations get a `-` unless they round to `0h0m`.
    static func hoursMinutes(seconds: Int64) -> String {
        let magnitude = seconds.magnitude
        let hours = magnitude / 3_600
        let minutes = magnitude % 3_600 / 60
        let sign = seconds < 0 && (hours > 0 || minutes > 0) ? "-" : ""
        return "\(sign)\(hours)h\(minutes)m"
    }

    /// `duration` in milliseconds with `decimals` (0-6) digits after the point, rounded half up:
    /// `0.4`, `12.345`. Integer arithmetic, for the request log's every line (Foundation's
    /// `String(format:)` cost it more than the rest of the line).
    package static func milliseconds(_ duration: Duration, decimals: Int) -> String {
        let places = min(max(decimals, 0), 6)
        var scale: Int64 = 1
        for _ in 0..<places { scale &*= 10 }
        let (seconds, attoseconds) = duration.components
        // Both parts carry the duration's sign: work in magnitudes, units of 10^-places ms,
        // rounded, capped at Int64.max units.
        let negative = seconds < 0 || attoseconds < 0
        let unit = UInt64(1_000_000_000_000_000 / scale)
        let fraction = (attoseconds.magnitude + unit / 2) / unit
        let (whole, overflow) = seconds.magnitude.multipliedReportingOverflow(by: UInt64(1000 &* scale))
        let (sum, carry) = whole.addingReportingOverflow(fraction)
        let magnitude = overflow || carry ? UInt64(Int64.max) : min(sum, UInt64(Int64.max))
        let sign = negative && magnitude > 0 ? "-" : ""
        let integer = String(magnitude / UInt64(scale))
        guard places > 0 else { return sign + integer }
        let digits = String(magnitude % UInt64(scale))
        return sign + integer + "." + String(repeating: "0", count: places - digits.count) + digits
    }

}
