import Foundation
import Testing

@testable import AuthStub

/// The request journal through the control operations: filters, count, clear, and that control
/// requests never appear in it.
@Suite("Control: request journal")
struct ControlJournalTests {
    /// Makes six API requests of every sort:
    /// 1 wice login (201), 2 deprecated POST logout (201), 3 GET /nowhere (404, unmatched),
    /// 4 usertoken login (200), 5 bump hit by fault f1 (503), 6 bump (200).
    static func makeTraffic(_ stub: AuthStubServer, _ control: any AuthStubControl) async throws {
        let wice = try await stub.wiceLogin()
        #expect(try await stub.send("POST", "/v1/auth/logout", headers: ["auth-token": wice, "Accept": "application/json"]).status == 201)
        #expect(try await stub.send("GET", "/nowhere").status == 404)
        let token = try await stub.userTokenLogin()
        try await control.addFault(.status(503), match: FaultMatch(path: "/auth/bump"), times: 1)
        #expect(try await stub.controlBump(token).status == 503)
        #expect(try await stub.controlBump(token).status == 200)
    }

    /// A filter, and the ids of the entries it lets through.
    struct Case: Sendable, CustomTestStringConvertible {
        let filter: JournalFilter
        let ids: [Int]
        var testDescription: String { "\(filter)" }
    }

    static let cases: [Case] = [
        Case(filter: JournalFilter(), ids: [1, 2, 3, 4, 5, 6]),
        Case(filter: JournalFilter(method: "POST"), ids: [1, 2, 4, 5, 6]),
        Case(filter: JournalFilter(method: "get"), ids: [3]),
        Case(filter: JournalFilter(path: "/m2m/v1/auth/login"), ids: [1]),
        Case(filter: JournalFilter(path: "/v1/auth/logout"), ids: [2]),
        Case(filter: JournalFilter(path: "/m2m/v1/auth"), ids: []),
        Case(filter: JournalFilter(path: "/m2m/*"), ids: [1]),
        Case(filter: JournalFilter(path: "*/login"), ids: [1, 4]),
        Case(filter: JournalFilter(path: "/auth/*"), ids: [4, 5, 6]),
        Case(filter: JournalFilter(path: "*"), ids: [1, 2, 3, 4, 5, 6]),
        Case(filter: JournalFilter(service: "wice"), ids: [1, 2]),
        Case(filter: JournalFilter(service: "usertoken"), ids: [4, 5, 6]),
        Case(filter: JournalFilter(status: 201), ids: [1, 2]),
        Case(filter: JournalFilter(status: 503), ids: [5]),
        Case(filter: JournalFilter(deprecated: true), ids: [2]),
        Case(filter: JournalFilter(deprecated: false), ids: [1, 3, 4, 5, 6]),
        Case(filter: JournalFilter(unmatched: true), ids: [3]),
        Case(filter: JournalFilter(unmatched: false), ids: [1, 2, 4, 5, 6]),
        Case(filter: JournalFilter(fault: true), ids: [5]),
        Case(filter: JournalFilter(fault: false), ids: [1, 2, 3, 4, 6]),
        Case(filter: JournalFilter(method: "POST", path: "/auth/bump", status: 200), ids: [6]),
        Case(filter: JournalFilter(service: "wice", deprecated: true, fault: true), ids: []),
    ]

    @Test("filters list the matching entries, oldest first, and count agrees", arguments: ControlTransport.allCases, Self.cases)
    func filters(transport: ControlTransport, testCase: Case) async throws {
        try await withControl(transport) { stub, control async throws in
            try await Self.makeTraffic(stub, control)
            let entries = try await control.requests(testCase.filter)
            #expect(entries.map(\.id) == testCase.ids)
            #expect(try await control.countRequests(testCase.filter) == testCase.ids.count)
        }
    }

    @Test("entries carry what happened: status, service, fixture, fault, deprecated, reason", arguments: ControlTransport.allCases)
    func entryContent(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            try await Self.makeTraffic(stub, control)
            let entries = try await control.requests()
            #expect(entries == stub.journal, "the control API reports the journal as it is")
            #expect(entries.map(\.status) == [201, 201, 404, 200, 503, 200])
            #expect(entries.map(\.fault) == [nil, nil, nil, nil, "f1", nil])
            #expect(entries[0].fixture == "wice/login#status-message")
            #expect(entries[1].deprecated)
            #expect(entries[2].fixture == nil)
            #expect(entries[2].service == nil)
            #expect(entries[4].reason?.contains("f1") == true)
        }
    }

    @Test("clear empties the journal; later requests are journaled again", arguments: ControlTransport.allCases)
    func clear(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            try await Self.makeTraffic(stub, control)
            try await control.clearRequests()
            #expect(try await control.requests().isEmpty)
            #expect(try await control.countRequests(JournalFilter()) == 0)
            #expect(try await control.status().journal.entries == 0)
            _ = try await stub.wiceLogin()
            let after = try await control.requests()
            #expect(after.map(\.path) == ["/m2m/v1/auth/login"])
        }
    }

    @Test("control requests are never journaled", arguments: ControlTransport.allCases)
    func controlNotJournaled(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let token = try await stub.wiceLogin()
            _ = try await control.status()
            _ = try await control.tokens()
            _ = try await control.setToken(token, enabled: true)
            try await control.addFault(.status(500), match: FaultMatch(path: "/nowhere"))
            _ = try await control.faults()
            _ = try await control.clock()
            try await control.advanceClock(by: .seconds(1))
            _ = try await control.deprecations()
            _ = try await control.fixtureSummaries()
            _ = try await control.users()
            _ = try await control.requests()
            _ = try await control.countRequests(JournalFilter())
            _ = try? await control.removeFault(id: "f42")
            _ = try await control.mintToken(service: "wice")

            let entries = try await control.requests()
            #expect(entries.map(\.path) == ["/m2m/v1/auth/login"])
            #expect(try await control.status().journal.entries == 1)
            #expect(stub.journal.count == 1)
        }
    }
}
