import AuthStub
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The AuthStub server over real sockets (the engine arrives with the fixtures issue).
@Suite("AuthStubServer")
struct AuthStubServerTests {
    @Test("status answers JSON with the version; baseURL and controlURL point at the bound port")
    func status() async throws {
        let stub = AuthStubServer()
        try await stub.start()
        let port = try #require(stub.port)
        #expect(stub.baseURL.absoluteString == "http://127.0.0.1:\(port)")
        #expect(stub.controlURL.absoluteString == "http://127.0.0.1:\(port)/__control")

        let (body, response) = try await URLSession(configuration: .ephemeral)
            .data(from: stub.controlURL.appendingPathComponent("status"))
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        #expect(http.value(forHTTPHeaderField: "Content-Type") == "application/json")
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(json["version"] as? String == AuthStubVersion.current)
        await stub.stop()
    }

    @Test("A wrong method on the status route is 405 with Allow; an unknown path is 404")
    func refusals() async throws {
        let stub = AuthStubServer()
        try await stub.start()
        var post = URLRequest(url: stub.controlURL.appendingPathComponent("status"))
        post.httpMethod = "POST"
        let session = URLSession(configuration: .ephemeral)
        let (_, postResponse) = try await session.data(for: post)
        #expect((postResponse as? HTTPURLResponse)?.statusCode == 405)
        #expect((postResponse as? HTTPURLResponse)?.value(forHTTPHeaderField: "Allow") == "GET, HEAD")

        let (_, missing) = try await session.data(from: stub.baseURL.appendingPathComponent("nowhere"))
        #expect((missing as? HTTPURLResponse)?.statusCode == 404)
        await stub.stop()
    }
}
