extension RFC3339 {
    /// Milliseconds since the Unix epoch for an RFC 3339 `date-time`:
    /// `2019-07-29T23:59:59-05:00`, `2026-11-23T10:00:00Z`, `2026-11-23T10:00:00.123+00:00`.
    ///
    /// `T` and `Z` may be lower case; a fraction has 1-9 digits and is truncated to milliseconds;
    /// the offset is `Z` or `±hh:mm` up to 23:59. Years run 0000-9999 (proleptic Gregorian).
    /// Second 60 is accepted only where a leap second can fall (23:59:60 UTC on a month's last
    /// day) and reads as second 59 of that minute. Anything else is nil.
    static func milliseconds(from text: String) -> Int64? {
        let bytes = Array(text.utf8)
        // 19 for date and time, up to 10 for a fraction, up to 6 for the offset.
        guard bytes.count >= 20, bytes.count <= 35 else { return nil }

        func number(_ start: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for index in start..<(start + count) {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        func byte(_ index: Int, is options: UInt8...) -> Bool {
            options.contains(bytes[index])
        }

        // `YYYY-MM-DDTHH:MM:SS`: the length checked above covers every index read here.
        guard let year = number(0, 4), byte(4, is: 0x2D), let month = number(5, 2), byte(7, is: 0x2D),
            let day = number(8, 2), byte(10, is: 0x54, 0x74), let hour = number(11, 2), byte(13, is: 0x3A),
            let minute = number(14, 2), byte(16, is: 0x3A), let second = number(17, 2)
        else { return nil }
        guard month >= 1, month <= 12, day >= 1, day <= daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= 60
        else { return nil }

        var position = 19
        var fractionMilliseconds: Int64 = 0
        if bytes[position] == 0x2E {
            position += 1
            var digits = 0
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                if digits < 3 {
                    fractionMilliseconds = fractionMilliseconds * 10 + Int64(bytes[position] - 0x30)
                }
                digits += 1
                position += 1
            }
            guard digits >= 1, digits <= 9, position < bytes.count else { return nil }
            var scaled = digits
            while scaled < 3 {
                fractionMilliseconds *= 10
                scaled += 1
            }
        }

        // The offset runs to the end: `Z` alone, or `±hh:mm`.
        let offsetSeconds: Int64
        let remaining = bytes.count - position
        if remaining == 1, byte(position, is: 0x5A, 0x7A) {
            offsetSeconds = 0
        } else if remaining == 6, byte(position, is: 0x2B, 0x2D), byte(position + 3, is: 0x3A),
            let offsetHours = number(position + 1, 2), let offsetMinutes = number(position + 4, 2),
            offsetHours <= 23, offsetMinutes <= 59
        {
            let magnitude = offsetHours * 3_600 + offsetMinutes * 60
            offsetSeconds = bytes[position] == 0x2D ? -magnitude : magnitude
        } else {
            return nil
        }

        // Every field is bounded by now, so none of the sums below can come near Int64's range.
        let days = daysSinceEpoch(year: year, month: month, day: day)
        var seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds
        if second == 60 {
            // A leap second ends a UTC day, so the instant one second on must be a UTC midnight,
            // and that midnight must begin a month. Relative to the local date it is the same
            // day (offset ahead of UTC) or the next one.
            guard seconds % 86_400 == 0 else { return nil }
            let nextDay = seconds / 86_400
            let beginsMonth = nextDay == days ? day == 1 : day == daysIn(month: month, year: year)
            guard beginsMonth else { return nil }
            seconds -= 1
        }
        return seconds * 1_000 + fractionMilliseconds
    }

    private static func isLeap(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// For a month already known to be 1-12.
    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a valid proleptic Gregorian date with a year 0-9999.
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        // Leap years in 0..<y (year 0 is one): ceil(y/4) - ceil(y/100) + ceil(y/400).
        func daysBefore(year y: Int64) -> Int64 {
            y * 365 + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400
        }
        var dayOfYear: Int64 = day - 1
        var earlier: Int64 = 1
        while earlier < month {
            dayOfYear += daysIn(month: earlier, year: year)
            earlier += 1
        }
        return daysBefore(year: year) + dayOfYear - daysBefore(year: 1970)
    }
}
