import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `authstub` process hides secrets in its journal unless `--keep-secrets` is given,
/// and bounds its journal as its `--journal-*` flags say.
@Suite("CLI: what the journal keeps")
struct SecretsCLITests {
    /// Logs in to wice on a fresh `authstub serve` with `flags` and returns the journaled body.
    static func journaledLogin(_ flags: [String]) async throws -> String {
        let server = try CLIProcess.start(["serve", "--port", "0", "--quiet"] + flags)
        do {
            let line = try await server.firstLine()
            let base = try #require(line.split(separator: " ").last.map(String.init), "\(line)")
            let login = try await FaultCLITests.request("POST", base + "/m2m/v1/auth/login", body: #"{"username":"user","password":"secret"}"#)
            #expect(login.status == 201)
            let journal = try await FaultCLITests.request("GET", base + "/__control/requests")
            let entries = try #require(journal.json?["requests"] as? [[String: Any]])
            _ = try await server.stop(signal: SIGTERM)
            return try #require(entries.first?["body"] as? String)
        } catch {
            _ = try? await server.stop(signal: SIGTERM)
            throw error
        }
    }

    @Test("by default the journal hides the password; --keep-secrets keeps it")
    func keepSecrets() async throws {
        #expect(try await Self.journaledLogin([]) == #"{"username":"user","password":"[redacted]"}"#)
        #expect(try await Self.journaledLogin(["--keep-secrets"]) == #"{"username":"user","password":"secret"}"#)
    }

    @Test("serve's journal flags reach the server: its status reports the bounds, and a long body is cut to them")
    func journalFlags() async throws {
        let server = try CLIProcess.start([
            "serve", "--port", "0", "--quiet", "--journal-entries", "3", "--journal-bytes", "64KiB", "--journal-entry-bytes", "1KiB",
        ])
        do {
            let line = try await server.firstLine()
            let base = try #require(line.split(separator: " ").last.map(String.init), "\(line)")
            _ = try await FaultCLITests.request("POST", base + "/upload", body: String(repeating: "x", count: 5000))
            let status = try await FaultCLITests.request("GET", base + "/__control/status")
            let journal = try #require(status.json?["journal"] as? [String: Any])
            #expect(journal["capacity"] as? Int == 3)
            #expect(journal["byteLimit"] as? Int == 64 * 1024)
            #expect(journal["entryByteLimit"] as? Int == 1024)
            #expect(journal["truncated"] as? Int == 1)
            _ = try await server.stop(signal: SIGTERM)
        } catch {
            _ = try? await server.stop(signal: SIGTERM)
            throw error
        }
    }
}
