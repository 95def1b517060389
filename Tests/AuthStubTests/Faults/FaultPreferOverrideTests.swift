import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// Per-request overrides in Prism's manner (`Prefer: code=…`, `Prefer: example=…`,
/// `?__code=…`, `?__example=…`), over a real socket.
@Suite("Prefer and ?__code overrides")
struct FaultPreferOverrideTests {
    static let badCredentials = #"{"code":401,"message":"The username and password do not match any credentials."}"#

    @Test(
        "Prefer: code=401 and ?__code=401 on wice login answer the documented 401 example, right credentials or not",
        arguments: [
            ("/m2m/v1/auth/login", ["Prefer": "code=401"], "Prefer: code=401"),
            ("/m2m/v1/auth/login?__code=401", [:], "?__code=401"),
            ("/v1/auth/login", ["Prefer": "respond-async, code=401; lenient"], "Prefer: code=401"),
            ("/v1/auth/login", ["Prefer": #"code="401""#], "Prefer: code=401"),
        ]
    )
    func forced401(path: String, headers: [String: String], origin: String) async throws {
        try await withStub { stub in
            let response = try await stub.faultWiceLogin(path, headers: headers)
            #expect(response.status == 401)
            #expect(response.text == Self.badCredentials)
            #expect(response.header("X-AuthStub-Example") == "wice/login#bad-credentials")
            #expect(response.header("WWW-Authenticate") == #"auth-token realm="wice""#)
            #expect(response.header("auth-token") == nil)
            #expect(try await stub.tokens().isEmpty)
            let entry = try #require(stub.lastEntry)
            #expect(entry.reason == "forced by \(origin)")
            #expect(entry.fixture == "wice/login#bad-credentials")
            #expect(entry.status == 401)
            #expect(entry.fault == nil)
        }
    }

    @Test(
        "Prefer: example=token-string answers that example, and the token it carries really works",
        arguments: [
            ("/m2m/v1/auth/login", ["Prefer": "example=token-string"]),
            ("/m2m/v1/auth/login?__example=token-string", [:]),
        ]
    )
    func forcedExample(path: String, headers: [String: String]) async throws {
        try await withStub { stub in
            // Accept asks for JSON; the override still chooses the v2 example.
            let response = try await stub.faultWiceLogin(path, headers: headers)
            #expect(response.status == 201)
            #expect(response.header("X-AuthStub-Example") == "wice/login#token-string")
            #expect(response.header("Content-Type") == FaultRequests.v2)
            #expect(response.header("auth-token") == nil)
            let token = try #require(try JSONSerialization.jsonObject(with: response.body, options: .fragmentsAllowed) as? String)
            #expect(isUUIDv4(token))
            #expect(try await stub.tokens().map(\.token) == [token])

            let logout = try await stub.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(logout.status == 204)
        }
    }

    @Test("a forced success on login issues a token that works afterwards, even when the credentials are wrong")
    func forcedSuccessIssuesToken() async throws {
        try await withStub { stub in
            let response = try await stub.send(
                "POST",
                "/m2m/v1/auth/login?__code=201",
                headers: FaultRequests.json,
                body: #"{"username":"user","password":"wrong"}"#
            )
            #expect(response.status == 201)
            #expect(response.header("X-AuthStub-Example") == "wice/login#status-message")
            let token = try #require(response.header("auth-token"))
            #expect(isUUIDv4(token))
            #expect(stub.lastEntry?.reason == "forced by ?__code=201")
            #expect(stub.lastEntry?.user == "user")

            let logout = try await stub.send("POST", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(logout.status == 201)
            #expect(try await stub.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token]).status == 401)
        }
    }

    @Test("?__code=503, which no example documents, answers wice's error shape with that status")
    func undocumentedErrorStatus() async throws {
        try await withStub { stub in
            let response = try await stub.faultWiceLogin("/m2m/v1/auth/login?__code=503")
            #expect(response.status == 503)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.json?["code"] as? Int == 503)
            #expect(response.json?["message"] as? String == "forced by ?__code=503")
            #expect(response.header("X-AuthStub-Example") == nil)
            #expect(try await stub.tokens().isEmpty)
            #expect(stub.lastEntry?.reason == "forced by ?__code=503")
            #expect(stub.lastEntry?.status == 503)
        }
    }

    @Test("Prefer: code=200 where only 201 and 401 are documented: 400 from AuthStub naming the documented codes")
    func undocumentedSuccessCode() async throws {
        try await withStub { stub in
            let response = try await stub.faultWiceLogin(headers: ["Prefer": "code=200"])
            #expect(response.status == 400)
            let message = try #require(response.json?["error"] as? String)
            #expect(message == "Prefer: code=200: wice/login documents no 200 response (it documents: 201, 401)")
            #expect(try await stub.tokens().isEmpty)
            #expect(stub.lastEntry?.reason == message)
        }
    }

    @Test("Prefer: example=nope: 400 listing the endpoint's example names")
    func unknownExample() async throws {
        try await withStub { stub in
            let response = try await stub.faultWiceLogin(headers: ["Prefer": "example=nope"])
            #expect(response.status == 400)
            let message = try #require(response.json?["error"] as? String)
            #expect(message == #"Prefer: example=nope: wice/login has no example "nope" (it has: status-message, token-string, bad-credentials)"#)
        }
    }

    @Test("a code that is not a status from 200 to 599: 400", arguments: ["abc", "99", "600", "2011", ""])
    func badCode(code: String) async throws {
        try await withStub { stub in
            let response = try await stub.faultWiceLogin("/v1/auth/login?__code=\(code)")
            #expect(response.status == 400)
            #expect(response.json?["error"] as? String == "?__code=\(code): \"\(code)\" is not a status code from 200 to 599")
            #expect(try await stub.tokens().isEmpty)
        }
    }

    @Test("Prefer: code=401 on a bump with a valid token: the documented 401 with the Bearer challenge; the token stays valid")
    func forced401OnBump() async throws {
        try await withStub { stub in
            let token = try await stub.userTokenLogin()
            let response = try await stub.send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(token)", "Prefer": "code=401"])
            #expect(response.status == 401)
            #expect(response.text == #"{"message":"Authorization failed"}"#)
            #expect(response.header("WWW-Authenticate") == "Bearer")
            #expect(response.header("X-AuthStub-Example") == "usertoken/bump#authorization-failed")
            #expect(try await stub.faultBump(token).status == 200)
        }
    }

    @Test("a forced success on logout really logs out")
    func forcedLogout() async throws {
        try await withStub { stub in
            let token = try await stub.userTokenLogin()
            let response = try await stub.send("POST", "/auth/logout?__code=200", headers: ["Authorization": "Bearer \(token)"])
            #expect(response.status == 200)
            #expect(response.text == #"{"success":true}"#)
            #expect(try await stub.faultBump(token).status == 401)
            #expect(stub.lastEntry?.reason == "token logged out")
        }
    }

    @Test("a fault wins over an override; an unmatched path ignores the override")
    func faultBeforeOverride() async throws {
        try await withStub { stub in
            try await stub.addFault(.status(503), match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)
            let faulted = try await stub.faultWiceLogin(headers: ["Prefer": "code=401"])
            #expect(faulted.status == 503)
            #expect(faulted.header("X-AuthStub-Fault") == "f1")
            #expect(try await stub.faultWiceLogin(headers: ["Prefer": "code=401"]).status == 401)

            let missing = try await stub.send("GET", "/v1/auth/whoami?__code=200")
            #expect(missing.status == 404)
        }
    }
}
