import Foundation
import Testing

@testable import AuthStub

/// Which responses a recorded route gets: outcomes and reasons, a `match` for an answer no
/// outcome gives, what is left out and why, and times as placeholders.
@Suite("Recording: responses")
struct RecordingResponseTests {
    static let token = "0b6f6a7e-5d3c-4e2b-9a1f-2c3d4e5f6a7b"
    static let login = exchange(
        "POST",
        "/login",
        body: #"{"email":"ann@example.test","password":"swordfish"}"#,
        status: 200,
        response: #"{"token":"\#(token)"}"#
    )
    static let bearer = [("Authorization", "Bearer \(token)")]

    @Test("an answer for one id gets a match on the path parameter, before the unconditional one; one nothing tells apart is left out")
    func matchAndLeftOut() async throws {
        let exchanges = [
            Self.login,
            exchange("GET", "/items/1", headers: Self.bearer, status: 200, response: #"{"id":1}"#, at: 1),
            exchange("GET", "/items/2", headers: Self.bearer, status: 200, response: #"{"id":2}"#, at: 2),
            exchange("GET", "/items/999", headers: Self.bearer, status: 404, response: #"{"detail":"no such item"}"#, at: 3),
            exchange("GET", "/items/1", headers: Self.bearer, status: 503, response: #"{"detail":"busy"}"#, at: 4),
        ]
        try await withRecordedFolder(exchanges) { folder, report in
            let items = try recordedJSON("get-items-itemid.json", in: folder)
            let responses = try #require(items["responses"]?.arrayValue)
            #expect(responses.map { $0["status"]?.intValue } == [404, 200])
            #expect(responses[0]["match"] == .object(["path.itemId": .string("999")]))
            #expect(responses[0]["when"]?.stringValue == "success")
            #expect(report.interpretations.contains { $0.hasPrefix("get-items-itemid.json: the 503 answer") && $0.contains("left out") })
            let password = try #require(report.users.first?.password)

            try await withStub(AuthStubServer.Options(fixtures: [.directory(folder)])) { stub in
                let capture = try ExchangeCapture(stub)
                let login = try await capture.send("POST", "/login", body: #"{"email":"ann@example.test","password":"\#(password)"}"#)
                let token = try #require(try JSONValue.parse(login.text)["token"]?.stringValue)
                let bearer = [("Authorization", "Bearer \(token)")]
                #expect(try await capture.send("GET", "/items/999", headers: bearer).status == 404)
                #expect(try await capture.send("GET", "/items/5", headers: bearer).status == 200)
            }
        }
    }

    @Test(
        "refusal reasons: a login without credentials is missing, with wrong ones wrong; a token route without a token missing, an unknown token unknown, a logged out one revoked"
    )
    func reasons() async throws {
        let exchanges = [
            exchange("POST", "/login", body: #"{"note":"none"}"#, status: 401, response: #"{"detail":"credentials required"}"#),
            exchange(
                "POST",
                "/login",
                body: #"{"email":"ann@example.test","password":"guess"}"#,
                status: 403,
                response: #"{"detail":"bad credentials"}"#
            ),
            Self.login,
            exchange("GET", "/me", status: 401, response: #"{"detail":"no token"}"#, at: 1),
            exchange(
                "GET",
                "/me",
                headers: [("Authorization", "Bearer 11111111-2222-4333-8444-555555555555")],
                status: 401,
                response: #"{"detail":"unknown"}"#,
                at: 2
            ),
            exchange("GET", "/me", headers: Self.bearer, status: 200, response: #"{"email":"ann@example.test"}"#, at: 3),
            exchange("POST", "/logout", headers: Self.bearer, status: 200, response: #"{"ok":true}"#, at: 4),
            exchange("GET", "/me", headers: Self.bearer, status: 401, response: #"{"detail":"logged out"}"#, at: 5),
        ]
        try await withRecordedFolder(exchanges) { folder, _ in
            let login = try #require(try recordedJSON("post-login.json", in: folder)["responses"]?.arrayValue)
            #expect(login.map { $0["when"]?.stringValue } == ["success", "badRequest", "badCredentials"])
            #expect(login.map { $0["reason"] } == [nil, .array([.string("missing")]), .array([.string("wrong")])])
            let me = try #require(try recordedJSON("get-me.json", in: folder)["responses"]?.arrayValue)
            #expect(me.compactMap { $0["reason"]?.arrayValue?.first?.stringValue } == ["missing", "unknown", "revoked"])
            #expect(try recordedJSON("post-logout.json", in: folder)["role"]?.stringValue == "logout")

            try await withStub(AuthStubServer.Options(fixtures: [.directory(folder)])) { stub in
                let capture = try ExchangeCapture(stub)
                #expect(try await capture.send("GET", "/me").text == #"{"detail":"no token"}"#)
                #expect(try await capture.send("GET", "/me", headers: Self.bearer).text == #"{"detail":"unknown"}"#)
                #expect(try await capture.send("POST", "/login", body: #"{"note":"none"}"#).status == 401)
            }
        }
    }

    @Test(
        "times: RFC 3339 at the exchange is {{now}}, later on a login {{token.expiresAt}}; Unix seconds {{token.issuedAtUnix}} and {{token.expiresAtUnix}}; the lifetime follows"
    )
    func times() async throws {
        let issued = 1_800_000_000
        let body = #"{"token":"\#(Self.token)","iat":\#(issued),"exp":\#(issued + 7200),"at":"2027-01-15T08:00:00Z","until":"2027-01-15T10:00:00Z"}"#
        let exchanges = [
            exchange("POST", "/login", body: #"{"email":"ann@example.test","password":"swordfish"}"#, status: 200, response: body),
            exchange("GET", "/me", headers: Self.bearer, status: 200, response: #"{"seen":"2027-01-15T08:00:01Z","n":1800000000}"#, at: 1),
        ]
        try await withRecordedFolder(exchanges) { folder, _ in
            let login = try recordedJSON("post-login.json", in: folder)["responses"]?.arrayValue?.first?["body"]
            #expect(login?["iat"]?.stringValue == "{{token.issuedAtUnix}}")
            #expect(login?["exp"]?.stringValue == "{{token.expiresAtUnix}}")
            #expect(login?["at"]?.stringValue == "{{now}}")
            #expect(login?["until"]?.stringValue == "{{token.expiresAt}}")
            #expect(try recordedJSON("service.json", in: folder)["token"]?["lifetime"]?.stringValue == "2h")
            let me = try recordedJSON("get-me.json", in: folder)["responses"]?.arrayValue?.first?["body"]
            #expect(me == .object(["seen": .string("{{now}}"), "n": .int(1_800_000_000)]))
        }
    }
}

/// Recordings a fixture cannot hold as they are: the folder still loads, and says what it left out.
@Suite("Recording: what a fixture cannot hold")
struct RecordingOddExchangeTests {
    @Test("a path with braces, a lower-case method, a trailing slash, a huge expiry, a gzip body, a second Set-Cookie")
    func oddExchanges() async throws {
        let token = "0b6f6a7e-5d3c-4e2b-9a1f-2c3d4e5f6a7b"
        let exchanges = [
            exchange(
                "POST",
                "/login",
                body: #"{"username":"ann","password":"swordfish"}"#,
                status: 200,
                responseHeaders: [("Content-Type", "application/json"), ("Set-Cookie", "a=1; Path=/"), ("Set-Cookie", "b=2; Path=/")],
                response: #"{"token":"\#(token)","expires_in":99999999999999}"#
            ),
            exchange("GET", "/odd/{x}", status: 200, response: "{}", at: 1),
            exchange("get", "/lower", status: 200, response: "{}", at: 2),
            exchange("GET", "/slash/", status: 200, response: "{}", at: 3),
            exchange(
                "GET",
                "/zipped",
                status: 200,
                responseHeaders: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")],
                response: "\u{1f}\u{8b}",
                at: 4
            ),
        ]
        try await withRecordedFolder(exchanges) { folder, report in
            let files = Set(try recordedFiles(in: folder).keys)
            #expect(files == ["service.json", "post-login.json", "get-slash.json", "get-zipped.json"])
            #expect(try recordedJSON("get-slash.json", in: folder)["path"]?.stringValue == "/slash/")
            #expect(try recordedJSON("service.json", in: folder)["token"]?["lifetime"] == nil)
            #expect(report.interpretations.filter { $0.contains("left out: a fixture's method") }.count == 2)
            #expect(report.interpretations.contains { $0.contains("gzip-encoded") })
            #expect(report.interpretations.contains { $0.contains("only one Set-Cookie") })
        }
    }
}
