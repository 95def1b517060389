import Foundation
import Testing

@testable import AuthStub

/// The journal's chunked storage on its own: drops narrow the oldest chunk, snapshots taken
/// earlier stay as they were, and the counts follow.
@Suite("Journal: chunked storage")
struct JournalStorageTests {
    @Test(
        "1,000 appends to a journal of 100 entries (not a multiple of the chunk size) keep the newest 100 in order; an earlier snapshot is untouched"
    )
    func dropsOldestAcrossChunks() {
        var journal = Journal(limits: JournalLimits(entries: 100))
        var midway: JournalSnapshot?
        for index in 1...1_000 {
            var entry = JournalEntry.sample(path: "/\(index)")
            _ = journal.append(&entry)
            #expect(entry.id == index)
            if index == 500 { midway = journal.snapshot }
        }
        #expect(journal.count == 100 && journal.droppedCount == 900 && journal.lastID == 1_000)
        #expect(journal.snapshot.entries.map(\.id) == Array(901...1_000))
        #expect(journal.snapshot.entries.map(\.path) == (901...1_000).map { "/\($0)" })
        #expect(midway?.entries.map(\.id) == Array(401...500))
        let page = journal.snapshot.page(JournalFilter(), limit: 10, after: 950)
        #expect(page.entries.map(\.id) == Array(951...960) && page.next == 960)
    }

    @Test("a byte budget drops as many of the oldest as the newest entry needs, and the bytes held fall with them")
    func dropsByBytes() {
        let size = JournalEntry.sample(path: "/a").storedBytes
        var journal = Journal(limits: JournalLimits(entries: 10_000, bytes: size * 130))
        for index in 1...1_000 {
            var entry = JournalEntry.sample(path: "/a")
            _ = journal.append(&entry)
            #expect(journal.bytes <= size * 130, "over budget after \(index)")
        }
        #expect(journal.count == 130 && journal.bytes == size * 130)
        #expect(journal.snapshot.entries.map(\.id) == Array(871...1_000))
    }
}

extension JournalEntry {
    /// An entry with nothing but a method, a path and a body, for tests of the journal itself.
    static func sample(method: HTTPMethod = "GET", path: String, body: String = "") -> JournalEntry {
        JournalEntry(
            id: 0,
            time: Date(timeIntervalSince1970: 0),
            method: method,
            path: path,
            query: nil,
            headers: [],
            body: body,
            status: nil,
            service: nil,
            fixture: nil,
            fault: nil,
            deprecated: false,
            duration: .zero,
            reason: nil,
            user: nil,
            token: nil
        )
    }
}
