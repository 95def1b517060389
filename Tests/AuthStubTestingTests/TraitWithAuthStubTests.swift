import AuthStub
import AuthStubTesting
import Foundation
import StubHTTP
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `withAuthStub` starts a server for its body and always stops it: after a normal return and
/// after a throw, whose error comes through unchanged.
@Suite("AuthStubTesting: withAuthStub stops its server")
struct TraitWithAuthStubTests {
    struct TraitBoom: Error, Equatable {
        let code: Int
    }

    @Test("the body's result comes back, and the server is stopped")
    func returnsAndStops() async throws {
        let box = TraitServerBox()
        let token = try await withAuthStub { stub in
            box.server = stub
            #expect(stub.port != nil)
            return try await TraitRequests.wiceLogin(stub)
        }
        let server = try #require(box.server)
        #expect(try await server.tokens().map(\.token) == [token])
        await TraitRequests.expectStopped(server)
    }

    @Test("the body throws: the same error propagates, and the port refuses connections afterwards")
    func throwsAndStops() async throws {
        let box = TraitServerBox()
        await #expect(throws: TraitBoom(code: 7)) {
            try await withAuthStub { stub in
                box.server = stub
                _ = try await TraitRequests.wiceLogin(stub)
                #expect(await TraitRequests.stillRunning(stub) != nil, "running inside the body")
                throw TraitBoom(code: 7)
            }
        }
        let server = try #require(box.server)
        #expect(server.journal.count >= 1)
        await TraitRequests.expectStopped(server)
    }

    @Test("options reach the server; a bind failure throws before the body runs")
    func optionsAndBindFailure() async throws {
        try await withAuthStub { first in
            let port = try #require(first.port)
            let ran = TraitServerBox()
            await #expect(throws: HTTPServerError.self) {
                try await withAuthStub(options: AuthStubServer.Options(port: port)) { stub in
                    ran.server = stub
                }
            }
            #expect(ran.server == nil)
            // The first server still answers.
            _ = try await TraitRequests.wiceLogin(first)
        }
    }
}
