import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// A login's refusals carry a reason: `missing` (no credentials sent) or `wrong` (unknown user,
/// wrong password, malformed), so a fixture answers each as its API documents (knox:
/// "Authentication credentials were not provided." vs "Invalid username/password.").
@Suite("Credential refusal reasons")
struct CredentialReasonTests {
    static let service = """
        { "kind": "service", "name": "knox",
          "credentials": { "scheme": "basic", "challenge": "Basic realm=\\"api\\"" }, "token": { "scheme": "bearer" },
          "users": [ { "username": "ada", "password": "pw" } ],
          "errors": { "mediaType": "application/json", "body": { "detail": "{{message}}" } } }
        """
    static let login = """
        { "kind": "endpoint", "name": "login", "method": "POST", "path": "/api/auth/login", "role": "login",
          "responses": [
            { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" }, "body": { "token": "{{token}}" } },
            { "name": "not-provided", "when": "badCredentials", "reason": "missing", "status": 401,
              "headers": { "Content-Type": "application/json" }, "body": { "detail": "Authentication credentials were not provided." } },
            { "name": "invalid", "when": "badCredentials", "reason": "wrong", "status": 401,
              "headers": { "Content-Type": "application/json" }, "body": { "detail": "Invalid username/password." } }
          ] }
        """

    @Test("raw socket: no Authorization is 'missing', a wrong password, an unknown user or malformed Basic are 'wrong'; each has its answer")
    func missingVersusWrong() async throws {
        try await withTemporaryFolder { folder in
            try write(Self.service, to: "knox/service.json", in: folder)
            try write(Self.login, to: "knox/login.json", in: folder)
            try await withStub(AuthStubServer.Options(fixtures: [.directory(folder.appendingPathComponent("knox"))])) { stub in
                let connection = try await RawConnection.connect(port: try #require(stub.port))
                let basic = { (pair: String) in "Authorization: Basic \(Data(pair.utf8).base64EncodedString())\r\n" }
                let cases: [(header: String, example: String, reason: RefusalReason)] = [
                    ("", "knox/login#not-provided", .missing),
                    ("Authorization: Bearer abc\r\n", "knox/login#not-provided", .missing),
                    (basic("ada:nope"), "knox/login#invalid", .wrong),
                    (basic("eve:pw"), "knox/login#invalid", .wrong),
                    ("Authorization: Basic !!!\r\n", "knox/login#invalid", .wrong),
                ]
                for item in cases {
                    try await connection.send("POST /api/auth/login HTTP/1.1\r\nHost: a\r\n\(item.header)Content-Length: 0\r\n\r\n")
                    let response = try await connection.response()
                    #expect(response.status == 401)
                    #expect(response.header("X-AuthStub-Example") == item.example, "\(item.header)")
                    #expect(response.header("WWW-Authenticate") == #"Basic realm="api""#)
                    #expect(stub.lastEntry?.refusalReason == item.reason)
                }
                try await connection.send("POST /api/auth/login HTTP/1.1\r\nHost: a\r\n\(basic("ada:pw"))Content-Length: 0\r\n\r\n")
                #expect(try await connection.response().status == 200)
            }
        }
    }
}
