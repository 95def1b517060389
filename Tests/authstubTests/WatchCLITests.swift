import Foundation
import StubHTTP
import TestSupport
import Testing

/// `authstub serve --watch` through the real CLI: edits on disk are served, broken edits are
/// refused with one line per problem and the previous fixtures stay.
@Suite("CLI: --watch")
struct WatchCLITests {
    /// The bundled usertoken service, copied to a folder the test may change.
    static func copyOfUserToken() throws -> URL {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/usertoken")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent("usertoken"))
        return folder
    }

    /// The status of a Basic login as `user:password`.
    static func loginStatus(port: Int, _ credentials: String) async throws -> Int {
        let basic = Data(credentials.utf8).base64EncodedString()
        let connection = try await RawConnection.connect(
            port: port,
            sending:
                "POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic \(basic)\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
        )
        defer { Task { await connection.close() } }
        return try await connection.response(timeout: .seconds(60)).status.code
    }

    /// Reads output lines until one contains `text`, and returns that line.
    static func line(containing text: String, from server: CLIProcess) async throws -> String {
        while true {
            let line = try await server.firstLine()
            if line.contains(text) { return line }
        }
    }

    @Test("a changed password is served after the edit; an invalid edit keeps it and prints why, one line per problem")
    func reloadsAndRefuses() async throws {
        let folder = try Self.copyOfUserToken()
        defer { try? FileManager.default.removeItem(at: folder) }
        let service = folder.appendingPathComponent("usertoken/service.json")

        let server = try CLIProcess.start(["serve", "--port", "0", "--watch", "--fixtures", folder.path])
        let url = try await server.firstLine()
        let port = try #require(url.split(separator: ":").last.flatMap { Int($0) })
        _ = try await Self.line(containing: "watching \(folder.path)", from: server)
        #expect(try await Self.loginStatus(port: port, "user:secret") == 200)

        let original = try String(contentsOf: service, encoding: .utf8)
        try original.replacingOccurrences(of: "\"secret\"", with: "\"changed\"").write(to: service, atomically: true, encoding: .utf8)
        let reloaded = try await Self.line(containing: "Reloaded fixtures", from: server)
        #expect(reloaded.contains("usertoken"))
        #expect(try await Self.loginStatus(port: port, "user:changed") == 200)
        #expect(try await Self.loginStatus(port: port, "user:secret") == 401)

        try "{ \"kind\": \"endpoint\",".write(to: folder.appendingPathComponent("usertoken/bump.json"), atomically: true, encoding: .utf8)
        let refused = try await Self.line(containing: "Reload refused", from: server)
        #expect(refused.contains("still serving the previous fixtures (1 problem)"))
        let problem = try await server.firstLine()
        #expect(problem.contains("bump.json"), "the problem line names the file: \(problem)")
        #expect(try await Self.loginStatus(port: port, "user:changed") == 200, "the previous fixtures are still served")

        let result = try await server.stop(signal: SIGTERM)
        #expect(result.status == 0)
    }

    @Test("a rename-away save (the file gone for 0.7 s, then back edited) is one reload, never 404s; a file that stays gone is named in a warning")
    func renameAwayAndDelete() async throws {
        let folder = try Self.copyOfUserToken()
        defer { try? FileManager.default.removeItem(at: folder) }
        let login = folder.appendingPathComponent("usertoken/login.json")
        let away = folder.appendingPathComponent("usertoken/login.json~")

        let server = try CLIProcess.start(["serve", "--port", "0", "--quiet", "--watch", "--fixtures", folder.path])
        let url = try await server.firstLine()
        let port = try #require(url.split(separator: ":").last.flatMap { Int($0) })
        _ = try await Self.line(containing: "watching \(folder.path)", from: server)

        // The save runs on a thread of its own, so the gap is 0.7 s however busy the pool is.
        let edited = try String(contentsOf: login, encoding: .utf8).replacingOccurrences(of: "\"summary\": \"", with: "\"summary\": \"Edited. ")
        #expect(edited != (try String(contentsOf: login, encoding: .utf8)))
        let saved = Locked<Result<Void, any Error>?>(nil)
        Thread.detachNewThread {
            let result = Result {
                try FileManager.default.moveItem(at: login, to: away)
                Thread.sleep(forTimeInterval: 0.7)
                try edited.write(to: away, atomically: false, encoding: .utf8)
                try FileManager.default.moveItem(at: away, to: login)
            }
            saved.withLock { $0 = result }
        }
        var statuses: Set<Int> = []
        while saved.withLock({ $0 }) == nil {
            statuses.insert(try await Self.loginStatus(port: port, "user:secret"))
        }
        try saved.withLock { $0 }?.get()
        for _ in 0..<20 { statuses.insert(try await Self.loginStatus(port: port, "user:secret")) }
        let reloaded = try await server.firstLine()
        #expect(reloaded.hasPrefix("Reloaded fixtures: 3 endpoints"), "the first line after the save: \(reloaded)")
        #expect(statuses == [200], "login was served throughout")

        let bump = folder.appendingPathComponent("usertoken/bump.json")
        try FileManager.default.removeItem(at: bump)
        let warning = try await server.firstLine()
        #expect(warning == "Warning: \(bump.path) disappeared; its routes are no longer served")
        #expect(try await server.firstLine().hasPrefix("Reloaded fixtures: 2 endpoints (usertoken)"))

        let result = try await server.stop(signal: SIGTERM)
        #expect(result.status == 0)
    }

    @Test("--watch with only the bundled fixtures says there is nothing to watch and serves as usual")
    func bundledOnly() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0", "--watch"])
        _ = try await server.firstLine()
        _ = try await Self.line(containing: "nothing to watch", from: server)
        let result = try await server.stop(signal: SIGTERM)
        #expect(result.status == 0)
    }
}
