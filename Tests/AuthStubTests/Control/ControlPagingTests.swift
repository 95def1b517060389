import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// Paged listings: `GET /__control/requests?limit=&after=` and `GET /__control/tokens?limit=&after=`,
/// the `Link: <…>; rel="next"` header, and the same pages in Swift.
@Suite("Control: paged listings")
struct ControlPagingTests {
    @Test("the journal in pages of 3: each page after the last id of the one before, next nil on the last", arguments: ControlTransport.allCases)
    func journalPages(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            for index in 1...7 { _ = try await stub.send("GET", "/nowhere/\(index)") }
            var seen: [Int] = []
            var after: Int?
            var pages = 0
            repeat {
                let page = try await control.requests(JournalFilter(), limit: 3, after: after)
                seen += page.entries.map(\.id)
                after = page.next
                pages += 1
                #expect(page.entries.count == (page.next == nil ? 1 : 3))
            } while after != nil
            #expect(seen == Array(1...7))
            #expect(pages == 3)

            let glob = try await control.requests(JournalFilter(path: "/nowhere/*"), limit: 2, after: 4)
            #expect(glob.entries.map(\.path) == ["/nowhere/5", "/nowhere/6"])
            #expect(glob.next == 6)
            #expect(try await control.requests(JournalFilter(), limit: nil, after: 7).entries.isEmpty)
        }
    }

    @Test("over HTTP, a page that is not the last says where the next starts in an RFC 8288 Link header")
    func journalLinkHeader() async throws {
        try await withStub { stub in
            for _ in 1...5 { _ = try await stub.send("GET", "/nowhere") }
            let first = try await stub.controlRawSend("GET", "/__control/requests?path=%2Fnowhere&limit=2")
            #expect(first.status == 200)
            #expect(first.header("Link") == "</__control/requests?path=%2Fnowhere&limit=2&after=2>; rel=\"next\"")
            #expect((first.json?["requests"] as? [Any])?.count == 2)
            #expect(first.json?["next"] as? Int == 2)

            let second = try await stub.controlRawSend("GET", "/__control/requests?path=%2Fnowhere&limit=2&after=2")
            #expect(second.header("Link") == "</__control/requests?path=%2Fnowhere&limit=2&after=4>; rel=\"next\"")
            let last = try await stub.controlRawSend("GET", "/__control/requests?path=%2Fnowhere&limit=2&after=4")
            #expect(last.header("Link") == nil)
            #expect(last.json?["next"] is NSNull)
            #expect((last.json?["requests"] as? [[String: Any]])?.map { $0["id"] as? Int } == [5])

            let whole = try await stub.controlRawSend("GET", "/__control/requests")
            #expect(whole.header("Link") == nil, "no limit: every entry, one page")
        }
    }

    @Test("bad paging parameters are 400s naming them", arguments: ["limit=0", "limit=-1", "limit=many", "after=abc"])
    func badJournalPaging(query: String) async throws {
        try await withStub { stub in
            let response = try await stub.controlRawSend("GET", "/__control/requests?\(query)")
            #expect(response.status == 400)
            #expect(response.json?["field"] as? String == String(query.prefix { $0 != "=" }))
        }
    }

    @Test("tokens in pages of 2, in issue order, after the last token of the page before", arguments: ControlTransport.allCases)
    func tokenPages(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            var minted: [String] = []
            for _ in 1...5 { minted.append(try await control.mintToken(service: "wice").token) }
            var seen: [String] = []
            var after: String?
            repeat {
                let page = try await control.tokens(limit: 2, after: after)
                seen += page.tokens.map(\.token)
                after = page.next
            } while after != nil
            #expect(seen == minted)
            #expect(try await control.tokens().map(\.token) == minted)

            do {
                _ = try await control.tokens(limit: 2, after: "no-such-token")
                Issue.record("an unknown after is refused")
            } catch let error as ControlError {
                #expect(error.status == 400 && error.field == "after")
            }
        }
    }

    @Test("GET /__control/tokens pages with a Link header; unknown parameters are 400s")
    func tokenLinkHeader() async throws {
        try await withStub { stub in
            var minted: [String] = []
            for _ in 1...3 { minted.append(try await stub.mintToken(service: "usertoken").token) }
            let first = try await stub.controlRawSend("GET", "/__control/tokens?limit=2")
            #expect(first.header("Link") == "</__control/tokens?limit=2&after=\(minted[1])>; rel=\"next\"")
            #expect(first.json?["next"] as? String == minted[1])
            let last = try await stub.controlRawSend("GET", "/__control/tokens?limit=2&after=\(minted[1])")
            #expect(last.header("Link") == nil)
            #expect((last.json?["tokens"] as? [[String: Any]])?.map { $0["token"] as? String } == [minted[2]])

            let unknown = try await stub.controlRawSend("GET", "/__control/tokens?state=active")
            #expect(unknown.status == 400)
            #expect(unknown.json?["field"] as? String == "state")
        }
    }
}
