import Foundation
import Testing

@testable import AuthStub

@Suite("Durations as text")
struct DurationTextTests {
    @Test(
        "Durations parse to milliseconds",
        arguments: [
            ("8h", 28_800_000 as Int64),
            ("90s", 90_000),
            ("15m", 900_000),
            ("1h30m", 5_400_000),
            ("2d", 172_800_000),
            ("500ms", 500),
            ("1h0m30s", 3_630_000),
            ("1d2h3m4s5ms", 93_784_005),
            ("0s", 0),
            ("0ms", 0),
            ("08h", 28_800_000),
            ("1s1ms", 1_001),
            ("1m1ms", 60_001),
            ("2d12h", 216_000_000),
            ("999999999ms", 999_999_999),
            ("999999999d", 86_399_999_913_600_000),
            ("999999999d999999999h999999999m999999999s999999999ms", 90_061_000_909_938_999),
        ]
    )
    func parses(text: String, milliseconds: Int64) {
        #expect(DurationText.milliseconds(text) == milliseconds)
    }

    @Test(
        "Anything else is nil",
        arguments: [
            "", "8", "h", "ms", "1.5h", "-1h", "+1h", "1m1h", "1s1m", "1ms1s", "1h1h", "1d1d", " 8h", "8h ", "8 h", "8H", "8Ms",
            "1000000000s", "0000000001s", "1hh", "1h30", "1x", "1µs", "1us", "1w", "1y", "1hm", "h1", "1h-30m", "1_000s",
            "\u{0663}h", "１h", "8h\u{0}", "1h,30m", "99999999999999999999999h",
        ]
    )
    func rejects(text: String) {
        #expect(DurationText.milliseconds(text) == nil)
    }

    @Test("Very long input is rejected, not trapped on")
    func longInput() {
        #expect(DurationText.milliseconds(String(repeating: "9", count: 100_000) + "h") == nil)
        #expect(DurationText.milliseconds(String(repeating: "1h", count: 10_000)) == nil)
    }

    @Test(
        "Compact text uses hours, minutes and seconds, leaving out zero parts",
        arguments: [
            (28_800 as Int64, "8h"),
            (5_400, "1h30m"),
            (90, "1m30s"),
            (0, "0s"),
            (59, "59s"),
            (60, "1m"),
            (3_601, "1h1s"),
            (3_661, "1h1m1s"),
            (86_400, "24h"),
            (90_000, "25h"),
            (-90, "-1m30s"),
            (-28_800, "-8h"),
            (Int64.max, "2562047788015215h30m7s"),
            (Int64.min, "-2562047788015215h30m8s"),
        ]
    )
    func compact(seconds: Int64, expected: String) {
        #expect(DurationText.compact(seconds: seconds) == expected)
    }

    @Test(
        "Compact text parses back to the same duration",
        arguments: [0 as Int64, 1, 59, 60, 61, 3_599, 3_600, 5_400, 28_800, 90_061, 3_599_999_999]
    )
    func compactRoundTrip(seconds: Int64) {
        #expect(DurationText.milliseconds(DurationText.compact(seconds: seconds)) == seconds * 1_000)
    }

    @Test(
        "Hours and minutes drop the seconds",
        arguments: [
            (28_800 as Int64, "8h0m"),
            (28_799, "7h59m"),
            (300, "0h5m"),
            (59, "0h0m"),
            (0, "0h0m"),
            (3_660, "1h1m"),
            (90_000, "25h0m"),
            (-3_660, "-1h1m"),
            (-59, "0h0m"),
            (Int64.max, "2562047788015215h30m"),
            (Int64.min, "-2562047788015215h30m"),
        ]
    )
    func hoursMinutes(seconds: Int64, expected: String) {
        #expect(DurationText.hoursMinutes(seconds: seconds) == expected)
    }

    @Test(
        "Milliseconds with decimals, rounded half up, as the request log prints them (printf's %.Nf did before)",
        arguments: [
            (Duration.microseconds(449), 1, "0.4"),
            (.microseconds(450), 1, "0.5"),
            (.zero, 1, "0.0"),
            (.microseconds(12_345), 3, "12.345"),
            (.nanoseconds(12_345_600), 3, "12.346"),
            (.seconds(2), 1, "2000.0"),
            (.milliseconds(7), 0, "7"),
            (.seconds(Int64.max), 3, "9223372036854775.807"),
            (.microseconds(-1_260), 1, "-1.3"),
        ]
    )
    func millisecondsWithDecimals(duration: Duration, decimals: Int, expected: String) {
        #expect(DurationText.milliseconds(duration, decimals: decimals) == expected)
        if duration < .seconds(1000) {
            #expect(expected == String(format: "%.\(decimals)f", duration / .milliseconds(1)) || duration == .microseconds(450))
        }
    }

}
