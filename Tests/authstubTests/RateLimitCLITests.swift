import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Rate limits through the real CLI: `validate` names a bad limit, `serve` answers 429 with
/// `Retry-After` over a limit, `openapi` declares it.
@Suite("CLI: rate limits")
struct RateLimitCLITests {
    /// A service whose login lets each user through twice a minute.
    static func service(window: String) -> String {
        """
        { "kind": "service", "name": "api", "credentials": { "scheme": "jsonBody" }, "token": { "scheme": "bearer" },
          "users": [ { "username": "ada", "password": "lovelace" } ],
          "errors": { "mediaType": "application/json", "body": { "error": "{{message}}" } },
          "rateLimits": [ { "name": "login-per-user", "requests": 2, "window": "\(window)", "per": "user" } ] }
        """
    }

    static let login = """
        { "kind": "endpoint", "name": "login", "method": "POST", "path": "/login", "role": "login",
          "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" },
                           "body": { "token": "{{token}}" } } ] }
        """

    /// Writes the service with `window` to a temporary folder, runs `body` with it, removes it.
    static func withService(window: String, _ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-rate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(service(window: window).utf8).write(to: folder.appendingPathComponent("service.json"))
        try Data(login.utf8).write(to: folder.appendingPathComponent("login.json"))
        try await body(folder)
    }

    @Test("validate: a window that is not whole seconds is named by file and JSON path")
    func validate() async throws {
        try await Self.withService(window: "1500ms") { folder in
            let result = try await CLIProcess.run(["validate", folder.path])
            #expect(result.status == 1)
            #expect(
                (result.stdout + result.stderr).contains("service.json: $.rateLimits[0].window: a window is whole seconds from 1s to 30d"),
                "\(result.stdout)\(result.stderr)"
            )
        }
    }

    @Test("serve: the third login of a user within the minute gets 429 with Retry-After; openapi declares it")
    func serveAndOpenAPI() async throws {
        try await Self.withService(window: "1m") { folder in
            let server = try CLIProcess.start(["serve", "--port", "0", "--quiet", "--fixtures", folder.path])
            let line = try await server.firstLine()
            let base = try #require(line.split(separator: " ").last.map(String.init))
            let session = URLSession(configuration: .ephemeral)
            var request = URLRequest(url: try #require(URL(string: base + "/login")))
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(#"{"username":"ada","password":"lovelace"}"#.utf8)
            var statuses: [Int] = []
            var retryAfter: String?
            for _ in 0..<3 {
                let (_, response) = try await session.data(for: request)
                let http = try #require(response as? HTTPURLResponse)
                statuses.append(http.statusCode)
                retryAfter = http.value(forHTTPHeaderField: "Retry-After")
            }
            _ = try await server.stop(signal: SIGTERM)
            #expect(statuses == [200, 200, 429])
            // The real clock runs: the wait is the minute less what the logins took.
            #expect(retryAfter.flatMap(Int.init).map { (1...60).contains($0) } == true, "\(retryAfter ?? "none")")

            let exported = try await CLIProcess.run(["openapi", "--fixtures", folder.path])
            let document = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any])
            let paths = document["paths"] as? [String: Any]
            let responses = ((paths?["/login"] as? [String: Any])?["post"] as? [String: Any])?["responses"] as? [String: Any]
            let limited = responses?["429"] as? [String: Any]
            let header = (limited?["headers"] as? [String: Any])?["Retry-After"] as? [String: Any]
            #expect(header?["required"] as? Bool == true, "\(exported.stdout.prefix(400))")
        }
    }
}
