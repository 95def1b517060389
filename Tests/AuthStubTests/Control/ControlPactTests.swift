import Foundation
import Testing

@testable import AuthStub

/// The Pact operations through both `AuthStubControl` implementations.
@Suite("Control: Pact export and provider states")
struct ControlPactTests {
    @Test("pact: the journal's documented interactions, under the names asked for", arguments: ControlTransport.allCases)
    func export(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let token = try await stub.wiceLogin()
            #expect(try await stub.controlWiceLogout(token).status == 204)
            _ = try await stub.send("GET", "/nowhere")  // unmatched: not an interaction

            let pact = try await control.pact(consumer: "web-app", provider: "wice-api")
            #expect(pact["consumer"]?["name"]?.stringValue == "web-app")
            #expect(pact["provider"]?["name"]?.stringValue == "wice-api")
            let interactions = try #require(pact["interactions"]?.arrayValue)
            #expect(interactions.count == 2)
            #expect(interactions.compactMap { $0["request"]?["method"]?.stringValue } == ["POST", "DELETE"])
            #expect(interactions.last?["providerStates"]?.arrayValue?.first?["name"]?.stringValue == PactProviderState.validToken.rawValue)
        }
    }

    @Test("provider states: the recorded token becomes valid, or expired", arguments: ControlTransport.allCases)
    func providerStates(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let valid = try await control.setUpProviderState(.validToken, service: "wice", token: "recorded-1", user: nil)
            #expect(valid == "recorded-1")
            #expect(try await stub.controlWiceLogout("recorded-1").status == 204)

            let expired = try await control.setUpProviderState(.expiredToken, service: "wice", token: "recorded-2", user: "user")
            #expect(expired == "recorded-2")
            let info = try #require(try await control.tokens().first { $0.token == "recorded-2" })
            #expect(info.state == .expired)
            #expect(try await stub.controlWiceLogout("recorded-2").status == 401)

            let made = try await control.setUpProviderState(.validToken, service: "usertoken", token: nil, user: nil)
            #expect(try await control.tokens().first { $0.token == made }?.state == .active)

            await #expect(throws: ControlError.self) {
                try await control.setUpProviderState(.validToken, service: "nope", token: nil, user: nil)
            }
            let tooLong = String(repeating: "t", count: TokenKey.maximumLength + 1)
            let error = await #expect(throws: ControlError.self) {
                try await control.setUpProviderState(.validToken, service: "wice", token: tooLong, user: nil)
            }
            #expect(error?.status == 400)
            #expect(error?.field == "params.token")
        }
    }

    @Test(
        "ids and names with reserved and non-ASCII characters reach the server whole, in the path and in the query",
        arguments: ControlTransport.allCases
    )
    func reservedCharacters(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let token = "a/b?c#d e+f%20g&h=é~-._"
            #expect(try await control.setUpProviderState(.validToken, service: "wice", token: token, user: nil) == token)
            #expect(try await control.setToken(token, enabled: false).token == token)
            #expect(try await control.expireToken(token).state == .expired)

            let pact = try await control.pact(consumer: "web app&co=1", provider: "auth/é+?")
            #expect(pact["consumer"]?["name"]?.stringValue == "web app&co=1")
            #expect(pact["provider"]?["name"]?.stringValue == "auth/é+?")
        }
    }
}
