import Foundation
import Testing

@testable import AuthStub

/// What an entry keeps for later checks, in Swift and over HTTP: the token's stable identity
/// and kind, the refusal that answered, and the response headers checks read.
@Suite("Journal: facts an entry keeps")
struct JournalEntryFactsTests {
    @Test("tokenID: one per token, the same on every entry that carried it, never the token itself", arguments: ControlTransport.allCases)
    func tokenIdentity(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let first = try await stub.userTokenLogin()
            let second = try await stub.userTokenLogin()
            #expect(try await stub.controlBump(first).status == 200)
            #expect(try await stub.controlBump(second).status == 200)
            try await control.expireAllTokens()
            #expect(try await stub.controlBump(first).status == 401)

            let entries = try await control.requests()
            let ids = entries.map(\.tokenID)
            #expect(ids.allSatisfy { $0?.count == 16 })
            #expect(ids[0] == ids[2] && ids[2] == ids[4], "login, bump and the refused bump of one token")
            #expect(ids[1] == ids[3] && ids[0] != ids[1])
            #expect(entries.allSatisfy { $0.tokenKind == .access })
            for entry in entries {
                #expect(entry.tokenID.map { !first.contains($0) && !second.contains($0) } == true)
            }
            let found = try await control.requests(JournalFilter(token: first))
            #expect(found.map(\.id) == [1, 3, 5])
        }
    }

    @Test("tokenID is kept when the server keeps secrets too; entries without a token have none")
    func tokenIdentityKeepingSecrets() async throws {
        var options = AuthStubServer.Options()
        options.keepSecrets = true
        try await withStub(options) { stub in
            let token = try await stub.wiceLogin()
            _ = try await stub.send("GET", "/nowhere")
            let entries = try await stub.requests()
            #expect(entries[0].token == token)
            #expect(entries[0].tokenID?.count == 16)
            #expect(entries[1].tokenID == nil && entries[1].tokenKind == nil)
        }
    }

    @Test("refusal: the documented refusal as a stable code beside the reason", arguments: ControlTransport.allCases)
    func refusalCode(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            _ = try await stub.controlWiceLogin("user", "wrong")
            _ = try await stub.controlWiceLogout("not-a-token")
            _ = try await stub.wiceLogin()
            _ = try await stub.send("POST", "/m2m/v1/auth/login", headers: ["Content-Type": "application/json", "Accept": "image/png"], body: "{}")
            let entries = try await control.requests()
            #expect(entries.map(\.refusal) == [.badCredentials, .badToken, nil, .notAcceptable])
            #expect(entries[1].reason == "unknown token")
        }
    }

    @Test("responseHeaders: Retry-After of a 503 fault, Deprecation and Sunset of a deprecated route", arguments: ControlTransport.allCases)
    func checkedResponseHeaders(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            try await control.addFault(.status(503, headers: [HTTPHeaderField("Retry-After", "7")]), times: 1)
            _ = try await stub.send("GET", "/nowhere")
            let sunset = Date(timeIntervalSince1970: 4_102_444_800)
            try await control.setDeprecation(DeprecationChange(method: "POST", path: "/m2m/v1/auth/logout", phase: .sunset, sunsetAt: sunset))
            let token = try await stub.wiceLogin()
            _ = try await stub.send("POST", "/m2m/v1/auth/logout", headers: ["auth-token": token, "Accept": "application/json"])

            let entries = try await control.requests()
            #expect(entries[0].responseHeaders == [HTTPHeaderField("Retry-After", "7")])
            #expect(entries[1].responseHeaders == [])
            let names = entries[2].responseHeaders.map(\.name)
            #expect(names == ["Deprecation", "Sunset"])
            #expect(entries[2].responseHeaders.first?.value.hasPrefix("@") == true)
        }
    }
}
