import Foundation
import Testing

@testable import AuthStub

/// A journal entry written by the control API and read back by `ControlClient` is the entry
/// itself, to the nanosecond of its duration.
@Suite("Journal: entries through the control API's JSON")
struct JournalJSONTests {
    static func entry(lasting duration: Duration) -> JournalEntry {
        JournalEntry(
            id: 7,
            time: Date(timeIntervalSince1970: 1_780_000_000),
            method: "POST",
            path: "/v1/auth/login",
            query: nil,
            headers: [HTTPHeaderField("Content-Type", "application/json")],
            body: "{}",
            status: 201,
            service: "wice",
            fixture: "wice/login#status-message",
            fault: nil,
            deprecated: false,
            duration: duration,
            reason: nil,
            user: "user",
            token: nil
        )
    }

    // 23.604213 ms is one of the durations `Duration.milliseconds(Double)` reads back 2
    // attoseconds long; a loaded machine's requests last that long.
    @Test(
        "durations written as fractional milliseconds read back exactly",
        arguments: [Duration.zero, .nanoseconds(389_868), .nanoseconds(11_221_063), .nanoseconds(23_604_213), .seconds(75) + .nanoseconds(1)]
    )
    func durationRoundTrip(duration: Duration) throws {
        let entry = Self.entry(lasting: duration)
        let text = entry.json.serializedBytes()
        let read = try JournalEntry.decode(try JSONValue.parse(text), strict: false)
        #expect(read.duration == duration, "\(String(decoding: text, as: UTF8.self))")
        #expect(read == entry)
    }

    @Test("a duration no Int64 of nanoseconds holds is a 400-style complaint naming durationMs, not a trap")
    func hugeDuration() throws {
        var object = try #require(Self.entry(lasting: .zero).json.objectValue)
        object["durationMs"] = .number("1e300")
        #expect(throws: ControlError.self) { try JournalEntry.decode(.object(object), strict: false) }
    }
}
