import Foundation
import StubHTTP
import TestSupport
import Testing

@testable import AuthStub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One suite run over every transport: the socket, the socket-free transport to a started
/// server, and the socket-free transport to a server that never listens. Each test asserts
/// the documented answer, so all three must give it.
@Suite("Transport: the same answers over the socket and in process")
struct TransportSharedTests {
    @Test("wice login → 201, auth-token header, StatusMessage body, journaled with its headers", arguments: TransportUnderTest.allCases)
    func wiceLogin(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            let response = try await client.wiceLogin()
            #expect(response.status == 201)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.header("Vary") == "Accept")
            #expect(response.header("X-AuthStub-Example") == "wice/login#status-message")
            #expect(response.text == TransportRequests.statusMessage)
            let token = try #require(response.header("auth-token"))
            #expect(isUUIDv4(token))
            #expect(try await client.stub.tokens().map(\.token) == [token])

            let entry = try #require(client.stub.journal.last)
            #expect(client.stub.journal.count == 1)
            #expect(entry.method == "POST")
            #expect(entry.path == "/m2m/v1/auth/login")
            #expect(entry.query == nil)
            #expect(entry.status == 201)
            #expect(entry.service == "wice")
            #expect(entry.fixture == "wice/login#status-message")
            #expect(entry.user == "user")
            #expect(entry.token == Redaction.shortened(token))
            #expect(JournalFilter(token: token).matches(entry))
            #expect(entry.body == TransportRequests.journaledCredentials)
            #expect(entry.fault == nil)
            #expect(entry.deprecated == false)
            #expect(entry.transportHeader("Host") == client.authority)
            #expect(entry.transportHeader("Content-Type") == "application/json")
            #expect(entry.transportHeader("Accept") == "application/json")
            #expect(entry.transportHeader("Content-Length") == String(TransportRequests.credentials.utf8.count))
        }
    }

    @Test(
        "wice login with the v2 Accept → the token as a JSON string, no auth-token header; the token logs out",
        arguments: TransportUnderTest.allCases
    )
    func wiceLoginV2(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            let response = try await client.wiceLogin(headers: ["Accept": TransportRequests.v2])
            #expect(response.status == 201)
            #expect(response.header("Content-Type") == TransportRequests.v2)
            #expect(response.header("auth-token") == nil)
            #expect(response.header("X-AuthStub-Example") == "wice/login#token-string")
            let token = try #require(response.anyJSON as? String)
            #expect(isUUIDv4(token))
            #expect(response.text == "\"\(token)\"")

            let logout = try await client.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(logout.status == 204)
        }
    }

    @Test("DELETE logout → 204 without a body; the token is revoked", arguments: TransportUnderTest.allCases)
    func logout(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            let token = try await client.wiceToken()
            let logout = try await client.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(logout.status == 204)
            #expect(logout.body.isEmpty)
            #expect(logout.header("Content-Length") == nil)
            #expect(logout.header("X-AuthStub-Example") == "wice/logout#no-content")
            #expect(try await client.stub.tokens().first?.state == .revoked)

            let again = try await client.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(again.status == 401)
            #expect(client.stub.journal.last?.reason == "token logged out")
        }
    }

    @Test("deprecated POST logout → 201 with Deprecation and successor Link, flagged in the journal", arguments: TransportUnderTest.allCases)
    func deprecatedLogout(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            let token = try await client.wiceToken()
            let response = try await client.send("POST", "/m2m/v1/auth/logout", headers: ["auth-token": token, "Accept": "application/json"])
            #expect(response.status == 201)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text == TransportRequests.statusMessage)
            #expect(response.header("Deprecation") == "@1577836800")
            #expect(response.header("Link") == #"</m2m/v1/auth/logout>; rel="successor-version""#)
            #expect(response.header("Sunset") == nil)
            let entry = try #require(client.stub.journal.last)
            #expect(entry.deprecated)
            #expect(entry.status == 201)
            #expect(try await client.stub.countRequests(JournalFilter(deprecated: true)) == 1)
        }
    }

    @Test("an unknown token → 401 in wice's StatusMessage shape with its challenge", arguments: TransportUnderTest.allCases)
    func unknownToken(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            let response = try await client.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": TransportRequests.unknownToken])
            #expect(response.status == 401)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.header("WWW-Authenticate") == #"auth-token realm="wice""#)
            #expect(response.json?["code"] as? Int == 401)
            #expect(response.json?["message"] as? String == "unknown token")
            #expect(Set(response.json?.keys.map { $0 } ?? []) == ["code", "message"])
            #expect(client.stub.journal.last?.reason == "unknown token")
            #expect(client.stub.journal.last?.status == 401)
        }
    }

    @Test(
        "usertoken: login with Basic → 200 UserToken; bump with Bearer → 200 lastLoginTime; an unknown Bearer → 401",
        arguments: TransportUnderTest.allCases
    )
    func userTokenLoginAndBump(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            try await client.stub.transportFreeze()
            let login = try await client.userTokenLogin()
            #expect(login.status == 200)
            #expect(login.header("Vary") == "Accept")
            #expect(login.header("Content-Type") == "application/json")
            let token = try #require(login.json?["token"] as? String)
            #expect(isUUIDv4(token))
            #expect(login.text == #"{"creationTime":"2026-11-23T10:00:00+00:00","enabled":true,"token":"\#(token)","version":0}"#)

            try await client.stub.advanceClock(by: .seconds(90))
            let bump = try await client.bump(token)
            #expect(bump.status == 200)
            #expect(bump.text == #"{"lastLoginTime":"2026-11-23T10:01:30+00:00"}"#)
            #expect(client.stub.journal.last?.user == "user")
            #expect(client.stub.journal.last?.token == Redaction.shortened(token))
            #expect(client.stub.journal.last.map(JournalFilter(token: token).matches) == true)

            let refused = try await client.bump(TransportRequests.unknownToken)
            #expect(refused.status == 401)
            #expect(refused.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(client.stub.journal.last?.reason == "unknown token")
        }
    }

    @Test("an unknown path → 404 naming the closest fixture; a wrong method → 405 with Allow", arguments: TransportUnderTest.allCases)
    func nearMissAndWrongMethod(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            let missing = try await client.send("POST", "/v1/auth/logn", headers: TransportRequests.json, body: TransportRequests.credentials)
            #expect(missing.status == 404)
            #expect(missing.header("Content-Type") == "application/json")
            let closest = try #require(missing.json?["closest"] as? [[String: Any]])
            #expect(closest.first?["fixture"] as? String == "wice/login")
            #expect(closest.first?["why"] as? String == "path differs by 1 character")
            #expect(client.stub.journal.last?.fixture == nil)
            #expect(client.stub.journal.last?.status == 404)

            let wrong = try await client.send("GET", "/m2m/v1/auth/logout")
            #expect(wrong.status == 405)
            #expect(wrong.header("Allow") == "DELETE, POST")
        }
    }

    @Test("HEAD: the status and headers a GET would get, Content-Length included, and no body", arguments: TransportUnderTest.allCases)
    func head(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            let head = try await client.send("HEAD", "/m2m/v1/auth/logn")
            #expect(head.status == 404)
            #expect(head.body.isEmpty)
            #expect(head.header("Content-Type") == "application/json")
            #expect(client.stub.journal.last?.method == "HEAD")
            #expect(client.stub.journal.last?.status == 404)
            // The near-miss body a GET gets names GET: HEAD announces that body's length
            // (catalogue row #59), as it does for a 405.
            let missed = try await client.send("GET", "/m2m/v1/auth/logn")
            #expect(head.header("Content-Length") == String(missed.body.count))
            let wrongGet = try await client.send("GET", "/m2m/v1/auth/login")
            let wrongHead = try await client.send("HEAD", "/m2m/v1/auth/login")
            #expect(wrongHead.status == 405)
            #expect(wrongHead.header("Content-Length") == String(wrongGet.body.count))

            // The control status, on a frozen clock: HEAD announces the GET's length.
            try await client.stub.transportFreeze()
            let get = try await client.send("GET", "/__control/status")
            let status = try await client.send("HEAD", "/__control/status")
            #expect(get.status == 200)
            #expect(status.status == 200)
            #expect(!get.body.isEmpty)
            #expect(status.body.isEmpty)
            #expect(status.header("Content-Length") == String(get.body.count))
            #expect(status.comparableHeaders == get.comparableHeaders)
        }
    }

    @Test("a query string reaches the engine as sent and is journaled apart from the path", arguments: TransportUnderTest.allCases)
    func queryString(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            let response = try await client.send("GET", "/m2m/v1/auth/logn?a=b%20c&d=%2F&e")
            #expect(response.status == 404)
            let entry = try #require(client.stub.journal.last)
            #expect(entry.path == "/m2m/v1/auth/logn")
            #expect(entry.query == "a=b%20c&d=%2F&e")

            // An override in the query: the documented 401, whatever the credentials.
            let forced = try await client.wiceLogin("/m2m/v1/auth/login?__code=401")
            #expect(forced.status == 401)
            #expect(forced.header("X-AuthStub-Example") == "wice/login#bad-credentials")
            #expect(client.stub.journal.last?.query == "__code=401")
            #expect(client.stub.journal.last?.reason == "forced by ?__code=401")
        }
    }

    @Test("Prefer: code=401 and Prefer: example=token-string override the answer", arguments: TransportUnderTest.allCases)
    func preferOverrides(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            let forced = try await client.wiceLogin(headers: ["Prefer": "code=401"])
            #expect(forced.status == 401)
            #expect(forced.text == #"{"code":401,"message":"The username and password do not match any credentials."}"#)
            #expect(forced.header("auth-token") == nil)
            #expect(client.stub.journal.last?.reason == "forced by Prefer: code=401")
            #expect(try await client.stub.tokens().isEmpty)

            let example = try await client.wiceLogin(headers: ["Prefer": "example=token-string"])
            #expect(example.status == 201)
            #expect(example.header("Content-Type") == TransportRequests.v2)
            let token = try #require(example.anyJSON as? String)
            #expect(try await client.stub.tokens().map(\.token) == [token])
        }
    }

    @Test(
        "the control API answers through the same session: status over HTTP, and ControlClient on that session",
        arguments: TransportUnderTest.allCases
    )
    func controlAPI(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            let status = try await client.send("GET", "/__control/status")
            #expect(status.status == 200)
            #expect(status.header("Content-Type") == "application/json")
            let json = try #require(status.json)
            #expect(json["version"] as? String == AuthStubVersion.current)
            let services = try #require(json["services"] as? [[String: Any]])
            #expect(Set(services.compactMap { $0["name"] as? String }) == ["wice", "usertoken", "oauth2"])
            // Control requests are never journaled.
            #expect(client.stub.journal.isEmpty)

            // The typed client over the very same session: a fault it installs applies to
            // the next request on that session, and the journal it reads is the server's.
            let control = ControlClient(baseURL: client.stub.baseURL, session: client.session)
            let fault = try await control.addFault(.status(418), match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)
            #expect(fault.id == "f1")
            #expect(try await client.wiceLogin().status == 418)
            let seen = try await control.requests()
            #expect(seen.map(\.status) == [418])
            #expect(seen == client.stub.journal)
            #expect(try await control.status().services.map(\.name).sorted() == ["oauth2", "usertoken", "wice"])
        }
    }

    @Test("a status fault: 503 with Retry-After, once, then the normal answer", arguments: TransportUnderTest.allCases)
    func statusFault(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            try await client.stub.addFault(
                .status(503, headers: [HTTPHeaderField("Retry-After", "7")]),
                match: FaultMatch(method: "POST", path: "/m2m/v1/auth/login"),
                times: 1
            )
            let refused = try await client.wiceLogin()
            #expect(refused.status == 503)
            #expect(refused.header("Retry-After") == "7")
            #expect(refused.header("X-AuthStub-Fault") == "f1")
            #expect(refused.json?["message"] as? String == "injected fault f1 (status 503)")
            #expect(client.stub.journal.last?.fault == "f1")
            #expect(client.stub.journal.last?.status == 503)

            let next = try await client.wiceLogin()
            #expect(next.status == 201)
            #expect(next.header("X-AuthStub-Fault") == nil)
        }
    }

    /// The `URLError` URLSession reports for each connection fault over a socket; the
    /// socket-free transport must report the same. Measured on Linux (FoundationNetworking on
    /// libcurl); Darwin reports a lost connection for all three.
    static func expectedCode(_ kind: FaultKind) -> URLError.Code {
        #if os(Linux)
        switch kind {
        case .drop: return .badServerResponse  // -1011
        case .reset: return .networkConnectionLost  // -1005
        default: return .unknown  // -1
        }
        #else
        return .networkConnectionLost
        #endif
    }

    @Test(
        "drop, reset and malformed surface as the same URLError on every transport",
        arguments: TransportUnderTest.allCases,
        [FaultKind.drop, .reset, .malformed]
    )
    func connectionFaults(transport: TransportUnderTest, kind: FaultKind) async throws {
        try await withTransport(transport) { client in
            try await client.stub.addFault(kind, match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)
            let error = try await client.urlError("POST", "/m2m/v1/auth/login", headers: TransportRequests.json, body: TransportRequests.credentials)
            #expect(error?.code == Self.expectedCode(kind), "\(kind.name) over \(transport): \(String(describing: error))")
            let entry = try #require(client.stub.journal.last)
            #expect(entry.fault == "f1")
            // drop and reset answer nothing; malformed sent the head of the normal 201.
            #expect(entry.status == (kind == .malformed ? 201 : nil))
            #expect(try await client.stub.tokens().count == (kind == .malformed ? 1 : 0))

            // Spent: the next login goes through on the same session.
            #expect(try await client.wiceLogin().status == 201)
        }
    }

    @Test("delay: the normal answer, no sooner than the delay", arguments: TransportUnderTest.allCases)
    func delay(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            try await client.stub.addFault(.delay(.milliseconds(400)), match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)
            let started = ContinuousClock.now
            let response = try await client.wiceLogin()
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(400), "answered after \(elapsed)")
            #expect(response.status == 201)
            #expect(response.header("X-AuthStub-Fault") == "f1")
            #expect(isUUIDv4(response.header("auth-token") ?? ""))
            #expect(client.stub.journal.last?.fault == "f1")
        }
    }

    @Test("a delay followed by drop: the client waits, then gets the drop's URLError", arguments: TransportUnderTest.allCases)
    func delayThenDrop(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            try await client.stub.addFault(.delay(.milliseconds(300)), times: 1)
            try await client.stub.addFault(.drop, times: 1)
            let started = ContinuousClock.now
            let error = try await client.urlError("POST", "/m2m/v1/auth/login", headers: TransportRequests.json, body: TransportRequests.credentials)
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            #expect(error?.code == Self.expectedCode(.drop))
            #expect(client.stub.journal.last?.fault == "f1, f2")
        }
    }
}
