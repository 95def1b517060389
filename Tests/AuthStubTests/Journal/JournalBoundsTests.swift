import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// The journal's bounds through a real socket: bytes as well as entries, values cut to the
/// per-entry cap with a marker, and what `reset` and `clearRequests` forget.
@Suite("Journal: bounded in entries and bytes")
struct JournalBoundsTests {
    /// 1 MiB of JSON, as a web page's no-preflight `text/plain` POST could send.
    static let mebibyteBody = "{\"pad\":\"" + String(repeating: "a", count: 1024 * 1024 - 10) + "\"}"

    /// Sends `count` POSTs of `body` to a path no fixture serves, eight at a time.
    static func post(_ body: String, count: Int, to stub: AuthStubServer) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                if index >= 8 { try await group.next() }
                group.addTask {
                    let response = try await stub.send("POST", "/upload", headers: ["Content-Type": "text/plain"], body: body)
                    #expect(response.status == 404)
                }
            }
            try await group.waitForAll()
        }
    }

    @Test("300 POSTs of 1 MiB: each body cut to the 16 KiB cap with a marker, the journal far within its byte budget")
    func mebibytePosts() async throws {
        try await withStub { stub in
            try await Self.post(Self.mebibyteBody, count: 300, to: stub)
            let status = try await stub.status()
            #expect(status.journal.entries == 300)
            #expect(status.journal.truncated == 300)
            #expect(status.journal.bytes <= 300 * (16 * 1024 + 2048), "\(status.journal)")
            #expect(status.journal.bytes <= status.journal.byteLimit)

            let page = try await stub.requests(JournalFilter(), limit: nil, after: nil)
            #expect(page.truncated == 300)
            for entry in page.entries {
                #expect(entry.truncated)
                #expect(entry.body.hasSuffix("…[cut by the journal: 1048576 bytes sent]"))
                #expect(entry.body.utf8.count <= 16 * 1024 + 64)
            }

            // The whole listing over HTTP is bounded by the budget, not by what was sent.
            let listing = try await stub.controlRawSend("GET", "/__control/requests")
            #expect(listing.status == 200)
            #expect(listing.body.count < 8 * 1024 * 1024, "\(listing.body.count) bytes")
        }
    }

    @Test("a byte budget smaller than the traffic drops the oldest entries, counts them, and stays within it")
    func byteBudgetDrops() async throws {
        var options = AuthStubServer.Options()
        options.journalBytes = 256 * 1024
        try await withStub(options) { stub in
            try await Self.post(Self.mebibyteBody, count: 40, to: stub)
            let status = try await stub.status()
            #expect(status.journal.bytes <= 256 * 1024)
            #expect(status.journal.dropped > 0)
            #expect(status.journal.entries + status.journal.dropped == 40)
            #expect(status.journal.lastID == 40)
            let page = try await stub.requests(JournalFilter(), limit: nil, after: nil)
            #expect(page.dropped == status.journal.dropped)
            #expect(page.entries.map(\.id) == Array((40 - status.journal.entries + 1)...40), "the newest are kept, ids consecutive")
        }
    }

    @Test("header values share the per-entry cap with the body: a long one is cut and marked")
    func headerValuesCut() async throws {
        var options = AuthStubServer.Options()
        options.journalEntryBytes = 1024
        try await withStub(options) { stub in
            let long = String(repeating: "b", count: 4000)
            _ = try await stub.send("GET", "/nowhere", headers: ["X-Long": long])
            let entry = try #require(try await stub.requests().last)
            let shown = try #require(entry.headers.first { $0.name.lowercased() == "x-long" }?.value)
            #expect(entry.truncated)
            #expect(shown.hasSuffix("…[cut by the journal: 4000 bytes sent]"))
            #expect(shown.utf8.count < 1100)
        }
    }

    @Test("a cut never splits a character: the kept text is valid UTF-8 up to the marker")
    func cutAtCharacterBoundary() async throws {
        var options = AuthStubServer.Options()
        options.journalEntryBytes = 0
        try await withStub(options) { stub in
            _ = try await stub.send("POST", "/upload", headers: ["Content-Type": "text/plain"], body: "ééééé")
            let entry = try #require(try await stub.requests().last)
            #expect(entry.body == "…[cut by the journal: 10 bytes sent]")
        }
        var limits = JournalLimits(entryBytes: 3)
        var entry = JournalEntry.sample(method: "POST", path: "/", body: "ééé")
        limits.cut(&entry, bodySent: 6)
        #expect(entry.body == "é…[cut by the journal: 6 bytes sent]")
        limits = JournalLimits(entryBytes: 6)
        entry.body = "ééé"
        entry.truncated = false
        limits.cut(&entry, bodySent: 6)
        #expect(entry.body == "ééé" && !entry.truncated)
        #expect(limits.keptBody(Array("aééé".utf8)) == "aéé", "7 bytes cut at 6 would split the third é")
    }

    @Test("a body over the cap is cut before its secrets are hidden: a cut JSON body naming a password is hidden whole")
    func cutBeforeRedaction() async throws {
        try await withStub { stub in
            let body = #"{"username":"user","password":"hunter2","pad":""# + String(repeating: "p", count: 20_000) + #""}"#
            _ = try await stub.send("POST", "/m2m/v1/auth/login", headers: ["Content-Type": "application/json"], body: body)
            let entry = try #require(try await stub.requests().last)
            #expect(entry.body == "[redacted]…[cut by the journal: \(body.utf8.count) bytes sent]")
            #expect(entry.truncated)
        }
    }

    @Test("reset and clearRequests forget entries, bytes and the counts of drops and cuts", arguments: ControlTransport.allCases)
    func resetForgetsCounts(transport: ControlTransport) async throws {
        var options = AuthStubServer.Options()
        options.journalCapacity = 2
        options.journalEntryBytes = 16
        try await withControl(transport, options) { stub, control async throws in
            for _ in 0..<3 { _ = try await stub.send("POST", "/upload", body: String(repeating: "x", count: 100)) }
            var journal = try await control.status().journal
            #expect([journal.entries, journal.dropped, journal.truncated] as [Int] == [2, 1, 3])

            try await control.clearRequests()
            journal = try await control.status().journal
            #expect([journal.entries, journal.dropped, journal.truncated, journal.bytes] as [Int] == [0, 0, 0, 0])
            #expect(journal.lastID == 3, "ids go on counting up after a clear")

            _ = try await stub.send("POST", "/upload", body: String(repeating: "x", count: 100))
            try await control.reset()
            journal = try await control.status().journal
            #expect([journal.entries, journal.dropped, journal.truncated, journal.bytes, journal.lastID] as [Int] == [0, 0, 0, 0, 0])
            let page = try await control.requests(JournalFilter(), limit: nil, after: nil)
            #expect(page == JournalPage(entries: [], dropped: 0, truncated: 0, next: nil))
        }
    }
}
