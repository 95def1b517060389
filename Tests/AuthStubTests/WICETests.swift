import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// Every row of SPEC's `wice` table, over a real socket, at both base paths.
@Suite("wice: AuthService Resource")
struct WICETests {
    static let json = ["Content-Type": "application/json", "Accept": "application/json"]
    static let credentials = #"{"username":"user","password":"secret"}"#
    static let v2 = "application/vnd.se.alkit.wice.authservice-v2+json"

    @Test("login with Accept: application/json → 201, auth-token header, StatusMessage body", arguments: ["/m2m", ""])
    func login(base: String) async throws {
        try await withStub { stub in
            let response = try await stub.send("POST", base + "/v1/auth/login", headers: Self.json, body: Self.credentials)
            #expect(response.status == 201)
            #expect(response.header("Content-Type") == "application/json")
            #expect(isUUIDv4(try #require(response.header("auth-token"))))
            #expect(response.text == #"{"code":12345,"message":"..."}"#)
            #expect(response.header("X-AuthStub-Example") == "wice/login#status-message")
            #expect(response.header("Vary") == "Accept")
            #expect(stub.lastEntry?.fixture == "wice/login#status-message")
            #expect(stub.lastEntry?.user == "user")
        }
    }

    @Test(
        "login answers JSON for an absent Accept, */* and application/*",
        arguments: [nil, "*/*", "application/*", "application/json;q=0.5, text/html"]
    )
    func loginAcceptVariants(accept: String?) async throws {
        try await withStub { stub in
            let connection = try await RawConnection.connect(port: try #require(stub.port))
            let acceptLine = accept.map { "Accept: \($0)\r\n" } ?? ""
            try await connection.send(
                "POST /v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n\(acceptLine)Content-Length: \(Self.credentials.utf8.count)\r\n\r\n\(Self.credentials)"
            )
            let response = try await connection.response()
            #expect(response.status == 201)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.header("auth-token") != nil)
        }
    }

    @Test("login with the v2 Accept → 201, the token as a JSON string, no auth-token header; the token works")
    func loginV2() async throws {
        try await withStub { stub in
            let response = try await stub.send(
                "POST",
                "/m2m/v1/auth/login",
                headers: ["Content-Type": "application/json", "Accept": Self.v2],
                body: Self.credentials
            )
            #expect(response.status == 201)
            #expect(response.header("Content-Type") == Self.v2)
            #expect(response.header("auth-token") == nil)
            #expect(response.header("X-AuthStub-Example") == "wice/login#token-string")
            let token = try #require(try JSONSerialization.jsonObject(with: response.body, options: .fragmentsAllowed) as? String)
            #expect(isUUIDv4(token))
            #expect(response.text == "\"\(token)\"")
            let logout = try await stub.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(logout.status == 204)
        }
    }

    @Test("q-values choose: v2 preferred over JSON, and a tie goes to the fixture's order")
    func negotiationPreferences() async throws {
        try await withStub { stub in
            let preferV2 = try await stub.send(
                "POST",
                "/v1/auth/login",
                headers: ["Content-Type": "application/json", "Accept": "application/json;q=0.5, \(Self.v2)"],
                body: Self.credentials
            )
            #expect(preferV2.header("Content-Type") == Self.v2)
            let tie = try await stub.send(
                "POST",
                "/v1/auth/login",
                headers: ["Content-Type": "application/json", "Accept": "\(Self.v2);q=0.8, application/json;q=0.8"],
                body: Self.credentials
            )
            #expect(tie.header("Content-Type") == "application/json")
        }
    }

    @Test("wrong or unknown credentials → 401 with the documented StatusMessage and a challenge")
    func badCredentials() async throws {
        try await withStub { stub in
            let wrong = try await stub.send("POST", "/v1/auth/login", headers: Self.json, body: #"{"username":"user","password":"nope"}"#)
            #expect(wrong.status == 401)
            #expect(wrong.text == #"{"code":401,"message":"The username and password do not match any credentials."}"#)
            #expect(wrong.header("WWW-Authenticate") == #"auth-token realm="wice""#)
            #expect(stub.lastEntry?.reason == #"wrong password for user "user""#)
            #expect(stub.lastEntry?.fixture == "wice/login#bad-credentials")

            let unknown = try await stub.send("POST", "/v1/auth/login", headers: Self.json, body: #"{"username":"mallory","password":"secret"}"#)
            #expect(unknown.status == 401)
            #expect(stub.lastEntry?.reason == #"no such user "mallory""#)
        }
    }

    @Test(
        "a body that is not JSON, or lacks a field, → 400 naming the problem",
        arguments: [
            ("not json", "the request body is not JSON"),
            (#"{"username":"user"}"#, "the request body lacks \"password\""),
            (#"{"password":"secret"}"#, "the request body lacks \"username\""),
            (#"["user","secret"]"#, "the request body must be a JSON object"),
            (#"{"username":1,"password":"secret"}"#, "\"username\" must be a string"),
        ]
    )
    func badBody(body: String, message: String) async throws {
        try await withStub { stub in
            let response = try await stub.send("POST", "/v1/auth/login", headers: Self.json, body: body)
            #expect(response.status == 400)
            #expect(response.json?["code"] as? Int == 400)
            #expect((response.json?["message"] as? String)?.hasPrefix(message) == true, "\(response.text)")
            #expect(stub.journal.count == 1)
        }
    }

    @Test("a Content-Type other than JSON → 415")
    func unsupportedMediaType() async throws {
        try await withStub { stub in
            let response = try await stub.send(
                "POST",
                "/v1/auth/login",
                headers: ["Content-Type": "text/plain", "Accept": "application/json"],
                body: Self.credentials
            )
            #expect(response.status == 415)
            #expect(response.json?["message"] as? String == "Content-Type must be application/json, not 'text/plain'")
        }
    }

    @Test("an Accept that allows neither type → 406 listing the supported types")
    func notAcceptable() async throws {
        try await withStub { stub in
            let response = try await stub.send(
                "POST",
                "/v1/auth/login",
                headers: ["Content-Type": "application/json", "Accept": "text/html"],
                body: Self.credentials
            )
            #expect(response.status == 406)
            let message = try #require(response.json?["message"] as? String)
            #expect(message.contains("application/json") && message.contains(Self.v2))
            #expect(stub.journal.isEmpty == false)
        }
    }

    @Test("DELETE logout with a valid token → 204 without a body, and the token is revoked")
    func deleteLogout() async throws {
        try await withStub { stub in
            let token = try await stub.wiceLogin()
            let connection = try await RawConnection.connect(port: try #require(stub.port))
            try await connection.send("DELETE /m2m/v1/auth/logout HTTP/1.1\r\nHost: a\r\nauth-token: \(token)\r\n\r\n")
            let response = try await connection.response()
            #expect(response.status == 204)
            #expect(response.body.isEmpty)
            #expect(response.header("Content-Length") == nil)
            #expect(response.header("X-AuthStub-Example") == "wice/logout#no-content")

            let again = try await stub.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(again.status == 401)
            #expect(again.json?["code"] as? Int == 401)
            #expect(stub.lastEntry?.reason == "token logged out")
        }
    }

    @Test("POST logout (deprecated) → 201 StatusMessage, Deprecation and successor Link, flagged in the journal", arguments: ["/m2m", ""])
    func deprecatedLogout(base: String) async throws {
        try await withStub { stub in
            let token = try await stub.wiceLogin(base: base)
            let response = try await stub.send("POST", base + "/v1/auth/logout", headers: ["auth-token": token, "Accept": "application/json"])
            #expect(response.status == 201)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text == #"{"code":12345,"message":"..."}"#)
            #expect(response.header("Deprecation") == "@1577836800")
            #expect(response.header("Link") == "<\(base)/v1/auth/logout>; rel=\"successor-version\"")
            #expect(response.header("Sunset") == nil)
            #expect(stub.lastEntry?.deprecated == true)
            let after = try await stub.send("DELETE", base + "/v1/auth/logout", headers: ["auth-token": token])
            #expect(after.status == 401)
        }
    }

    @Test("either logout with a missing, unknown, revoked or expired token → 401 StatusMessage with the reason journaled")
    func logoutRefusals() async throws {
        try await withStub { stub in
            let missing = try await stub.send("DELETE", "/v1/auth/logout")
            #expect(missing.status == 401)
            #expect(missing.text == #"{"code":401,"message":"missing token"}"#)
            #expect(missing.header("WWW-Authenticate") == #"auth-token realm="wice""#)

            let unknown = try await stub.send("POST", "/v1/auth/logout", headers: ["auth-token": "0b1f5b3e-0000-4000-8000-000000000000"])
            #expect(unknown.status == 401)
            #expect(stub.lastEntry?.reason == "unknown token")
            #expect(stub.lastEntry?.deprecated == true)

            let expired = try await stub.wiceLogin()
            try await stub.advanceClock(by: .seconds(8 * 3600))
            let late = try await stub.send("DELETE", "/v1/auth/logout", headers: ["auth-token": expired])
            #expect(late.status == 401)
            #expect(stub.lastEntry?.reason == "token idle for 8h0m (limit 8h)")
        }
    }

    @Test("an unknown path → 404 naming the closest fixtures; a known path with the wrong method → 405 with Allow")
    func nearMissAndWrongMethod() async throws {
        try await withStub { stub in
            let missing = try await stub.send("POST", "/v1/auth/logn", headers: Self.json, body: Self.credentials)
            #expect(missing.status == 404)
            let closest = try #require(missing.json?["closest"] as? [[String: Any]])
            #expect(closest.first?["fixture"] as? String == "wice/login")
            #expect(closest.first?["why"] as? String == "path differs by 1 character")
            #expect(stub.lastEntry?.fixture == nil)

            let wrong = try await stub.send("GET", "/m2m/v1/auth/logout")
            #expect(wrong.status == 405)
            #expect(wrong.header("Allow") == "DELETE, POST")
        }
    }
}
