import Foundation
import Testing

@testable import AuthStub

/// Token families in the control API: the listing numbers them, and a token or its whole family
/// can be revoked or expired, in process and over HTTP.
@Suite("Control: token families")
struct ControlTokenFamilyTests {
    static let files = RefreshTokenTests.files(reuse: "refuse")

    /// Logs in to the refresh fixture and exchanges the refresh token once: the access token,
    /// the rotated refresh token and the pair it was exchanged for are one family.
    static func family(_ stub: AuthStubServer) async throws -> (access: String, refresh: String) {
        let login = try #require(try await stub.apiLogin().json)
        let refresh = try #require(login["refresh_token"] as? String)
        let pair = try #require(try await RefreshTokenTests.refresh(stub, refresh).json)
        return (try #require(pair["access_token"] as? String), try #require(pair["refresh_token"] as? String))
    }

    static func control(_ stub: AuthStubServer, _ transport: ControlTransport) -> any AuthStubControl {
        transport == .inProcess ? stub : stub.controlClient()
    }

    @Test(
        "the listing numbers families: a login's tokens and those its refresh led to share one; another login gets the next",
        arguments: ControlTransport.allCases
    )
    func listing(transport: ControlTransport) async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let control = Self.control(stub, transport)
            _ = try await Self.family(stub)
            _ = try await Self.family(stub)
            let minted = try await control.mintToken(service: "api", user: "ada")
            let tokens = try await control.tokens()
            #expect(tokens.count == 9)
            #expect(tokens.map(\.family) == [1, 1, 1, 1, 2, 2, 2, 2, nil])
            #expect(tokens.map(\.kind) == [.access, .refresh, .access, .refresh, .access, .refresh, .access, .refresh, .access])
            #expect(minted.family == nil)

            try await control.reset()
            _ = try await Self.family(stub)
            #expect(try await control.tokens().map(\.family) == [1, 1, 1, 1], "a reset numbers from 1 again")
        }
    }

    @Test("revoke one token, then its family: the rest of the family ends as familyRevoked and is refused", arguments: ControlTransport.allCases)
    func revoke(transport: ControlTransport) async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let control = Self.control(stub, transport)
            let (access, refresh) = try await Self.family(stub)
            let one = try await control.revokeToken(access, family: false)
            #expect(one.state == .revoked)
            #expect(one.endReason == .loggedOut)
            #expect(try await RefreshTokenTests.me(stub, access) == 401)
            let active = try await control.tokens().filter { $0.state == .active }.map(\.token)
            #expect(
                active.count == 2 && active.contains(refresh) && !active.contains(access),
                "the login's access token and the new refresh token live on"
            )

            let family = try await control.revokeToken(refresh, family: true)
            #expect(family.endReason == .familyRevoked)
            #expect(try await control.tokens().allSatisfy { $0.state != .active })
            #expect(try await RefreshTokenTests.refresh(stub, refresh).status == 401)
            #expect(stub.lastEntry?.reason == "token family revoked")
        }
    }

    @Test("expire a family: every member that had not ended is expired (forced); ended ones keep their reason", arguments: ControlTransport.allCases)
    func expireFamily(transport: ControlTransport) async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let control = Self.control(stub, transport)
            let (access, _) = try await Self.family(stub)
            let expired = try await control.expireToken(access, family: true)
            #expect(expired.endReason == .forced)
            #expect(try await control.tokens().map(\.endReason) == [.forced, .rotated, .forced, .forced])
            #expect(try await RefreshTokenTests.me(stub, access) == 401)
            #expect(stub.lastEntry?.refusalReason == .expired)
        }
    }

    @Test("over HTTP: no body ends the token alone; a family that is no boolean or an unknown field is a 400 naming it; an unknown token a 404")
    func badInput() async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let (access, refresh) = try await Self.family(stub)
            let json = ["Content-Type": "application/json"]
            let alone = try await stub.send("POST", "/__control/tokens/\(access)/revoke")
            #expect(alone.status == 200)
            #expect(alone.json?["family"] as? Int == 1)
            #expect(alone.json?["endReason"] as? String == "loggedOut")
            let notBool = try await stub.send("POST", "/__control/tokens/\(refresh)/revoke", headers: json, body: #"{"family":"yes"}"#)
            #expect(notBool.status == 400)
            #expect(notBool.json?["field"] as? String == "family")
            let unknownField = try await stub.send("POST", "/__control/tokens/\(refresh)/expire", headers: json, body: #"{"families":true}"#)
            #expect(unknownField.status == 400)
            #expect(unknownField.json?["field"] as? String == "families")
            #expect(try await stub.send("POST", "/__control/tokens/nope/revoke").status == 404)
            #expect(try await stub.tokens().first { $0.token == refresh }?.state == .active, "the refused calls changed nothing")
        }
    }
}
