import Foundation
import Testing

@testable import authstub

/// `authstub verify`: parsing, and the real binary against a real `authstub serve`.
@Suite("CLI: verify")
struct VerifyCLITests {
    @Test("verify flags, spaced or with =, and the AUTHSTUB_VERIFY_* variables; flags win")
    func parsing() throws {
        #expect(
            try CommandLineParser.parse([
                "verify", "--base-url", "http://h:1", "--fixtures", "a", "--fixtures=b",
                "--username", "u", "--password=p", "--junit", "out.xml", "--service", "wice", "--service=oauth2",
            ])
                == .verify(
                    VerifyOptions(
                        baseURL: "http://h:1",
                        fixtures: ["a", "b"],
                        username: "u",
                        password: "p",
                        junitFile: "out.xml",
                        services: ["wice", "oauth2"]
                    )
                )
        )
        let environment = [
            "AUTHSTUB_VERIFY_BASE_URL": "https://api.example", "AUTHSTUB_VERIFY_USERNAME": "eve",
            "AUTHSTUB_VERIFY_PASSWORD": "pw",
        ]
        #expect(
            try CommandLineParser.parse(["verify"], environment: environment)
                == .verify(VerifyOptions(baseURL: "https://api.example", username: "eve", password: "pw"))
        )
        #expect(
            try CommandLineParser.parse(["verify", "--base-url", "http://x"], environment: environment)
                == .verify(VerifyOptions(baseURL: "http://x", username: "eve", password: "pw"))
        )
    }

    @Test(
        "verify usage errors",
        arguments: [
            (["verify"], "verify needs --base-url <url> (or AUTHSTUB_VERIFY_BASE_URL)"),
            (["verify", "--base-url", "ftp://x"], "--base-url must start with http:// or https://, not 'ftp://x'"),
            (["verify", "--base-url", "http://x", "--username", "u"], "--username and --password go together"),
            (["verify", "--base-url"], "--base-url needs a value"),
            (["verify", "--base-url", "http://x", "--port", "1"], "unknown option '--port' for verify (see 'authstub --help')"),
        ]
    )
    func usageErrors(arguments: [String], message: String) {
        #expect(throws: UsageError(message: message)) { try CommandLineParser.parse(arguments) }
    }

    @Test("verify against a running authstub: the table, JUnit XML, exit 0; wrong credentials: exit 1 naming the drift")
    func verifyEndToEnd() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-verify-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let server = try CLIProcess.start(["serve", "--port", "0"])
        let url = try #require(try await server.firstLine().split(separator: " ").last.map(String.init))
        let junit = folder.appendingPathComponent("verify.xml").path

        // The seed services (oauth2's flows need more than a replayed request, issue 17).
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures")
        let seeds = ["usertoken", "wice"].flatMap { ["--fixtures", fixtures.appendingPathComponent($0).path] }
        let result = try await CLIProcess.run(["verify", "--base-url", url, "--junit", junit] + seeds)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("PASS    POST    /m2m/v1/auth/logout  wice/logout-post#status-message        201     DEPRECATED"))
        #expect(result.stdout.hasSuffix("11 examples checked: all match.\n"))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("<testsuites name=\"authstub verify\" tests=\"11\" failures=\"0\">"))

        let wrong = try await CLIProcess.run(["verify", "--base-url", url, "--username", "user", "--password", "wrong"] + seeds)
        #expect(wrong.status == 1)
        #expect(
            wrong.stdout.contains(
                "FAIL    POST    /auth/login          usertoken/login#user-token             401 (want 200)  status 401, expected 200"
            )
        )

        let bundled = try await CLIProcess.run(["verify", "--base-url", url])
        #expect(bundled.stdout.hasPrefix("Verifying \(url) against usertoken, wice\n"), "oauth2 says verifyByDefault: false")
        #expect(bundled.stdout.hasSuffix("11 examples checked: all match.\n"))
        let one = try await CLIProcess.run(["verify", "--base-url", url, "--service", "wice"])
        #expect(one.status == 0, "\(one.stdout)\(one.stderr)")
        #expect(one.stdout.hasPrefix("Verifying \(url) against wice\n"))
        #expect(one.stdout.hasSuffix("5 examples checked: all match.\n"))
        let unknown = try await CLIProcess.run(["verify", "--base-url", url, "--service", "wice", "--service", "nope"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("--service nope: no such service is loaded (loaded: "))
        _ = try await server.stop(signal: SIGTERM)
    }
}

/// `authstub openapi`.
@Suite("CLI: openapi")
struct OpenAPICLITests {
    @Test("openapi prints an OpenAPI 3.1 JSON document and exits 0; a bad flag exits 64")
    func openapi() async throws {
        let result = try await CLIProcess.run(["openapi"])
        #expect(result.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(document?["openapi"] as? String == "3.1.0")
        let paths = (document?["paths"] as? [String: Any])?.keys.filter { !$0.hasPrefix("/oauth2/") && !$0.hasPrefix("/.well-known/") }
        #expect(paths?.count == 7)
        let bad = try await CLIProcess.run(["openapi", "--port", "1"])
        #expect(bad.status == 64)
        #expect(bad.stderr == "Error: unknown option '--port' for openapi (see 'authstub --help')\n")
        #expect(try CommandLineParser.parse(["openapi", "--fixtures", "a", "--fixtures=b"]) == .openapi(["a", "b"]))
    }
}
