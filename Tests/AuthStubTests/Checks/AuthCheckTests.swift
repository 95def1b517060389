import AuthStubTesting
import Foundation
import Testing

@testable import AuthStub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Each auth-aware check both ways: a client that behaves passes, one that misbehaves fails with
/// the offending requests named; through the socket and through the socket-free transport,
/// against the bundled `oauth2` service (password grant, rotated refresh tokens, RFC 7009).
@Suite("Auth-aware checks: each held by a client that behaves, broken by one that does not")
struct AuthCheckTests {
    @Test("noTokenUseAfterEnd: one expired use then a refresh passes; reusing the refused token fails", arguments: TransportUnderTest.startedPair)
    func expiredTokenUse(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            let tokens = try await client.passwordLogin()
            #expect(try await client.resource(tokens.access).status == 200)
            _ = try await client.stub.advanceClock(by: .seconds(3_601))
            #expect(try await client.resource(tokens.access).status == 401)
            let renewed = try await client.refresh(tokens.refresh)
            #expect(try await client.resource(renewed.access).status == 200)
            #expect(try await client.report(.noTokenUseAfterEnd).passed)

            let again = try await client.resource(tokens.access)  // told it expired: a bug
            #expect(again.status == 401)
            let result = try await client.failure(of: .noTokenUseAfterEnd)
            let offending = try #require(result.requests.first)
            #expect(result.offending == 1)
            #expect(offending.id == client.stub.journal.last?.id)
            #expect(offending.method == "GET" && offending.path == "/oauth2/resource")
            #expect(offending.token == Redaction.shortened(tokens.access))
            #expect(
                offending.reason.contains("used after #3 GET /oauth2/resource (401, expired) had told the client it had ended"),
                "\(offending.reason)"
            )
        }
    }

    @Test(
        "noTokenUseAfterEnd: a token revoked by the client itself, or with its family, is not sent again",
        arguments: TransportUnderTest.startedPair
    )
    func revokedTokenUse(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            let first = try await client.passwordLogin()
            #expect(try await client.revoke(first.access).status == 200)
            let second = try await client.passwordLogin()
            #expect(try await client.resource(second.access).status == 200)
            #expect(try await client.report(.noTokenUseAfterEnd).passed)

            #expect(try await client.resource(first.access).status == 401)  // revoked by the client itself
            #expect(try await client.revoke(second.refresh).status == 200)  // ends the family (RFC 7009 §2.1)
            #expect(try await client.resource(second.access).status == 401)
            let result = try await client.failure(of: .noTokenUseAfterEnd)
            #expect(result.requests.map(\.token) == [Redaction.shortened(first.access), Redaction.shortened(second.access)])
            #expect(result.requests[0].reason.contains("used after #2 POST /oauth2/revoke (200) had told the client it had ended"))
            #expect(result.requests[1].reason.contains("POST /oauth2/revoke (200) had ended its family"))
        }
    }

    @Test("oneRefresh: one refresh per expiry passes; a second within the window, or a racing one, fails", arguments: TransportUnderTest.startedPair)
    func refreshes(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            _ = try await client.stub.freezeClock()
            let tokens = try await client.passwordLogin()
            _ = try await client.stub.advanceClock(by: .seconds(3_601))
            let renewed = try await client.refresh(tokens.refresh)
            _ = try await client.stub.advanceClock(by: .seconds(3_601))
            let again = try await client.refresh(renewed.refresh)
            #expect(try await client.report(.oneRefresh(within: .seconds(60))).passed)

            _ = try await client.refresh(again.refresh)  // no expiry in between: the clock is frozen
            let result = try await client.failure(of: .oneRefresh(within: .seconds(60)))
            #expect(result.offending == 1)
            #expect(result.requests.first?.id == client.stub.journal.last?.id)
            #expect(result.requests.first?.token == Redaction.shortened(again.refresh))
            #expect(result.requests.first?.reason == "refreshed 0 ms after #3 refreshed the same family", "\(result)")
        }
    }

    @Test("oneRefresh: two refreshes racing with one refresh token are caught")
    func racingRefreshes() async throws {
        try await withTransport(.socket) { client in
            _ = try await client.stub.freezeClock()
            let tokens = try await client.passwordLogin()
            async let first = client.refreshResponse(tokens.refresh)
            async let second = client.refreshResponse(tokens.refresh)
            let statuses = try await [first.status, second.status].sorted()
            #expect(statuses == [200, 400])  // rotation: one wins, the other is a reuse
            let result = try await client.failure(of: .oneRefresh(within: .seconds(1)))
            #expect(result.offending == 1 && [2, 3].contains(result.requests.first?.id ?? 0))
        }
    }

    @Test(
        "respectsRetryAfter: waiting out a 503's Retry-After on the server clock passes; calling sooner fails",
        arguments: TransportUnderTest.startedPair
    )
    func retryAfter(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            _ = try await client.stub.freezeClock()
            let tokens = try await client.passwordLogin()
            let unavailable = FaultKind.status(.serviceUnavailable, headers: [HTTPHeaderField("Retry-After", "5")])
            try await client.stub.addFault(unavailable, match: FaultMatch(path: "/oauth2/resource"), times: 2)
            #expect(try await client.resource(tokens.access).status == 503)
            _ = try await client.stub.advanceClock(by: .seconds(5))
            #expect(try await client.resource(tokens.access).status == 503)
            #expect(try await client.report(.respectsRetryAfter).passed)

            _ = try await client.stub.advanceClock(by: .seconds(2))  // 3 s short of the second Retry-After
            #expect(try await client.resource(tokens.access).status == 200)
            let result = try await client.failure(of: .respectsRetryAfter)
            #expect(result.requests.map(\.id) == [4])
            #expect(result.requests.first?.reason.contains("called 3000 ms before #3's Retry-After: 5 (503) allowed") == true)
        }
    }

    @Test("credentialRetries: two retries after a wrong password pass atMost 2 and fail atMost 1", arguments: TransportUnderTest.startedPair)
    func credentialRetries(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            #expect(try await client.passwordLoginResponse(password: "wrong").status == 400)
            #expect(try await client.passwordLoginResponse(password: "still wrong").status == 400)
            #expect(try await client.passwordLoginResponse(password: "secret").status == 200)
            #expect(try await client.report(.credentialRetries(atMost: 2)).passed)
            let result = try await client.failure(of: .credentialRetries(atMost: 1))
            #expect(result.requests.map(\.id) == [3])
            #expect(result.requests.first?.reason == "retry 2 for \"user\" after #1 was refused for its credentials")
            #expect(try await client.passwordLoginResponse(password: "wrong").status == 400)  // a new streak after a success
            #expect(try await client.report(.credentialRetries(atMost: 2)).passed)
        }
    }

    @Test("noCallsAfterSunset: calls before the sunset pass; one after it fails", arguments: TransportUnderTest.startedPair)
    func sunset(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            _ = try await client.stub.freezeClock(at: Date(timeIntervalSince1970: 1_795_428_000))
            let sunset = Date(timeIntervalSince1970: 1_795_428_000 + 3_600)
            try await client.stub.setDeprecation(DeprecationChange(method: "POST", path: "/m2m/v1/auth/logout", phase: .sunset, sunsetAt: sunset))
            let token = try await client.wiceToken()
            let headers = ["Content-Type": "application/json", "Accept": "application/json", "auth-token": token]
            let beforeSunset = try await client.send("POST", "/m2m/v1/auth/logout", headers: headers)
            #expect(beforeSunset.status == 201, "\(beforeSunset.text)")
            #expect(try await client.report(.noCallsAfterSunset).passed)

            _ = try await client.stub.advanceClock(by: .seconds(3_600))
            #expect(try await client.send("POST", "/m2m/v1/auth/logout", headers: headers).status == 410)
            let result = try await client.failure(of: .noCallsAfterSunset)
            #expect(result.requests.map(\.id) == [3])
            #expect(result.requests.first?.reason == "called after the route's sunset (410)")
        }
    }

    @Test("noTokenLeaks: a bearer passes; a refresh token as bearer, a token in a query or a path fails", arguments: TransportUnderTest.startedPair)
    func leaks(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            let tokens = try await client.passwordLogin()
            #expect(try await client.resource(tokens.access).status == 200)
            #expect(try await client.report(.noTokenLeaks).passed)

            #expect(try await client.resource(tokens.refresh).status == 401)
            #expect(try await client.send("GET", "/oauth2/resource?access_token=\(tokens.access)").status == 401)
            #expect(try await client.send("GET", "/oauth2/resource/\(tokens.access)").status == 404)
            let result = try await client.failure(of: .noTokenLeaks)
            #expect(result.requests.map(\.id) == [3, 4, 5])
            #expect(
                result.requests.map(\.reason) == [
                    "sent a refresh token as a bearer token", "put a token in the query string (access_token=)", "put a token in the URL path",
                ]
            )
            // The journal shows those tokens shortened wherever they were sent.
            let journal = client.stub.journal
            #expect(journal.allSatisfy { !($0.path + ($0.query ?? "")).contains(tokens.access) })
            #expect(result.requests[2].path == "/oauth2/resource/\(Redaction.shortened(tokens.access))")
        }
    }

    @Test("A journal that dropped requests fails every check, saying so")
    func droppedJournal() async throws {
        var options = AuthStubServer.Options()
        options.journalCapacity = 2
        try await withTransport(.inProcess, options) { client in
            for _ in 0..<3 { _ = try await client.send("GET", "/oauth2/jwks") }
            let report = try await client.stub.checkRequests(AuthCheck.all)
            #expect(report.dropped == 1 && !report.passed)
            #expect(report.results.allSatisfy { !$0.held && $0.failure?.contains("the journal dropped 1 requests") == true })
        }
    }
}

/// The bundled `oauth2` service as a client uses it, authenticating as `client` with
/// `client_secret_post` (Linux's URLSession never completes a 401 with a Basic challenge).
extension TransportClient {
    static let form = ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"]
    static let clientPair = "client_id=client&client_secret=secret"

    func passwordLoginResponse(password: String) async throws -> StubResponse {
        try await send("POST", "/oauth2/token", headers: Self.form, body: "grant_type=password&username=user&password=\(password)&\(Self.clientPair)")
    }

    /// A password-grant login's access and refresh tokens.
    func passwordLogin() async throws -> (access: String, refresh: String) {
        try Self.tokens(try await passwordLoginResponse(password: "secret"))
    }

    func refreshResponse(_ refresh: String) async throws -> StubResponse {
        try await send("POST", "/oauth2/token", headers: Self.form, body: "grant_type=refresh_token&refresh_token=\(refresh)&\(Self.clientPair)")
    }

    /// A refresh's new access and refresh tokens.
    func refresh(_ refresh: String) async throws -> (access: String, refresh: String) {
        try Self.tokens(try await refreshResponse(refresh))
    }

    func resource(_ token: String) async throws -> StubResponse {
        try await send("GET", "/oauth2/resource", headers: ["Authorization": "Bearer \(token)"])
    }

    /// An RFC 7009 revocation.
    func revoke(_ token: String) async throws -> StubResponse {
        try await send("POST", "/oauth2/revoke", headers: Self.form, body: "token=\(token)&\(Self.clientPair)")
    }

    private static func tokens(_ response: StubResponse) throws -> (access: String, refresh: String) {
        #expect(response.status == 200, "\(response.text)")
        return (try #require(response.json?["access_token"] as? String), try #require(response.json?["refresh_token"] as? String))
    }

    /// `check` run in-process and over the control API; the two reports must agree.
    func report(_ check: AuthCheck, sourceLocation: SourceLocation = #_sourceLocation) async throws -> AuthCheckReport {
        let local = try await stub.checkRequests([check])
        let remote = try await ControlClient(baseURL: stub.baseURL, session: session).checkRequests([check])
        #expect(local == remote, sourceLocation: sourceLocation)
        return local
    }

    /// The result of `check`, which must have failed.
    func failure(of check: AuthCheck, sourceLocation: SourceLocation = #_sourceLocation) async throws -> AuthCheckResult {
        let report = try await report(check, sourceLocation: sourceLocation)
        let result = try #require(report.results.first, sourceLocation: sourceLocation)
        #expect(!result.held, "\(report)", sourceLocation: sourceLocation)
        return result
    }
}
