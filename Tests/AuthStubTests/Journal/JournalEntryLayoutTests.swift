import Testing

@testable import AuthStub

/// A journal entry keeps its rarely set members out of line (`Uncommon`): they read and write
/// as plain members, copies stay independent, and an entry that sets none stays small.
@Suite("Journal: entries' rarely set members")
struct JournalEntryLayoutTests {
    @Test("set, read back, copied: a copy changed later leaves the first entry as it was")
    func valueSemantics() {
        var first = JournalEntry.sample(path: "/v1/auth/login")
        first.reason = "bad password"
        first.refusal = .badCredentials
        first.responseHeaders = [HTTPHeaderField("Retry-After", "2")]
        first.facts.pastSunset = true
        first.facts.ended.append(.token("0123456789abcdef"))

        var second = first
        second.reason = "gone"
        second.responseHeaders.append(HTTPHeaderField("Sunset", "Sat, 01 Jan 2028 00:00:00 GMT"))
        second.facts.ended.append(.family("f1"))

        #expect(first.reason == "bad password")
        #expect(first.refusal == .badCredentials)
        #expect(first.responseHeaders == [HTTPHeaderField("Retry-After", "2")])
        #expect(first.facts.pastSunset)
        #expect(first.facts.ended == [.token("0123456789abcdef")])
        #expect(second.reason == "gone")
        #expect(second.refusal == .badCredentials)
        #expect(second.responseHeaders.count == 2)
        #expect(second.facts.ended == [.token("0123456789abcdef"), .family("f1")])
        #expect(first != second)
    }

    @Test("members set and then put back to their defaults: equal to an entry that never set them")
    func backToDefaults() {
        let untouched = JournalEntry.sample(path: "/v1/auth/login")
        var entry = untouched
        entry.query = "a=1"
        entry.proxiedTo = "https://upstream.example/v1/auth/login"
        #expect(entry != untouched)
        entry.query = nil
        entry.proxiedTo = nil
        #expect(entry == untouched)
    }

    /// The journal holds 10,000 entries by default; before the rarely set members went out of
    /// line an entry took 544 bytes (on 64-bit platforms), 5.4 MB for a full journal.
    @Test("an entry takes at most 336 bytes of the journal's storage")
    func compact() {
        #expect(MemoryLayout<JournalEntry>.stride <= 336)
    }
}
