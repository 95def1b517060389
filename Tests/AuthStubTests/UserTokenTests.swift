import Foundation
import StubHTTP
import TestSupport
import Testing

@testable import AuthStub

/// Every row of SPEC's `usertoken` table, over a real socket.
@Suite("usertoken: Authentication API")
struct UserTokenTests {
    static let basic = "Basic " + Data("user:secret".utf8).base64EncodedString()

    @Test("login with Basic → 200 UserToken with the server clock's creationTime, Vary: Accept")
    func login() async throws {
        try await withStub { stub in
            try await stub.freezeClock(at: Date(timeIntervalSince1970: 1_795_428_000))
            let response = try await stub.send("POST", "/auth/login", headers: ["Authorization": Self.basic, "Accept": "application/json"])
            #expect(response.status == 200)
            #expect(response.header("Vary") == "Accept")
            #expect(response.header("Content-Type") == "application/json")
            let token = try #require(response.json?["token"] as? String)
            #expect(isUUIDv4(token))
            #expect(response.text == #"{"creationTime":"2026-11-23T10:00:00+00:00","enabled":true,"token":"\#(token)","version":0}"#)
            #expect(response.header("X-AuthStub-Example") == "usertoken/login#user-token")
            #expect(response.header("Date") == "Mon, 23 Nov 2026 10:00:00 GMT")
        }
    }

    /// Found auditing for the trap the Accept fuzz target hit (issue 8): the credentials were
    /// split at the first colon `Character`, and a colon followed by a combining mark is none.
    @Test("login with Basic splits at the first colon byte, even before a combining mark")
    func basicColonBeforeCombiningMark() async throws {
        try await withStub { stub in
            _ = try await stub.setUser(ServiceUser(service: "usertoken", username: "ada", password: "\u{301}pw"))
            let basic = "Basic " + Data("ada:\u{301}pw".utf8).base64EncodedString()
            let response = try await stub.send("POST", "/auth/login", headers: ["Authorization": basic, "Accept": "application/json"])
            #expect(response.status == 200)
        }
    }

    @Test("login with note and expirationTime echoes both (the document's second example)")
    func loginWithNote() async throws {
        try await withStub { stub in
            let body = #"{"note":"Client API Access","expirationTime":"2099-07-29T23:59:59-05:00"}"#
            let response = try await stub.send(
                "POST",
                "/auth/login",
                headers: ["Authorization": Self.basic, "Accept": "application/json", "Content-Type": "application/json"],
                body: body
            )
            #expect(response.status == 200)
            #expect(response.header("X-AuthStub-Example") == "usertoken/login#with-note")
            let json = try #require(response.json)
            #expect(json["note"] as? String == "Client API Access")
            #expect(json["expirationTime"] as? String == "2099-07-29T23:59:59-05:00")
            #expect(Array(response.text.split(separator: ":").first ?? "") == Array(#"{"note""#))

            let noteOnly = try await stub.send(
                "POST",
                "/auth/login",
                headers: ["Authorization": Self.basic, "Content-Type": "application/json"],
                body: #"{"note":"n"}"#
            )
            #expect(noteOnly.json?["note"] as? String == "n")
            #expect(noteOnly.json?["expirationTime"] == nil)
        }
    }

    /// Over a raw socket: Linux's URLSession never hands back a 401 that carries a Basic challenge.
    @Test("login with a missing or wrong Basic header → 401 with WWW-Authenticate: Basic")
    func badCredentials() async throws {
        try await withStub { stub in
            let connection = try await RawConnection.connect(port: try #require(stub.port))
            func login(_ authorization: String?) async throws -> RawResponse {
                let header = authorization.map { "Authorization: \($0)\r\n" } ?? ""
                try await connection.send("POST /auth/login HTTP/1.1\r\nHost: a\r\nAccept: application/json\r\n\(header)\r\n")
                return try await connection.response()
            }
            let missing = try await login(nil)
            #expect(missing.status == 401)
            #expect(missing.header("WWW-Authenticate") == #"Basic realm="usertoken""#)
            #expect(missing.text == #"{"message":"Authorization failed"}"#)
            #expect(stub.lastEntry?.reason == "missing credentials (no Authorization header)")

            let wrong = try await login("Basic " + Data("user:nope".utf8).base64EncodedString())
            #expect(wrong.status == 401)
            #expect(stub.lastEntry?.reason == #"wrong password for user "user""#)

            let garbage = try await login("Basic %%%")
            #expect(garbage.status == 401)
            #expect(stub.lastEntry?.reason == "malformed Basic credentials")
        }
    }

    @Test("bump with a valid token → 200 lastLoginTime now, and the token's last use moves")
    func bump() async throws {
        try await withStub { stub in
            let token = try await stub.userTokenLogin()
            try await stub.freezeClock(at: Date(timeIntervalSince1970: 1_795_428_000))
            let response = try await stub.send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"])
            #expect(response.status == 200)
            #expect(response.text == #"{"lastLoginTime":"2026-11-23T10:00:00+00:00"}"#)
            let record = try #require(stub.engine.state.withLock { $0.tokens.record(token) })
            #expect(record.lastUsedAt == 1_795_428_000_000)
        }
    }

    @Test("logout → 200 success, then the token is refused")
    func logout() async throws {
        try await withStub { stub in
            let token = try await stub.userTokenLogin()
            let response = try await stub.send("POST", "/auth/logout", headers: ["Authorization": "Bearer \(token)"])
            #expect(response.status == 200)
            #expect(response.text == #"{"success":true}"#)
            let bump = try await stub.send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(token)"])
            #expect(bump.status == 401)
            #expect(bump.header("WWW-Authenticate") == "Bearer")
            #expect(stub.lastEntry?.reason == "token logged out")
        }
    }

    @Test("bump or logout with a missing, unknown or past-expirationTime token → 401 with WWW-Authenticate: Bearer")
    func tokenRefusals() async throws {
        try await withStub { stub in
            let missing = try await stub.send("POST", "/auth/bump")
            #expect(missing.status == 401)
            #expect(missing.header("WWW-Authenticate") == "Bearer")
            #expect(stub.lastEntry?.reason == "missing token")

            let unknown = try await stub.send("POST", "/auth/logout", headers: ["Authorization": "Bearer nope"])
            #expect(unknown.status == 401)
            #expect(stub.lastEntry?.reason == "unknown token")

            let inOneHour = RFC3339.string(epochSeconds: Int(stub.now.timeIntervalSince1970) + 3600)
            let token = try await stub.userTokenLogin(body: #"{"expirationTime":"\#(inOneHour)"}"#)
            #expect(try await stub.send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(token)"]).status == 200)
            try await stub.advanceClock(by: .seconds(3601))
            let expired = try await stub.send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(token)"])
            #expect(expired.status == 401)
            #expect(stub.lastEntry?.reason == "past expirationTime")
        }
    }

    @Test("a disabled token is refused, and past its expirationTime even when re-enabled")
    func disabledToken() async throws {
        try await withStub { stub in
            let inOneHour = RFC3339.string(epochSeconds: Int(stub.now.timeIntervalSince1970) + 3600)
            let token = try await stub.userTokenLogin(body: #"{"expirationTime":"\#(inOneHour)"}"#)
            // The control API will toggle this; the engine's state is set directly here.
            stub.engine.state.withLock { $0.tokens.setEnabled(token, false) }
            #expect(try await stub.send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(token)"]).status == 401)
            #expect(stub.lastEntry?.reason == "token disabled")
            stub.engine.state.withLock { $0.tokens.setEnabled(token, true) }
            #expect(try await stub.send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(token)"]).status == 200)
            stub.engine.state.withLock { $0.tokens.setEnabled(token, false) }
            try await stub.advanceClock(by: .seconds(7200))
            _ = try await stub.send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(token)"])
            #expect(stub.lastEntry?.reason == "past expirationTime", "expirationTime applies regardless of enabled state")
        }
    }

    @Test("a token from one service is unknown to the other")
    func tokensStayInTheirService() async throws {
        try await withStub { stub in
            let wiceToken = try await stub.wiceLogin()
            let bump = try await stub.send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(wiceToken)"])
            #expect(bump.status == 401)
            #expect(stub.lastEntry?.reason == "unknown token")
        }
    }

    @Test("an Accept that does not allow application/json → 406; a bad expirationTime → 400")
    func refusals() async throws {
        try await withStub { stub in
            let html = try await stub.send("POST", "/auth/login", headers: ["Authorization": Self.basic, "Accept": "text/html"])
            #expect(html.status == 406)
            let badTime = try await stub.send(
                "POST",
                "/auth/login",
                headers: ["Authorization": Self.basic, "Content-Type": "application/json"],
                body: #"{"expirationTime":"tomorrow"}"#
            )
            #expect(badTime.status == 400)
            #expect((badTime.json?["message"] as? String)?.contains("expirationTime") == true)
        }
    }
}
