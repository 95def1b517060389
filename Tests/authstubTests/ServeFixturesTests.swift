import AuthStub
import Foundation
import Testing

@testable import authstub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real CLI serving and validating fixtures.
@Suite("CLI: fixtures")
struct ServeFixturesTests {
    @Test("serve prints the services and their default credentials, then one masked line per request")
    func bannerAndRequestLines() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0"])
        let line = try await server.firstLine()
        let base = try #require(line.split(separator: " ").last.map(String.init))
        var request = URLRequest(url: try #require(URL(string: base + "/m2m/v1/auth/login")))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"username":"user","password":"secret"}"#.utf8)
        let (_, response) = try await URLSession(configuration: .ephemeral).data(for: request)
        let token = try #require((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "auth-token"))

        var logout = URLRequest(url: try #require(URL(string: base + "/v1/auth/logout")))
        logout.httpMethod = "POST"
        logout.setValue(token, forHTTPHeaderField: "auth-token")
        _ = try await URLSession(configuration: .ephemeral).data(for: logout)
        _ = try await URLSession(configuration: .ephemeral).data(for: logout)

        let result = try await server.stop(signal: SIGTERM)
        let output = result.stdout
        #expect(output.contains("wice (AuthService Resource): 3 endpoints under /m2m/, /; login request body: user / secret"))
        #expect(output.contains("usertoken (Authentication API): 3 endpoints under /; login HTTP Basic: user / secret"))
        let lines = output.split(separator: "\n").map(String.init)
        let login = try #require(lines.first { $0.contains("POST /m2m/v1/auth/login 201") })
        #expect(login.contains("wice/login#status-message"))
        #expect(login.contains("user=user token=\(token.prefix(4))…"))
        #expect(!output.contains(token), "the full token must never be printed")
        #expect(!output.contains("\"password\""), "request bodies must never be printed")
        let deprecated = try #require(lines.first { $0.contains("POST /v1/auth/logout 201") })
        #expect(deprecated.contains("[DEPRECATED]"))
        let refused = try #require(lines.first { $0.contains("POST /v1/auth/logout 401") })
        #expect(refused.contains("refused: token logged out"))
    }

    @Test("--log-format json prints one JSON object per request")
    func jsonLines() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0", "--log-format", "json"])
        let line = try await server.firstLine()
        let base = try #require(line.split(separator: " ").last.map(String.init))
        _ = try await URLSession(configuration: .ephemeral).data(from: try #require(URL(string: base + "/v1/auth/nowhere")))
        let result = try await server.stop(signal: SIGTERM)
        let jsonLine = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("{") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(jsonLine.utf8)) as? [String: Any])
        #expect(object["status"] as? Int == 404)
        #expect(object["path"] as? String == "/v1/auth/nowhere")
        #expect((object["reason"] as? String)?.hasPrefix("no fixture matches") == true)
    }

    @Test("validate: the bundled fixtures pass")
    func validateBundled() async throws {
        let result = try await CLIProcess.run(["validate"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("OK: 3 services, "))
        #expect(result.stdout.contains("usertoken (Authentication API): 3 endpoints"))
    }

    @Test("validate: every problem with file and JSON path, exit 1; serve refuses the same folder")
    func validateBroken() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("svc"), withIntermediateDirectories: true)
        try Data(
            #"{"kind": "service", "name": "svc", "credentials": {"scheme": "magic"}, "token": {"scheme": "bearer"}, "errors": {"mediaType": "application/json", "body": {}}}"#
                .utf8
        )
        .write(to: folder.appendingPathComponent("svc/service.json"))
        try Data(
            #"{"kind": "endpoint", "name": "x", "method": "GET", "path": "/x", "role": "public", "responses": [{"name": "ok", "when": "sometimes", "status": 200}]}"#
                .utf8
        )
        .write(to: folder.appendingPathComponent("svc/x.json"))

        let result = try await CLIProcess.run(["validate", folder.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("svc/service.json: $.credentials.scheme: \"magic\" is not one of \"body\", \"jsonBody\", \"basic\""))
        #expect(result.stdout.contains("svc/x.json: $.responses[0].when: \"sometimes\" is not one of"))
        #expect(result.stderr == "Error: 2 problems in the fixtures\n")

        let serve = try await CLIProcess.run(["serve", "--port", "0", "--fixtures", folder.path])
        #expect(serve.status == 1)
        #expect(serve.stderr.contains("$.credentials.scheme"))
    }

    @Test("validate: a broken file and a route clash in two other files, all in one run; no successor guessed while a file is unread")
    func validateAcrossFiles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = [
            "a/service.json":
                #"{"kind": "service", "name": "a", "credentials": {"scheme": "basic"}, "token": {"scheme": "bearer"}, "errors": {"mediaType": "application/json", "body": {}}}"#,
            "a/one.json":
                #"{"kind": "endpoint", "name": "one", "method": "GET", "path": "/x", "role": "public", "responses": [{"name": "ok", "when": "success", "status": 200}]}"#,
            "a/two.json":
                #"{"kind": "endpoint", "name": "two", "method": "GET", "path": "/x", "role": "public", "responses": [{"name": "ok", "when": "success", "status": 200}]}"#,
            "a/old.json":
                #"{"kind": "endpoint", "name": "old", "method": "GET", "path": "/old", "role": "public", "deprecation": {"successor": {"method": "GET", "path": "/new"}}, "responses": [{"name": "ok", "when": "success", "status": 200}]}"#,
            "a/new.json":
                #"{"kind": "endpoint", "name": "new", "method": "GET", "path": "/new", "role": "public", "responses": [{"name": "ok", "when": "success", "status": "200"}]}"#,
        ]
        for (name, text) in files {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("a"), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        let result = try await CLIProcess.run(["validate", folder.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("a/new.json: $.responses[0].status: expected a whole number, found the string \"200\""))
        #expect(result.stdout.contains("a/two.json: $.path: GET /x is already served by a/one"))
        #expect(!result.stdout.contains("successor"))
        #expect(result.stderr == "Error: 2 problems in the fixtures\n")
    }
}
