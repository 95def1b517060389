import Foundation
import TestSupport
import Testing

/// The real `authstub serve` with its live-token limits set by flags.
@Suite("CLI: token limits")
struct TokenLimitCLITests {
    @Test("--token-limit and --token-limit-per-user reach the server: a second login of one user evicts the first, and status says so")
    func limitsFromFlags() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0", "--quiet", "--token-limit", "2", "--token-limit-per-user", "1"])
        let port = try await NothingLostCLITests.port(of: server)
        try await ConsoleOutputCLITests.logins(port: port, count: 2)
        let status = try await NothingLostCLITests.send(port: port, "GET", "/__control/status")
        let counts = try #require(
            (try JSONSerialization.jsonObject(with: Data(status.body)) as? [String: Any])?["tokenCounts"] as? [String: Int]
        )
        #expect(counts == ["live": 1, "ended": 1, "evicted": 1, "limit": 2, "perUserLimit": 1])
        let result = try await server.stop(signal: SIGTERM)
        #expect(result.status == 0, "\(result.stderr)")
    }
}
