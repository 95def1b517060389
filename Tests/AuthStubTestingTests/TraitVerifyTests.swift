import AuthStub
import AuthStubTesting
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `verify(_:)` and each `RequestExpectation`: it passes when it holds, and otherwise throws a
/// `RequestVerificationError` that says what was expected and lists the requests seen — on
/// the in-process server and through `ControlClient` alike.
@Suite("AuthStubTesting: verify and RequestExpectation", .authStub)
struct TraitVerifyTests {
    /// Four requests: a login (#1), a logout (#2), the deprecated logout with an unknown token
    /// (#3, refused), and a path no fixture serves (#4). Only #1 sends `Accept`.
    static func sendFour(_ stub: AuthStubServer) async throws -> String {
        let token = try await TraitRequests.wiceLogin(stub)
        _ = try await TraitRequests.send(stub, "DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
        _ = try await TraitRequests.send(stub, "POST", "/v1/auth/logout", headers: ["auth-token": "not-a-token"])
        _ = try await TraitRequests.send(stub, "GET", "/nowhere?x=1")
        return token
    }

    /// The error `verify` throws in `body`, or nil (with an issue) when it passes.
    static func failure(
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> Void
    ) async throws -> RequestVerificationError? {
        do {
            try await body()
            Issue.record("verify passed", sourceLocation: sourceLocation)
            return nil
        } catch let error as RequestVerificationError {
            return error
        }
    }

    /// The listing lines every failure of `sendFour`'s journal ends with.
    static let listing = [
        "requests seen (4):",
        "  #1 POST /m2m/v1/auth/login → 201 wice/login#status-message",
        "  #2 DELETE /m2m/v1/auth/logout → 204 wice/logout#no-content",
        "  #3 POST /v1/auth/logout → 401 wice/logout-post [deprecated] (unknown token)",
        "  #4 GET /nowhere?x=1 → 404 (no fixture matches GET /nowhere)",
    ]

    @Test("expectations that hold pass")
    func passing() async throws {
        let stub = try #require(AuthStubServer.current)
        _ = try await Self.sendFour(stub)
        try await stub.verify()
        try await stub.verify(
            .called("POST", "/m2m/v1/auth/login", times: 1),
            .called("DELETE", "/m2m/v1/auth/logout"),
            .called("POST", "*/auth/*", times: 2),
            .called("post", "/m2m/v1/auth/login", times: 1),
            .notCalled("DELETE", "/v1/auth/logout"),
            .notCalled("GET", "/m2m/*"),
            .everyRequest(JournalFilter(path: "/m2m/v1/auth/login"), hasHeader: "Accept", "application/json"),
            .everyRequest(JournalFilter(method: "POST"), hasHeader: "content-length"),
            .everyRequest(hasHeader: "Host")
        )
    }

    @Test("called with times: the message names the count expected and found, then lists the requests")
    func calledTimes() async throws {
        let stub = try #require(AuthStubServer.current)
        _ = try await Self.sendFour(stub)
        let error = try #require(try await Self.failure { try await stub.verify(.called("DELETE", "/m2m/v1/auth/logout", times: 2)) })
        #expect(error.failures == ["expected DELETE /m2m/v1/auth/logout to be called 2 times, but it was called 1 time"])
        #expect(error.requests == stub.journal)
        #expect(error.description == ([error.failures[0]] + Self.listing).joined(separator: "\n"))

        let never = try #require(try await Self.failure { try await stub.verify(.called("POST", "/m2m/v1/auth/login", times: 0)) })
        #expect(never.failures == ["expected POST /m2m/v1/auth/login to be called 0 times, but it was called 1 time"])
        #expect(RequestExpectation.called("DELETE", "/x", times: 1).description == "DELETE /x called 1 time")
        #expect(RequestExpectation.called("DELETE", "/x", times: 3).description == "DELETE /x called 3 times")
    }

    @Test("called without times: at least once")
    func calledAtLeastOnce() async throws {
        let stub = try #require(AuthStubServer.current)
        _ = try await Self.sendFour(stub)
        let error = try #require(try await Self.failure { try await stub.verify(.called("POST", "/auth/bump")) })
        #expect(error.failures == ["expected POST /auth/bump to be called at least once, but it was called 0 times"])
        #expect(error.description.hasSuffix(Self.listing.joined(separator: "\n")))
        #expect(RequestExpectation.called("POST", "/auth/bump").description == "POST /auth/bump called at least once")
    }

    @Test("notCalled: fails naming the requests that were made")
    func notCalled() async throws {
        let stub = try #require(AuthStubServer.current)
        _ = try await Self.sendFour(stub)
        let error = try #require(try await Self.failure { try await stub.verify(.notCalled("POST", "*/logout")) })
        #expect(error.failures == ["expected 0 requests to POST */logout, but there were 1 (#3)"])
        #expect(error.description.contains(Self.listing[3]))
        #expect(RequestExpectation.notCalled("POST", "*/logout").description == "no requests to POST */logout")
    }

    @Test("noDeprecatedCalls: passes without them, fails naming the deprecated call")
    func noDeprecatedCalls() async throws {
        let stub = try #require(AuthStubServer.current)
        _ = try await TraitRequests.wiceLogin(stub)
        try await stub.verify(.noDeprecatedCalls)
        try await stub.clearRequests()
        _ = try await Self.sendFour(stub)
        let error = try #require(try await Self.failure { try await stub.verify(.noDeprecatedCalls) })
        // Cleared entries keep their numbers: the next request is #2.
        #expect(error.failures == ["expected 0 requests to a deprecated route, but there were 1 (#4)"])
        #expect(error.description.contains("requests seen (4):\n  #2 POST /m2m/v1/auth/login"))
        #expect(error.description.contains("#4 POST /v1/auth/logout → 401 wice/logout-post [deprecated] (unknown token)"))
        #expect(RequestExpectation.noDeprecatedCalls.description == "no requests to a deprecated route")
    }

    @Test("noUnmatchedRequests: passes when every request matched, fails naming the unmatched one")
    func noUnmatchedRequests() async throws {
        let stub = try #require(AuthStubServer.current)
        _ = try await TraitRequests.wiceLogin(stub)
        try await stub.verify(.noUnmatchedRequests)
        try await stub.clearRequests()
        _ = try await Self.sendFour(stub)
        let error = try #require(try await Self.failure { try await stub.verify(.noUnmatchedRequests) })
        #expect(error.failures == ["expected 0 requests to a path no fixture serves, but there were 1 (#5)"])
        #expect(error.description.hasSuffix("  #5 GET /nowhere?x=1 → 404 (no fixture matches GET /nowhere)"))
        #expect(RequestExpectation.noUnmatchedRequests.description == "no requests to a path no fixture serves")
    }

    @Test("everyRequest(hasHeader:): fails naming how many did not send it and what the first sent")
    func everyRequestHasHeader() async throws {
        let stub = try #require(AuthStubServer.current)
        _ = try await Self.sendFour(stub)
        let missing = try #require(try await Self.failure { try await stub.verify(.everyRequest(hasHeader: "auth-token")) })
        #expect(
            missing.failures == [
                "expected every request to send auth-token, but 2 did not; the first, #1 POST /m2m/v1/auth/login, sent no auth-token"
            ]
        )

        let wrongValue = try #require(
            try await Self.failure { try await stub.verify(.everyRequest(JournalFilter(method: "POST"), hasHeader: "auth-token", "not-a-token")) }
        )
        #expect(wrongValue.failures.count == 1)
        #expect(
            wrongValue.failures.first?.hasPrefix(
                "expected every request to send auth-token: not-a-token, but 1 did not; the first, #1 POST /m2m/v1/auth/login, sent no auth-token"
            ) == true
        )

        let otherValue = try #require(
            try await Self.failure { try await stub.verify(.everyRequest(JournalFilter(method: "DELETE"), hasHeader: "auth-token", "x")) }
        )
        #expect(
            otherValue.failures.first?.hasPrefix(
                "expected every request to send auth-token: x, but 1 did not; the first, #2 DELETE /m2m/v1/auth/logout, sent auth-token: "
            ) == true
        )
        #expect(RequestExpectation.everyRequest(hasHeader: "Accept", "application/json").description == "every request sent Accept: application/json")
    }

    @Test(
        "everyRequest(hasHeader:) with a secret header: the full value sent matches though the journal shows it shortened, in process and through ControlClient"
    )
    func everyRequestSecretHeader() async throws {
        let stub = try #require(AuthStubServer.current)
        let token = try await Self.sendFour(stub)
        let session = TraitRequests.socketSession()
        defer { session.finishTasksAndInvalidate() }
        let logout = JournalFilter(method: "DELETE")
        #expect(stub.journal[1].headers.contains(HTTPHeaderField("Auth-Token", "\(token.prefix(4))…")))  // as URLSession spells it
        for server in [stub, ControlClient(baseURL: stub.baseURL, session: session)] as [any AuthStubControl] {
            try await server.verify(
                .everyRequest(logout, hasHeader: "auth-token", token),
                .everyRequest(logout, hasHeader: "Auth-Token", "\(token.prefix(4))…")
            )
            let other = String(token.prefix(4)) + String(repeating: "0", count: token.count - 4)
            let error = try #require(try await Self.failure { try await server.verify(.everyRequest(logout, hasHeader: "auth-token", other)) })
            #expect(
                error.failures == [
                    "expected every request to send auth-token: \(other), but 1 did not; the first, #2 DELETE /m2m/v1/auth/logout, sent auth-token: \(token.prefix(4))…"
                ]
            )
        }
    }

    @Test("several unmet expectations: one line each, in order, then the requests; the ones that hold are not listed")
    func severalFailures() async throws {
        let stub = try #require(AuthStubServer.current)
        _ = try await Self.sendFour(stub)
        let error = try #require(
            try await Self.failure {
                try await stub.verify(.noDeprecatedCalls, .called("POST", "/m2m/v1/auth/login", times: 1), .noUnmatchedRequests)
            }
        )
        #expect(
            error.failures == [
                "expected 0 requests to a deprecated route, but there were 1 (#3)",
                "expected 0 requests to a path no fixture serves, but there were 1 (#4)",
            ]
        )
        #expect(error.description == (error.failures + Self.listing).joined(separator: "\n"))
    }

    @Test("no requests at all: the error says none were seen")
    func noRequests() async throws {
        let stub = try #require(AuthStubServer.current)
        try await stub.verify(.noDeprecatedCalls, .noUnmatchedRequests, .notCalled("POST", "*"), .everyRequest(hasHeader: "X"))
        let error = try #require(try await Self.failure { try await stub.verify(.called("POST", "/m2m/v1/auth/login")) })
        #expect(error.requests.isEmpty)
        #expect(error.description == "expected POST /m2m/v1/auth/login to be called at least once, but it was called 0 times\nno requests were seen")
    }

    @Test("a long journal: the last 50 requests are listed, the earlier ones counted")
    func longJournal() async throws {
        let stub = try #require(AuthStubServer.current)
        let session = stub.makeInProcessSession()
        defer { session.finishTasksAndInvalidate() }
        for index in 1...55 { _ = try await TraitRequests.send(stub, "GET", "/nowhere/\(index)", session: session) }
        let error = try #require(try await Self.failure { try await stub.verify(.noUnmatchedRequests) })
        #expect(error.failures == ["expected 0 requests to a path no fixture serves, but there were 55 (#1, #2, #3, #4, #5, #6, #7, #8, #9, #10)"])
        let lines = error.description.split(separator: "\n").map(String.init)
        #expect(lines[1] == "requests seen (55):")
        #expect(lines[2] == "  … 5 earlier ones left out")
        #expect(lines[3].hasPrefix("  #6 GET /nowhere/6 → 404"))
        #expect(lines.last?.hasPrefix("  #55 GET /nowhere/55 → 404") == true)
        #expect(lines.count == 3 + 50)
    }

    @Test("an expectation of one's own, and a fault in the listing")
    func customExpectation() async throws {
        let stub = try #require(AuthStubServer.current)
        try await stub.addFault(.status(503), match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)
        _ = try await TraitRequests.send(
            stub,
            "POST",
            "/m2m/v1/auth/login",
            headers: ["Content-Type": "application/json"],
            body: TraitRequests.credentials
        )
        let noServerErrors = RequestExpectation("no 5xx answers") { entries in
            let failed = entries.filter { ($0.status ?? 0) >= 500 }
            return failed.isEmpty ? nil : "expected no 5xx answers, got \(failed.count)"
        }
        #expect(noServerErrors.description == "no 5xx answers")
        let error = try #require(try await Self.failure { try await stub.verify(noServerErrors) })
        #expect(error.failures == ["expected no 5xx answers, got 1"])
        #expect(error.description.contains("  #1 POST /m2m/v1/auth/login → 503 wice/login fault f1 (injected fault f1 (status 503))"))
        try await stub.verify(RequestExpectation("anything") { _ in nil })
    }

    @Test("verify through ControlClient: the same passes and the same failures as on the server")
    func throughControlClient() async throws {
        let stub = try #require(AuthStubServer.current)
        _ = try await Self.sendFour(stub)
        let session = TraitRequests.socketSession()
        defer { session.finishTasksAndInvalidate() }
        let client = ControlClient(baseURL: stub.baseURL, session: session)
        try await client.verify(.called("POST", "/m2m/v1/auth/login", times: 1), .notCalled("DELETE", "/v1/auth/logout"))

        let overHTTP = try #require(
            try await Self.failure { try await client.verify(.noDeprecatedCalls, .called("DELETE", "/m2m/v1/auth/logout", times: 3)) }
        )
        let inProcess = try #require(
            try await Self.failure { try await stub.verify(.noDeprecatedCalls, .called("DELETE", "/m2m/v1/auth/logout", times: 3)) }
        )
        #expect(overHTTP.failures == inProcess.failures)
        #expect(overHTTP.failures.count == 2)
        #expect(overHTTP.description == inProcess.description)
        #expect(overHTTP.requests.map(\.id) == [1, 2, 3, 4])
        #expect(overHTTP.requests.map(\.headers) == stub.journal.map(\.headers))

        // And over the socket-free transport's session to the same server.
        let inProcessSession = stub.makeInProcessSession()
        defer { inProcessSession.finishTasksAndInvalidate() }
        let viaInProcess = ControlClient(baseURL: stub.baseURL, session: inProcessSession)
        let again = try #require(
            try await Self.failure { try await viaInProcess.verify(.noDeprecatedCalls, .called("DELETE", "/m2m/v1/auth/logout", times: 3)) }
        )
        #expect(again.description == inProcess.description)
    }
}
