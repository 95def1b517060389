import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// `rateLimits`: N requests per window on the server clock, per route, user, client or token,
/// answered with 429 and `Retry-After`.
@Suite("Rate limits")
struct RateLimitTests {
    /// A service whose users share a limit on all its endpoints (6 an hour each), a login with a
    /// limit of its own (2 a minute per user) and a documented 429, and `GET /me` with a limit per
    /// token (1 per 10 s) and no documented 429.
    static let files = [
        "api/service.json": """
        { "kind": "service", "name": "api",
          "credentials": { "scheme": "jsonBody" },
          "token": { "scheme": "bearer" },
          "users": [ { "username": "ada", "password": "lovelace" }, { "username": "bob", "password": "builder" } ],
          "errors": { "mediaType": "application/json", "body": { "status": "{{status}}", "error": "{{message}}" } },
          "rateLimits": [ { "name": "per-user", "requests": 6, "window": "1h", "per": "user" } ] }
        """,
        "api/login.json": """
        { "kind": "endpoint", "name": "login", "method": "POST", "path": "/login", "role": "login",
          "rateLimits": [ { "name": "login-per-user", "requests": 2, "window": "1m", "per": "user" } ],
          "responses": [
            { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" }, "body": { "token": "{{token}}" } },
            { "name": "slow-down", "when": "rateLimited", "status": 429,
              "headers": { "Content-Type": "application/json", "Retry-After": "3600" }, "body": { "error": "too_many_attempts", "retry_after": "{{retryAfter}}" } }
          ] }
        """,
        "api/me.json": """
        { "kind": "endpoint", "name": "me", "method": "GET", "path": "/me", "role": "requiresToken",
          "rateLimits": [ { "name": "me-per-token", "requests": 1, "window": "10s", "per": "token" } ],
          "responses": [ { "name": "profile", "when": "success", "status": 200,
                           "headers": { "Content-Type": "application/json" }, "body": { "user": "{{user}}" } } ] }
        """,
    ]

    /// Logs `user` in through `client`.
    static func login(_ client: TransportClient, _ user: String = "ada", password: String = "lovelace") async throws -> StubResponse {
        try await client.send(
            "POST",
            "/login",
            headers: ["Content-Type": "application/json"],
            body: #"{"username": "\#(user)", "password": "\#(password)"}"#
        )
    }

    /// `GET /me` with `token` through `client`.
    static func profile(_ client: TransportClient, _ token: String) async throws -> StubResponse {
        try await client.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"])
    }

    /// Serves `files` on a frozen clock and hands the test a client over `transport`.
    static func serve(_ transport: TransportUnderTest, _ body: (AuthStubServer, TransportClient) async throws -> Void) async throws {
        try await TokenFixture.serve(files) { stub in
            try await body(stub, TransportClient(transport: transport, stub: stub, session: TransportClient.session(for: transport, stub)))
        }
    }

    @Test(
        "over a user's login limit: the documented 429 with the limit's own Retry-After, refused requests counted; a frozen clock keeps it, advancing frees it",
        arguments: TransportUnderTest.startedPair
    )
    func loginPerUser(transport: TransportUnderTest) async throws {
        try await Self.serve(transport) { stub, client in
            #expect(try await Self.login(client).status == 200)
            #expect(try await Self.login(client, password: "wrong").status == 401)
            for _ in 0..<2 {  // the clock is frozen: the wait stays the same
                let limited = try await Self.login(client)
                #expect(limited.status == 429)
                #expect(limited.header("Retry-After") == "60")
                #expect(limited.json?["error"] as? String == "too_many_attempts")
                #expect(limited.json?["retry_after"] as? Int == 60)
                #expect(limited.header("X-AuthStub-Example") == "api/login#slow-down")
            }
            let entry = try #require(stub.lastEntry)
            #expect(entry.refusal == .rateLimited)
            #expect(entry.reason == "rate limit login-per-user: 2 requests per 1m for user ada; retry in 60 s")
            #expect(entry.responseHeaders.contains { $0.name == "Retry-After" && $0.value == "60" })
            #expect(try await Self.login(client, "bob", password: "builder").status == 200)

            _ = try await stub.advanceClock(by: .seconds(45))
            let later = try await Self.login(client)
            #expect(later.status == 429)
            #expect(later.header("Retry-After") == "15")
            #expect(later.json?["retry_after"] as? Int == 15)
            _ = try await stub.advanceClock(by: .seconds(15))
            #expect(try await Self.login(client).status == 200)
        }
    }

    @Test(
        "a limit per token without a documented 429 answers in the service's error shape; the service's limit counts every endpoint; the longest wait wins",
        arguments: TransportUnderTest.startedPair
    )
    func perTokenAndService(transport: TransportUnderTest) async throws {
        try await Self.serve(transport) { stub, client in
            let first = try #require(try await Self.login(client).json?["token"] as? String)
            let second = try #require(try await Self.login(client).json?["token"] as? String)
            #expect(try await Self.profile(client, first).status == 200)
            let limited = try await Self.profile(client, first)
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "10")
            #expect(limited.json?["status"] as? Int == 429)
            #expect(limited.json?["error"] as? String == "too many requests; retry in 10 s")
            let reason = try #require(stub.lastEntry?.reason)
            #expect(reason.hasPrefix("rate limit me-per-token: 1 requests per 10s for token "))
            #expect(!reason.contains(first), "the journal shows the token shortened")
            // ada's fifth and sixth requests: the service's limit (6 an hour) still lets them through.
            #expect(try await Self.profile(client, second).status == 200)
            _ = try await stub.advanceClock(by: .seconds(10))
            #expect(try await Self.profile(client, second).status == 200)
            // The seventh: over both limits, the service's hour outlasts the token's 10 s.
            let both = try await Self.profile(client, second)
            #expect(both.status == 429)
            #expect(both.header("Retry-After") == "3590")
            #expect(stub.lastEntry?.reason == "rate limit per-user: 6 requests per 1h for user ada; retry in 3590 s")
        }
    }

    @Test("a limit per OAuth 2.0 client counts each client id a client check reads, right secret or wrong")
    func perClient() async throws {
        let files = [
            "api/service.json": """
            { "kind": "service", "name": "api",
              "credentials": { "scheme": "client", "accounts": "clients" },
              "token": { "scheme": "bearer" },
              "users": [],
              "accounts": { "clients": [ { "username": "app", "password": "s3cret" }, { "username": "web", "password": "w3b" } ] },
              "errors": { "mediaType": "application/json", "body": { "error": "{{message}}" } },
              "rateLimits": [ { "name": "per-client", "requests": 2, "window": "1m", "per": "client" } ] }
            """,
            "api/token.json": """
            { "kind": "endpoint", "name": "token", "method": "POST", "path": "/token", "role": "login", "accepts": ["form"],
              "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" },
                               "body": { "access_token": "{{token}}" } } ] }
            """,
        ]
        try await TokenFixture.serve(files) { (stub: AuthStubServer) async throws -> Void in
            #expect(try await Self.token(stub, "app", "wrong") == 401)
            #expect(try await Self.token(stub, "app", "s3cret") == 200)
            #expect(try await Self.token(stub, "app", "s3cret") == 429)
            #expect(stub.lastEntry?.reason == "rate limit per-client: 2 requests per 1m for client app; retry in 60 s")
            #expect(try await Self.token(stub, "web", "w3b") == 200)
        }
    }

    /// The status of a client credentials grant for `client` with `secret`.
    static func token(_ stub: AuthStubServer, _ client: String, _ secret: String) async throws -> Int {
        try await stub.send(
            "POST",
            "/token",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "grant_type=client_credentials&client_id=\(client)&client_secret=\(secret)"
        ).status
    }

    @Test(
        "the auth checks read a limit's Retry-After: a client that logs in again at once breaks respectsRetryAfter, one that waits keeps it",
        arguments: TransportUnderTest.startedPair
    )
    func respectsRetryAfter(transport: TransportUnderTest) async throws {
        try await Self.serve(transport) { stub, client in
            for _ in 0..<3 { _ = try await Self.login(client) }
            let waited = try await stub.checkRequests([.respectsRetryAfter])
            #expect(waited.passed, "\(waited)")
            _ = try await stub.advanceClock(by: .seconds(60))
            #expect(try await Self.login(client).status == 200)
            #expect(try await stub.checkRequests([.respectsRetryAfter]).passed)

            for _ in 0..<2 { _ = try await Self.login(client) }  // the second is refused: Retry-After 60
            let impatient = try await Self.login(client)
            #expect(impatient.status == 429)
            let report = try await stub.checkRequests([.respectsRetryAfter])
            #expect(!report.passed)
            let last = try #require(stub.lastEntry)
            #expect(report.results.first?.requests.map(\.id) == [last.id], "\(report)")
        }
    }

    @Test("reset forgets the counts; clearing the journal does not; an override and an unauthorized fault answer over the limit")
    func resetOverrideAndFaults() async throws {
        try await Self.serve(.socket) { stub, client in
            for _ in 0..<2 { _ = try await Self.login(client) }
            #expect(try await Self.login(client).status == 429)
            try await stub.clearRequests()
            #expect(try await Self.login(client).status == 429)

            let forced = try await client.send(
                "POST",
                "/login",
                headers: ["Content-Type": "application/json", "Prefer": "example=ok"],
                body: #"{"username": "ada", "password": "lovelace"}"#
            )
            #expect(forced.status == 200)
            _ = try await stub.addFault(.unauthorized, times: 1)
            #expect(try await Self.login(client).status == 401)
            #expect(try await Self.login(client).status == 429)

            // ada's key under the service's limit and under the login's; the HTTP control API says the same.
            #expect(try await stub.status().services.first?.rateLimitKeys == 2)
            #expect(try await stub.controlClient().status().services.first?.rateLimitKeys == 2)
            try await stub.reset()
            #expect(try await stub.status().services.first?.rateLimitKeys == 0)
            #expect(try await Self.login(client).status == 200)
        }
    }

    @Test("fixture problems: every bad value is reported with its file and JSON path")
    func problems() async throws {
        var files = Self.files
        files["api/service.json"] = Self.files["api/service.json"]?
            .replacingOccurrences(
                of: #"[ { "name": "per-user", "requests": 6, "window": "1h", "per": "user" } ]"#,
                with: """
                    [ { "name": "per-user", "requests": 0, "window": "500ms", "per": "ip" },
                      { "name": "per-user", "requests": "5", "window": "31d" },
                      { "name": "two words", "window": "soon", "every": "1m" } ]
                    """
            )
        let problems = try await TokenFixture.loadProblems(files)
        #expect(
            Set(problems) == [
                #"service.json $.rateLimits[0].requests: must be from 1 to 1000000, not 0"#,
                #"service.json $.rateLimits[0].window: a window is whole seconds from 1s to 30d"#,
                #"service.json $.rateLimits[0].per: "ip" is not one of "route", "user", "client", "token""#,
                #"service.json $.rateLimits[1].name: rate limit "per-user" is declared twice"#,
                #"service.json $.rateLimits[1].requests: expected a whole number, found the string "5""#,
                #"service.json $.rateLimits[1].window: a window is whole seconds from 1s to 30d"#,
                #"service.json $.rateLimits[2].every: unknown key "every" (allowed: name, per, requests, window)"#,
                #"service.json $.rateLimits[2].requests: missing required key "requests""#,
                #"service.json $.rateLimits[2].name: "two words" must be a single word (letters, digits, - or _)"#,
                #"service.json $.rateLimits[2].window: "soon" is not a duration like "8h", "30m" or "1h30m""#,
            ],
            "\(problems)"
        )
        var clash = Self.files
        clash["api/service.json"] = Self.files["api/service.json"]?.replacingOccurrences(of: #""per-user""#, with: #""login-per-user""#)
        #expect(
            try await TokenFixture.loadProblems(clash) == [
                #"login.json $.rateLimits[0].name: rate limit "login-per-user" is also a limit of service api: give it a name of its own"#
            ]
        )
    }

    @Test("the fixtures' limits read as written, a missing per as route")
    func reading() async throws {
        try await withTemporaryFolder { folder in
            var files = Self.files
            files["api/me.json"] = Self.files["api/me.json"]?.replacingOccurrences(of: #", "per": "token""#, with: "")
            for (name, text) in files { try write(text, to: name, in: folder) }
            let service = try #require(try FixtureLoader.load(from: [folder.appendingPathComponent("api")]).services.first)
            #expect(service.rateLimits == [RateLimit(name: "per-user", requests: 6, windowMilliseconds: 3_600_000, per: .user)])
            let me = try #require(service.endpoints.first { $0.name == "me" })
            #expect(me.rateLimits.map(\.per) == [.route])
            #expect(me.rateLimits.first?.window == .seconds(10))
        }
    }

    @Test("the counters are bounded per service: at the cap, ended windows go first, then the oldest, until a tenth is free")
    func cap() {
        var counters = RateLimitCounters()
        let limit = "per-user"
        for user in 0..<(RateLimitCounters.keysPerService + 100) {
            let window = counters.count(.init(limit: limit, subject: "user\(user)"), service: "api", length: 60_000, now: Int64(user))
            #expect(window.count == 1)
        }
        // At the cap, the 1,000 oldest of the live windows made room; 100 keys came after.
        #expect(counters.keyCount(of: "api") == 9_100)
        // The first users' windows were dropped: they start afresh; the last user's still counts.
        #expect(counters.count(.init(limit: limit, subject: "user0"), service: "api", length: 60_000, now: 20_000).count == 1)
        let last = RateLimitCounters.keysPerService + 99
        #expect(counters.count(.init(limit: limit, subject: "user\(last)"), service: "api", length: 60_000, now: 20_000).count == 2)
        #expect(counters.keyCount(of: "other") == 0)

        var small = RateLimitCounters(capacity: 3)
        _ = small.count(.init(limit: limit, subject: "a"), service: "api", length: 1_000, now: 0)
        _ = small.count(.init(limit: limit, subject: "b"), service: "api", length: 1_000, now: 0)
        _ = small.count(.init(limit: limit, subject: "c"), service: "api", length: 60_000, now: 0)
        // At 2 s the windows of a and b ended: both go, c stays.
        _ = small.count(.init(limit: limit, subject: "d"), service: "api", length: 60_000, now: 2_000)
        #expect(small.keyCount(of: "api") == 2)
        #expect(small.count(.init(limit: limit, subject: "c"), service: "api", length: 60_000, now: 2_000).count == 2)

        // A key from outside of any length is kept in a bounded size, and still counts apart.
        let long = String(repeating: "x", count: 1_000_000)
        let key = RateLimitCounters.Key(limit: limit, subject: long)
        #expect(key.subject.utf8.count <= 64)
        #expect(key != RateLimitCounters.Key(limit: limit, subject: long + "y"))
        #expect(RateLimitCounters.Key(limit: limit, subject: "ada").subject == "ada")
    }

    @Test("authstub openapi documents the 429 with a required Retry-After: the fixture's example, else the error shape")
    func openAPI() async throws {
        try await withTemporaryFolder { folder in
            for (name, text) in Self.files { try write(text, to: name, in: folder) }
            let document = OpenAPIDocument.make(try FixtureLoader.load(from: [folder.appendingPathComponent("api")]))
            let login = try #require(document["paths"]?["/login"]?["post"]?["responses"]?["429"])
            #expect(login["description"]?.stringValue == "slow-down")
            #expect(login["headers"]?["Retry-After"]?["required"]?.boolValue == true)
            let me = try #require(document["paths"]?["/me"]?["get"]?["responses"]?["429"])
            #expect(me["description"]?.stringValue?.hasPrefix("rateLimited: ") == true)
            #expect(me["headers"]?["Retry-After"]?["required"]?.boolValue == true)
            #expect(me["content"]?["application/json"] != nil)
        }
    }
}
