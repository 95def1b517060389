import Foundation
import Testing

@testable import AuthStub

/// The control operations on tokens, against tokens from real logins over HTTP.
@Suite("Control: tokens")
struct ControlTokenTests {
    @Test(
        "the list: every token from real logins, oldest first, with service, user and state active, revoked, disabled or expired",
        arguments: ControlTransport.allCases
    )
    func listStates(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let active = try await stub.wiceLogin()
            let loggedOut = try await stub.wiceLogin()
            #expect(try await stub.controlWiceLogout(loggedOut).status == 204)
            let userToken = try await stub.userTokenLogin()
            let bumped = try await stub.userTokenLogin()
            let expired = try await stub.wiceLogin()

            _ = try await control.setToken(userToken, enabled: false)
            _ = try await control.expireToken(expired)

            let tokens = try await control.tokens()
            #expect(tokens.map(\.token) == [active, loggedOut, userToken, bumped, expired])
            #expect(tokens.map(\.service) == ["wice", "wice", "usertoken", "usertoken", "wice"])
            #expect(tokens.allSatisfy { $0.user == "user" })
            #expect(tokens.map(\.state) == [.active, .revoked, .disabled, .active, .expired])
            #expect(tokens.map(\.enabled) == [true, true, false, true, true])

            // A wice token ends 8 h after its last use; a usertoken one without expirationTime never does.
            let wice = tokens[0]
            #expect(wice.expiresAt.map { abs($0.timeIntervalSince(wice.lastUsedAt) - 8 * 3600) < 0.001 } == true)
            #expect(tokens[3].expiresAt == nil)
            #expect(tokens[1].expiresAt.map { $0 <= Date().addingTimeInterval(5) } == true, "a revoked token's end is its logout")
        }
    }

    @Test("a use touches the token: lastUsedAt follows the server clock", arguments: ControlTransport.allCases)
    func touch(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            try await control.freezeClock()
            let token = try await stub.userTokenLogin()
            let issued = try #require(try await control.tokens().first)
            #expect(issued.lastUsedAt == issued.issuedAt)
            try await control.advanceClock(by: .seconds(3600))
            #expect(try await stub.controlBump(token).status == 200)
            let used = try #require(try await control.tokens().first)
            #expect(used.issuedAt == issued.issuedAt)
            #expect(abs(used.lastUsedAt.timeIntervalSince(issued.issuedAt) - 3600) < 0.001)
        }
    }

    @Test("a minted token works for a real request without a login call", arguments: ControlTransport.allCases)
    func mint(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let wice = try await control.mintToken(service: "wice")
            #expect(wice.service == "wice")
            #expect(wice.user == "user")
            #expect(wice.state == .active)
            #expect(wice.enabled)
            #expect(isUUIDv4(wice.token))
            #expect(try await stub.controlWiceLogout(wice.token).status == 204)
            #expect(stub.lastEntry?.user == "user")
            #expect(try await control.tokens().first?.state == .revoked)

            let someone = try await control.mintToken(service: "usertoken", user: "someone")
            #expect(someone.user == "someone")
            #expect(try await stub.controlBump(someone.token).status == 200)
            #expect(stub.lastEntry?.user == "someone")
            #expect(try await control.tokens().map(\.token) == [wice.token, someone.token])
            #expect(stub.journal.count == 2, "minting is no API request")
        }
    }

    @Test("minting for an unknown service is a 404 naming service; an empty user a 400 naming user", arguments: ControlTransport.allCases)
    func mintRefused(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let unknown = await #expect(throws: ControlError.self) { try await control.mintToken(service: "nope") }
            #expect(unknown?.status == 404)
            #expect(unknown?.field == "service")
            let empty = await #expect(throws: ControlError.self) { try await control.mintToken(service: "wice", user: "") }
            #expect(empty?.status == 400)
            #expect(empty?.field == "user")
            #expect(try await control.tokens().isEmpty)
        }
    }

    @Test("expire one: the API answers 401 with reason \"token expired\"; the others still work", arguments: ControlTransport.allCases)
    func expireOne(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let token = try await stub.wiceLogin()
            let other = try await stub.wiceLogin()
            let before = Date()
            let info = try await control.expireToken(token)
            let after = Date()
            #expect(info.token == token)
            #expect(info.state == .expired)
            #expect(info.expiresAt.map { controlIsBetween($0, before, after) } == true)

            let refused = try await stub.controlWiceLogout(token)
            #expect(refused.status == 401)
            #expect(refused.json?["code"] as? Int == 401)
            #expect(stub.lastEntry?.reason == "token expired")
            #expect(try await stub.controlWiceLogout(other).status == 204)
        }
    }

    @Test("expire all: returns how many were still usable, and none works afterwards", arguments: ControlTransport.allCases)
    func expireAll(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let first = try await stub.wiceLogin()
            let second = try await stub.userTokenLogin()
            let loggedOut = try await stub.wiceLogin()
            #expect(try await stub.controlWiceLogout(loggedOut).status == 204)

            #expect(try await control.expireAllTokens() == 2)
            #expect(try await control.tokens().map(\.state) == [.expired, .expired, .revoked])
            #expect(try await stub.controlWiceLogout(first).status == 401)
            #expect(try await stub.controlBump(second).status == 401)
            #expect(stub.lastEntry?.reason == "token expired")
            #expect(try await control.expireAllTokens() == 0)
        }
    }

    @Test("disable: 401 \"token disabled\"; enable: works again", arguments: ControlTransport.allCases)
    func disableEnable(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let token = try await stub.userTokenLogin()
            let disabled = try await control.setToken(token, enabled: false)
            #expect(disabled.state == .disabled)
            #expect(disabled.enabled == false)
            #expect(try await stub.controlBump(token).status == 401)
            #expect(stub.lastEntry?.reason == "token disabled")

            let enabled = try await control.setToken(token, enabled: true)
            #expect(enabled.state == .active)
            #expect(enabled.enabled)
            #expect(try await stub.controlBump(token).status == 200)
        }
    }

    @Test("an unknown token is a 404 for expire and for enable/disable", arguments: ControlTransport.allCases)
    func unknownToken(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            _ = try await stub.wiceLogin()
            let unknown = "00000000-0000-4000-8000-000000000000"
            let expire = await #expect(throws: ControlError.self) { try await control.expireToken(unknown) }
            #expect(expire?.status == 404)
            let disable = await #expect(throws: ControlError.self) { try await control.setToken(unknown, enabled: false) }
            #expect(disable?.status == 404)
            // A token value with characters that need escaping in a URL is still just unknown.
            let odd = await #expect(throws: ControlError.self) { try await control.expireToken("a/b c?d") }
            #expect(odd?.status == 404)
            #expect(try await control.tokens().map(\.state) == [.active])
        }
    }

    @Test("an empty token is an unknown token: expire and disable are 404s that change nothing", arguments: ControlTransport.allCases)
    func emptyToken(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let token = try await stub.wiceLogin()
            let expire = await #expect(throws: ControlError.self) { try await control.expireToken("") }
            #expect(expire?.status == 404)
            let disable = await #expect(throws: ControlError.self) { try await control.setToken("", enabled: false) }
            #expect(disable?.status == 404)
            #expect(try await control.tokens().map(\.state) == [.active])
            #expect(try await stub.controlWiceLogout(token).status == 204)
        }
    }
}
