import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// The fault listing in pages: `GET /__control/faults?limit=&after=`, its `Link` header, and
/// `faults(limit:after:)` in Swift; live and spent faults together, in the order added.
@Suite("Control: paged fault listing")
struct FaultPagingTests {
    /// Adds `f1`…`f6`; `f1`, `f3` and `f5` are spent by one request each, the others stay live.
    private func addLiveAndSpent(_ stub: AuthStubServer, _ control: any AuthStubControl) async throws {
        for number in 1...6 {
            if number.isMultiple(of: 2) {
                try await control.addFault(.status(503), match: FaultMatch(path: "/kept"))
            } else {
                try await control.addFault(.status(503), match: FaultMatch(path: "/spent/\(number)"), times: 1)
            }
        }
        for number in [1, 3, 5] { _ = try await stub.send("GET", "/spent/\(number)") }
    }

    @Test("faults in pages of 2 across live and spent ones, after the last id of the page before", arguments: ControlTransport.allCases)
    func faultPages(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            try await addLiveAndSpent(stub, control)
            var pages: [FaultPage] = []
            var after: String?
            repeat {
                let page = try await control.faults(limit: 2, after: after)
                pages.append(page)
                after = page.next
            } while after != nil
            #expect(pages.map { $0.faults.map(\.id) } == [["f1", "f2"], ["f3", "f4"], ["f5", "f6"]])
            #expect(pages.map(\.next) == ["f2", "f4", nil])
            #expect(pages.flatMap(\.faults).map(\.remaining) == [0, nil, 0, nil, 0, nil])

            #expect(try await control.faults(limit: 2, after: "f3").faults.map(\.id) == ["f4", "f5"], "after a spent fault")
            #expect(try await control.faults(limit: nil, after: "f4").faults.map(\.id) == ["f5", "f6"])
            #expect(try await control.faults().map(\.id) == ["f1", "f2", "f3", "f4", "f5", "f6"])

            try await control.removeFault(id: "f2")
            let afterRemoval = try await control.faults(limit: 2, after: "f1")
            #expect(afterRemoval.faults.map(\.id) == ["f3", "f4"])
            #expect(afterRemoval.next == "f4")
            for after in ["f2", "f99", "2", "f02"] {
                do {
                    _ = try await control.faults(limit: 2, after: after)
                    Issue.record("after \(after) is refused")
                } catch let error as ControlError {
                    #expect(error.status == 400 && error.field == "after")
                }
            }
        }
    }

    @Test("GET /__control/faults pages with an RFC 8288 Link header; without limit, every fault")
    func faultLinkHeader() async throws {
        try await withStub { stub in
            for _ in 1...3 { try await stub.addFault(.status(503), match: FaultMatch(path: "/kept")) }
            let first = try await stub.controlRawSend("GET", "/__control/faults?limit=2")
            #expect(first.status == 200)
            #expect(first.header("Link") == "</__control/faults?limit=2&after=f2>; rel=\"next\"")
            #expect(first.json?["next"] as? String == "f2")
            #expect((first.json?["faults"] as? [[String: Any]])?.map { $0["id"] as? String } == ["f1", "f2"])

            let last = try await stub.controlRawSend("GET", "/__control/faults?limit=2&after=f2")
            #expect(last.header("Link") == nil)
            #expect(last.json?["next"] is NSNull)
            #expect((last.json?["faults"] as? [[String: Any]])?.map { $0["id"] as? String } == ["f3"])

            let whole = try await stub.controlRawSend("GET", "/__control/faults")
            #expect(whole.header("Link") == nil, "no limit: every fault, one page")
            #expect((whole.json?["faults"] as? [[String: Any]])?.map { $0["id"] as? String } == ["f1", "f2", "f3"])
        }
    }

    @Test(
        "bad fault paging parameters are 400s naming them",
        arguments: ["limit=0", "limit=-1", "limit=many", "after=f99", "after=17", "after=f01", "after=f1x"]
    )
    func badFaultPaging(query: String) async throws {
        try await withStub { stub in
            try await stub.addFault(.status(503), match: FaultMatch(path: "/kept"))
            let response = try await stub.controlRawSend("GET", "/__control/faults?\(query)")
            #expect(response.status == 400)
            #expect(response.json?["field"] as? String == String(query.prefix { $0 != "=" }))
        }
    }

    @Test("30,000 faults listed over a socket in pages of 1,000, following the Link headers: every id once, in the order added")
    func largeListing() async throws {
        try await withStub { stub in
            // Enough for 30 pages; 200,000 took 92 s in a parallel run, holding pool threads that
            // the servers of other tests need.
            let count = 30_000
            for _ in 1...count { try await stub.addFault(.status(503), match: FaultMatch(path: "/kept")) }
            var ids: [String] = []
            var next: String? = "/__control/faults?limit=1000"
            while let path = next {
                let page = try await stub.controlRawSend("GET", path)
                let faults = try #require(page.json?["faults"] as? [[String: Any]])
                #expect(faults.count == 1_000)
                ids += faults.compactMap { $0["id"] as? String }
                next = page.header("Link").map { String($0.dropFirst().prefix { $0 != ">" }) }
            }
            #expect(ids == (1...count).map { "f\($0)" })
        }
    }
}
