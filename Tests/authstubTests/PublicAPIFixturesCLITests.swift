import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The fixture folders for three public auth APIs (`Tests/Fixtures`), checked and served by the
/// real CLI and called with URLSession as an app would call the real API. The fuller end-to-end
/// run, with Python's `requests`, is `.ci/check-public-apis.sh`.
@Suite("CLI: public API fixtures")
struct PublicAPIFixturesCLITests {
    /// `Tests/Fixtures/<name>` in this checkout.
    static func folder(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)").path
    }

    @Test("validate: every folder passes")
    func validate() async throws {
        let result = try await CLIProcess.run(["validate", Self.folder("firebase"), Self.folder("directus"), Self.folder("sanctum")])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("OK: 4 services, 13 endpoints"), "\(result.stdout)")
    }

    @Test("Firebase: sign in, then read a Firestore document (a service of its own) with the ID token")
    func firebaseSignInAndRead() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0", "--quiet", "--fixtures", Self.folder("firebase")])
        let line = try await server.firstLine()
        let base = try #require(line.split(separator: " ").last.map(String.init))
        let session = URLSession(configuration: .ephemeral)

        var signIn = URLRequest(url: try #require(URL(string: base + "/v1/accounts:signInWithPassword")))
        signIn.httpMethod = "POST"
        signIn.setValue("application/json", forHTTPHeaderField: "Content-Type")
        signIn.setValue("fake-web-api-key", forHTTPHeaderField: "X-Goog-Api-Key")
        signIn.httpBody = Data(#"{"email":"user@example.com","password":"secret","returnSecureToken":true}"#.utf8)
        let (signedIn, signInResponse) = try await session.data(for: signIn)
        #expect((signInResponse as? HTTPURLResponse)?.statusCode == 200)
        let tokens = try #require(try JSONSerialization.jsonObject(with: signedIn) as? [String: Any])
        let idToken = try #require(tokens["idToken"] as? String)

        var read = URLRequest(url: try #require(URL(string: base + "/v1/projects/demo/databases/(default)/documents/notes/n1")))
        read.setValue("Bearer \(idToken)", forHTTPHeaderField: "Authorization")
        let (document, readResponse) = try await session.data(for: read)
        #expect((readResponse as? HTTPURLResponse)?.statusCode == 200)
        let name = try #require(try JSONSerialization.jsonObject(with: document) as? [String: Any])["name"] as? String
        #expect(name == "projects/demo/databases/(default)/documents/notes/n1")

        let result = try await server.stop(signal: SIGTERM)
        #expect(result.status == 0, "\(result.stderr)")
    }
}
