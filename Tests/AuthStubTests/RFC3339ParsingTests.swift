import Testing

@testable import AuthStub

@Suite("RFC 3339 parsing")
struct RFC3339ParsingTests {
    @Test(
        "Valid timestamps give milliseconds since the epoch",
        arguments: [
            ("2018-07-29T11:59:29-05:00", 1_532_883_569_000 as Int64),
            ("2019-07-29T23:59:59-05:00", 1_564_462_799_000),
            ("2026-11-23T10:00:00Z", 1_795_428_000_000),
            ("2026-11-23T10:00:00+00:00", 1_795_428_000_000),
            ("2026-11-23T10:00:00-00:00", 1_795_428_000_000),
            ("2026-11-23t10:00:00z", 1_795_428_000_000),
            ("2026-11-23T10:00:00+23:59", 1_795_341_660_000),
            ("2026-11-23T10:00:00-23:59", 1_795_514_340_000),
            ("2019-07-29T23:59:59.123-05:00", 1_564_462_799_123),
            ("1970-01-01T00:00:00Z", 0),
            ("1970-01-01T00:00:00.001Z", 1),
            ("1970-01-01T00:00:00.1Z", 100),
            ("1970-01-01T00:00:00.12Z", 120),
            ("1970-01-01T00:00:00.9999Z", 999),
            ("1970-01-01T00:00:00.123456789Z", 123),
            ("1970-01-01T00:00:00.000000000+00:00", 0),
            ("1969-12-31T23:59:59Z", -1_000),
            ("1969-12-31T23:59:59.5Z", -500),
            ("1970-01-01T01:00:00+01:00", 0),
            ("1999-12-31T23:59:59Z", 946_684_799_000),
            ("2000-02-29T00:00:00Z", 951_782_400_000),
            ("2000-03-01T00:00:00Z", 951_868_800_000),
            ("2024-02-29T12:00:00Z", 1_709_208_000_000),
            ("2100-02-28T23:59:59Z", 4_107_542_399_000),
            ("2100-03-01T00:00:00Z", 4_107_542_400_000),
            ("0000-01-01T00:00:00Z", -62_167_219_200_000),
            ("0000-02-29T00:00:00Z", -62_162_121_600_000),
            ("9999-12-31T23:59:59.999Z", 253_402_300_799_999),
        ]
    )
    func parses(text: String, milliseconds: Int64) {
        #expect(RFC3339.milliseconds(from: text) == milliseconds)
    }

    @Test(
        "Second 60 reads as second 59 where a leap second can fall",
        arguments: [
            ("2016-12-31T23:59:60Z", 1_483_228_799_000 as Int64),
            ("2016-12-31T23:59:60.5Z", 1_483_228_799_500),
            ("2015-06-30T23:59:60Z", 1_435_708_799_000),
            ("1990-12-31T15:59:60-08:00", 662_687_999_000),
            ("2017-01-01T05:29:60+05:30", 1_483_228_799_000),
        ]
    )
    func leapSecond(text: String, milliseconds: Int64) {
        #expect(RFC3339.milliseconds(from: text) == milliseconds)
    }

    @Test(
        "Anything else is nil",
        arguments: [
            "", "2019-07-29", "2019-07-29T23:59:59", "2019-07-29 23:59:59Z", "2019-07-29T23:59Z", "2019-7-29T23:59:59Z",
            "19-07-29T23:59:59Z", "12019-07-29T23:59:59Z", "-2019-07-29T23:59:59Z", "+2019-07-29T23:59:59Z",
            // Calendar
            "2019-00-29T00:00:00Z", "2019-13-01T00:00:00Z", "2019-04-31T00:00:00Z", "2019-06-31T00:00:00Z", "2019-09-31T00:00:00Z",
            "2019-11-31T00:00:00Z", "2019-01-32T00:00:00Z", "2019-07-00T00:00:00Z", "2019-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z", "2000-02-30T00:00:00Z",
            // Clock
            "2019-07-29T24:00:00Z", "2019-07-29T23:60:00Z", "2019-07-29T23:59:61Z", "2019-07-29T99:99:99Z",
            // Leap seconds anywhere but 23:59:60 UTC at a month's end
            "2016-06-15T23:59:60Z", "2016-12-31T23:58:60Z", "2016-12-31T22:59:60Z", "2016-12-31T23:59:60+01:00",
            "2017-01-02T05:29:60+05:30",
            // Fractions
            "2019-07-29T23:59:59.Z", "2019-07-29T23:59:59.1234567890Z", "2019-07-29T23:59:59,5Z", "2019-07-29T23:59:59.5",
            "2019-07-29T23:59:59.-5Z",
            // Offsets
            "2019-07-29T23:59:59+24:00", "2019-07-29T23:59:59+00:60", "2019-07-29T23:59:59+0000", "2019-07-29T23:59:59+00",
            "2019-07-29T23:59:59+5:00", "2019-07-29T23:59:59 +00:00", "2019-07-29T23:59:59ZZ", "2019-07-29T23:59:59Z ",
            "2019-07-29T23:59:59UTC", "2019-07-29T23:59:59+00:00Z", "2019-07-29T23:59:59*00:00", "2019-07-29T23:59:59+00-00",
            // Characters
            " 2019-07-29T23:59:59Z", "2019/07/29T23:59:59Z", "2019-07-29X23:59:59Z", "2019-07-29T23.59.59Z", "２０１９-07-29T23:59:59Z",
            "2019-07-29T23:59:5\u{0663}Z", "2019-07-29T23:59:59\u{0}", "2019-07-29T23:59:59+0\u{0}:00",
        ]
    )
    func rejects(text: String) {
        #expect(RFC3339.milliseconds(from: text) == nil)
    }

    @Test("Very long input is rejected")
    func longInput() {
        #expect(RFC3339.milliseconds(from: "2019-07-29T23:59:59." + String(repeating: "1", count: 10_000) + "Z") == nil)
        #expect(RFC3339.milliseconds(from: String(repeating: "2019-07-29T23:59:59Z", count: 100)) == nil)
    }

    @Test(
        "Every formatted instant parses back",
        arguments: [
            // (first, step, count) in seconds: a coarse sweep of the whole range, then every day around
            // the century leap-year rules, then every hour across two month ends.
            (0, 7 * 86_400 + 3_607, 36_000),
            (946_684_800 - 2 * 366 * 86_400, 86_400 + 1, 4 * 366),
            (4_102_444_800 - 366 * 86_400, 86_400 - 1, 3 * 366),
            (1_706_745_600, 3_600, 24 * 62),
            (253_402_300_799 - 86_400 * 400, 86_400 + 59, 400),
        ]
    )
    func roundTrip(first: Int, step: Int, count: Int) {
        for index in 0..<count {
            let seconds = first + index * step
            let text = RFC3339.string(epochSeconds: seconds)
            #expect(RFC3339.milliseconds(from: text) == Int64(seconds) * 1_000, "\(text)")
        }
    }

    @Test("An offset moves the instant by exactly its length")
    func offsets() {
        guard let utc = RFC3339.milliseconds(from: "2026-03-01T00:30:00Z") else {
            Issue.record("the UTC instant did not parse")
            return
        }
        for hours in 0...23 {
            for minutes in [0, 1, 30, 59] {
                let offset = "\(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes)"
                let length = Int64(hours * 3_600 + minutes * 60) * 1_000
                #expect(RFC3339.milliseconds(from: "2026-03-01T00:30:00+\(offset)") == utc - length)
                #expect(RFC3339.milliseconds(from: "2026-03-01T00:30:00-\(offset)") == utc + length)
            }
        }
    }
}
