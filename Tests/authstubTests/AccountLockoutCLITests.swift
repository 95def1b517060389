import Foundation
import StubHTTP
import TestSupport
import Testing

/// `lockout` through the real `authstub`: validate names a bad value, serve locks an account.
@Suite("CLI: account lockout")
struct AccountLockoutCLITests {
    /// A folder with service `api` (user `ada`/`lovelace`) whose `lockout` is `lockout`, and a
    /// JSON login at `POST /login`; removed after `body`.
    static func withFolder(lockout: String, _ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-lockout-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("api"), withIntermediateDirectories: true)
        let service = """
            {"kind": "service", "name": "api", "credentials": {"scheme": "jsonBody"}, "token": {"scheme": "bearer"},
             "users": [{"username": "ada", "password": "lovelace"}], "lockout": \(lockout),
             "errors": {"mediaType": "application/json", "body": {"error": "{{message}}"}}}
            """
        let login = """
            {"kind": "endpoint", "name": "login", "method": "POST", "path": "/login", "role": "login",
             "responses": [{"name": "ok", "when": "success", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"token": "{{token}}"}}]}
            """
        try Data(service.utf8).write(to: folder.appendingPathComponent("api/service.json"))
        try Data(login.utf8).write(to: folder.appendingPathComponent("api/login.json"))
        try await body(folder)
    }

    @Test("validate names the file, the JSON path and the reason of a bad lockout, and exits 1")
    func validate() async throws {
        try await Self.withFolder(lockout: #"{"after": 0, "for": "soon"}"#) { folder in
            let result = try await CLIProcess.run(["validate", folder.path])
            #expect(result.status == 1)
            #expect(result.stdout.contains("api/service.json: $.lockout.after: must be from 1 to 1000, not 0"), "\(result.stdout)")
            #expect(result.stdout.contains(#"api/service.json: $.lockout.for: "soon" is not a duration"#), "\(result.stdout)")
        }
    }

    @Test("serve: the second wrong password locks ada; the right one then gets 423 in the service's error shape")
    func serve() async throws {
        try await Self.withFolder(lockout: #"{"after": 2, "for": "15m"}"#) { folder in
            let server = try CLIProcess.start(["serve", "--port", "0", "--quiet", "--fixtures", folder.path])
            let port = try await NothingLostCLITests.port(of: server)
            for _ in 0..<2 {
                let wrong = try await NothingLostCLITests.send(port: port, "POST", "/login", body: #"{"username":"ada","password":"x"}"#)
                #expect(wrong.status == 401)
            }
            let locked = try await NothingLostCLITests.send(port: port, "POST", "/login", body: #"{"username":"ada","password":"lovelace"}"#)
            #expect(locked.status == 423)
            #expect(locked.text == #"{"error":"the account is locked"}"#)
            let result = try await server.stop(signal: SIGTERM)
            #expect(result.status == 0, "\(result.stderr)")
        }
    }
}
