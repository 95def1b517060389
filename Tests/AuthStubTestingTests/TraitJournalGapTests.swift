import AuthStub
import AuthStubTesting
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// No expectation passes on a journal with gaps: when it dropped requests, every expectation a
/// lost request could change fails and says so; in process and through `ControlClient`.
@Suite("AuthStubTesting: expectations on a journal that dropped requests")
struct TraitJournalGapTests {
    /// A journal of 2 entries, so that the 3 requests below drop the first.
    static let small: AuthStubServer.Options = {
        var options = AuthStubServer.Options()
        options.journalCapacity = 2
        return options
    }()

    /// The server itself, or a `ControlClient` speaking to it.
    static func controls(_ stub: AuthStubServer) -> [any AuthStubControl] {
        [stub, ControlClient(baseURL: stub.baseURL, session: TraitRequests.socketSession())]
    }

    /// A deprecated logout (#1, dropped), then two paths no fixture serves.
    static func sendThree(_ stub: AuthStubServer) async throws {
        _ = try await TraitRequests.send(stub, "POST", "/v1/auth/logout", headers: ["auth-token": "not-a-token"])
        _ = try await TraitRequests.send(stub, "GET", "/nowhere/1")
        _ = try await TraitRequests.send(stub, "GET", "/nowhere/2")
    }

    @Test("a count, an absence or 'every request' fails, naming how many requests were dropped")
    func gapsFailExpectations() async throws {
        try await withAuthStub(options: Self.small) { stub in
            try await Self.sendThree(stub)
            for control in Self.controls(stub) {
                do {
                    try await control.verify(
                        .noDeprecatedCalls,
                        .notCalled("DELETE", "/m2m/v1/auth/logout"),
                        .called("GET", "/nowhere/*", times: 2),
                        .everyRequest(hasHeader: "Host"),
                        RequestExpectation("my own check") { _ in nil }
                    )
                    Issue.record("verify passed on a journal that dropped a request")
                } catch let error as RequestVerificationError {
                    let why = "the journal dropped 1 requests since the server started, was reset or was cleared"
                    #expect(
                        error.failures == [
                            "cannot check that no requests to a deprecated route: \(why)",
                            "cannot check that no requests to DELETE /m2m/v1/auth/logout: \(why)",
                            "cannot check that GET /nowhere/* called 2 times: \(why)",
                            "cannot check that every request sent Host: \(why)",
                            "cannot check that my own check: \(why)",
                        ]
                    )
                    #expect(error.dropped == 1)
                    #expect(error.description.contains("the journal dropped 1 earlier requests"))
                }
            }
        }
    }

    @Test("'called at least once' still passes: a request seen proves it; and a reset closes the gap")
    func atLeastOnceAndReset() async throws {
        try await withAuthStub(options: Self.small) { stub in
            try await Self.sendThree(stub)
            for control in Self.controls(stub) {
                try await control.verify(.called("GET", "/nowhere/2"))
            }
            try await stub.reset()
            _ = try await TraitRequests.send(stub, "GET", "/nowhere/3")
            for control in Self.controls(stub) {
                try await control.verify(.noDeprecatedCalls, .called("GET", "/nowhere/*", times: 1))
            }
        }
    }
}
