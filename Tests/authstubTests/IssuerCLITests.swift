import Foundation
import TestSupport
import Testing

/// The real `authstub serve` with `--issuer`.
@Suite("CLI: issuer")
struct IssuerCLITests {
    @Test("--issuer reaches the bundled OAuth 2.0 metadata: the issuer and every endpoint under it")
    func issuerFromFlag() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0", "--quiet", "--issuer", "https://auth.example.test"])
        let port = try await NothingLostCLITests.port(of: server)
        let answer = try await NothingLostCLITests.send(port: port, "GET", "/.well-known/openid-configuration")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
        #expect(document["issuer"] as? String == "https://auth.example.test")
        #expect(document["jwks_uri"] as? String == "https://auth.example.test/oauth2/jwks")
        let result = try await server.stop(signal: SIGTERM)
        #expect(result.status == 0, "\(result.stderr)")
    }
}
