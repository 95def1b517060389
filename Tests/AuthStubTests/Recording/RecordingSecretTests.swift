import Foundation
import Testing

@testable import AuthStub

/// What the recorder never writes, what it keeps on request, and how it says so.
@Suite("Recording: secrets")
struct RecordingSecretTests {
    static let token = "0b6f6a7e-5d3c-4e2b-9a1f-2c3d4e5f6a7b"
    static let exchanges = [
        exchange(
            "POST",
            "/login",
            body: #"{"email":"ann@example.test","password":"swordfish","ssn":"078-05-1120"}"#,
            status: 200,
            response: #"{"token":"\#(token)","echo":"you sent swordfish","ssn":"078-05-1120","pin":1234,"note":"{{not a placeholder}}"}"#
        ),
        exchange(
            "POST",
            "/partners",
            headers: [("Authorization", "ApiKey pk_9d8c7b6a5f4e3d2c"), ("Cookie", "tracker=abcdef123456")],
            body: #"{"client_id":"app","client_secret":"shh-very-secret"}"#,
            status: 201,
            responseHeaders: [("Content-Type", "application/json"), ("Set-Cookie", "tracker=abcdef123456; Path=/")],
            response: #"{"client_secret":"shh-very-secret","created":true}"#,
            at: 1
        ),
        exchange("GET", "/me", headers: [("Authorization", "Bearer \(token)")], status: 200, response: #"{"email":"ann@example.test"}"#, at: 2),
    ]
    static let secrets = [token, "swordfish", "078-05-1120", "pk_9d8c7b6a5f4e3d2c", "abcdef123456", "shh-very-secret", "1234"]

    @Test("passwords, tokens, cookies, Authorization values, client secrets and scrubFields never reach a file; the report says what went where")
    func nothingSecretWritten() async throws {
        let options = RecordingOptions(service: "shop", scrubFields: ["ssn", "PIN"])
        try await withRecordedFolder(Self.exchanges, options: options) { folder, report in
            for (name, text) in try recordedFiles(in: folder) {
                for secret in Self.secrets { #expect(!text.contains(secret), "\(name) holds \(secret)") }
            }
            let body = try recordedJSON("post-login.json", in: folder)["responses"]?.arrayValue?.first?["body"]
            #expect(body?["echo"]?.stringValue == "you sent [scrubbed]")
            #expect(body?["ssn"]?.stringValue == "[scrubbed]" && body?["pin"]?.stringValue == "[scrubbed]")
            #expect(body?["note"]?.stringValue == "{ {not a placeholder}}")
            let partners = try recordedJSON("post-partners.json", in: folder)
            #expect(partners["responses"]?.arrayValue?.first?["headers"]?["Set-Cookie"]?.stringValue == "tracker=[scrubbed]; Path=/")
            #expect(partners["request"]?["body"]?["client_secret"]?.stringValue == "[scrubbed]")
            #expect(
                report.scrubbed.contains(
                    "post-login.json: the passwords in body fields email/password of 1 requests → not written (service.json's users have new passwords)"
                )
            )
            #expect(report.scrubbed.contains { $0.hasPrefix("post-partners.json: secret values in") })
            let text = report.lines().joined(separator: "\n")
            for secret in Self.secrets { #expect(!text.contains(secret)) }
            #expect(report.users.first?.password != "swordfish")
        }
    }

    @Test("keepCredentials writes the recorded password in service.json, and only there")
    func keepCredentials() async throws {
        try await withRecordedFolder(Self.exchanges, options: RecordingOptions(service: "shop", keepCredentials: true)) { folder, report in
            #expect(report.users == [RecordingReport.User(list: "users", username: "ann@example.test", password: "swordfish", kept: true)])
            let files = try recordedFiles(in: folder)
            #expect(files["service.json"]?.contains("swordfish") == true)
            #expect(files.filter { $0.key != "service.json" }.allSatisfy { !$0.value.contains("swordfish") })
            #expect(report.lines().contains("  ann@example.test / swordfish (as recorded)"))
        }
    }
}

/// A token in a path: the route is left out, and no sentence names the token.
@Suite("Recording: a secret in a path")
struct RecordingSecretPathTests {
    @Test("a route whose path holds the token is left out; the interpretations name no token")
    func tokenInPath() async throws {
        let token = "0b6f6a7e-5d3c-4e2b-9a1f-2c3d4e5f6a7b"
        let exchanges = [
            exchange("POST", "/login", body: #"{"username":"ann","password":"swordfish"}"#, status: 200, response: #"{"token":"\#(token)"}"#),
            exchange("GET", "/me", headers: [("Authorization", "Bearer \(token)")], status: 200, response: "{}", at: 1),
            exchange(
                "GET",
                "/sessions/\(token)",
                headers: [("Authorization", "Bearer \(token)")],
                status: 404,
                response: #"{"message":"gone"}"#,
                at: 2
            ),
        ]
        try await withRecordedFolder(exchanges) { folder, report in
            let names = Set(try recordedFiles(in: folder).keys)
            #expect(names == ["service.json", "post-login.json", "get-me.json"])
            #expect(report.interpretations.contains("GET /sessions/{{token}} left out: its path holds a token or a secret"))
            #expect(!report.lines().joined().contains(token))
            let files = try recordedFiles(in: folder)
            #expect(files.values.allSatisfy { !$0.contains(token) })
        }
    }
}
