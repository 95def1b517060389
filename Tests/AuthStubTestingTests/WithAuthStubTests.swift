import AuthStub
import AuthStubTesting
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The scoped helper always stops its server.
@Suite("withAuthStub")
struct WithAuthStubTests {
    struct Boom: Error {}

    @Test("The server answers inside the body and is gone afterwards")
    func stopsAfterBody() async throws {
        let url = try await withAuthStub { stub in
            let statusURL = stub.controlURL.appendingPathComponent("status")
            let (_, response) = try await URLSession(configuration: .ephemeral).data(from: statusURL)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            return statusURL
        }
        await #expect(throws: (any Error).self) { _ = try await URLSession(configuration: .ephemeral).data(from: url) }
    }

    @Test("The server is stopped when the body throws, and the error comes through")
    func stopsWhenBodyThrows() async throws {
        let box = URLBox()
        await #expect(throws: Boom.self) {
            try await withAuthStub { stub in
                box.url = stub.controlURL.appendingPathComponent("status")
                throw Boom()
            }
        }
        let url = try #require(box.url)
        await #expect(throws: (any Error).self) { _ = try await URLSession(configuration: .ephemeral).data(from: url) }
    }
}

final class URLBox: @unchecked Sendable {
    var url: URL?
}
