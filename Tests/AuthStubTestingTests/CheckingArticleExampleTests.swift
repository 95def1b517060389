import AuthStub
import AuthStubTesting
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The "Checking What Your Client Does" article's examples, verbatim (DocSnippetTests checks
/// it), with the small app client its `AppAuthClient` stands for: a password-grant login, a
/// bearer on each call, one refresh on a 401 shared by concurrent calls, a logout that revokes.
@Suite("Checking What Your Client Does article examples")
struct CheckingArticleExampleTests {
    @Test func refreshesOnceAndForgetsEndedTokens() async throws {
        let stub = try AuthStubServer()  // socket-free: nothing listens
        let client = AppAuthClient(baseURL: stub.baseURL, session: stub.makeInProcessSession())
        try await client.signIn(username: "user", password: "secret")
        try await stub.advanceClock(by: .seconds(3_601))  // the access token runs out
        async let profile = client.get("oauth2/userinfo")  // two calls get 401 at once…
        async let resource = client.get("oauth2/resource")
        _ = try await (profile, resource)  // …and share one refresh
        try await client.signOut()
        try await stub.verify(
            .noTokenUseAfterEnd,
            .oneRefresh(within: .seconds(60)),
            .noTokenLeaks,
            .called("POST", "/oauth2/revoke", times: 1)
        )
    }

    @Test func aRetryLoopIsCaught() async throws {
        let stub = try AuthStubServer()
        let client = AppAuthClient(baseURL: stub.baseURL, session: stub.makeInProcessSession())
        for _ in 0..<3 { try? await client.signIn(username: "user", password: "typo") }
        let report = try await stub.checkRequests([.credentialRetries(atMost: 1)])
        #expect(!report.passed)
        #expect(report.results[0].requests.map(\.id) == [3])  // the second retry
        print(report)
        // expected at most 1 credential retry after a bad-credentials answer, but 1 request did not
        //     #3 2026-12-06T10:00:00+00:00 POST /oauth2/token: retry 2 for "user" after #1 was refused for its credentials
    }

    @Test func theFailureNamesTheRequests() async throws {
        let stub = try AuthStubServer()
        let client = AppAuthClient(baseURL: stub.baseURL, session: stub.makeInProcessSession())
        try await client.signIn(username: "user", password: "secret")
        let ended = try #require(await client.accessToken)
        try await client.signOut()
        await client.forgetSignOut(keeping: ended)  // a bug: the app keeps the revoked token
        _ = try? await client.get("oauth2/userinfo")
        let error = try await #require(throws: RequestVerificationError.self) { try await stub.verify(.noTokenUseAfterEnd) }
        #expect(error.failures.count == 1)
        #expect(error.failures[0].contains("2 requests did not"))  // the call and its retry after a refresh that could not happen
        #expect(
            error.failures[0].contains("GET /oauth2/userinfo token \(ended.prefix(4))…: used after #2 POST /oauth2/revoke (200) had ended its family")
        )
    }
}

/// An app's auth client, as apps write them on URLSession: a password-grant login
/// (`client_secret_post`), a bearer on each call, one refresh on a 401 that concurrent calls
/// wait for, and a logout that revokes the refresh token and so its family (RFC 7009).
actor AppAuthClient {
    let baseURL: URL
    let session: URLSession
    private(set) var accessToken: String?
    private var refreshToken: String?
    private var refreshing: Task<Void, any Error>?

    init(baseURL: URL, session: URLSession) {
        self.baseURL = baseURL
        self.session = session
    }

    func signIn(username: String, password: String) async throws {
        try await takeTokens(["grant_type": "password", "username": username, "password": password])
    }

    /// Calls `path` with the access token; on a 401, refreshes once (shared with concurrent
    /// calls) and tries again.
    func get(_ path: String) async throws -> [String: String] {
        let used = accessToken
        let (data, status) = try await send(path, token: used)
        guard status == 401 else { return try Self.object(data, status).compactMapValues { $0 as? String } }
        try await refresh(replacing: used)
        let (again, retried) = try await send(path, token: accessToken)
        return try Self.object(again, retried).compactMapValues { $0 as? String }
    }

    func signOut() async throws {
        guard let refreshToken else { return }
        _ = try await post("oauth2/revoke", ["token": refreshToken])
        (accessToken, self.refreshToken) = (nil, nil)
    }

    /// Puts back a token `signOut` dropped: the bug `theFailureNamesTheRequests` catches.
    func forgetSignOut(keeping token: String) { accessToken = token }

    private func refresh(replacing used: String?) async throws {
        if let refreshing { return try await refreshing.value }
        guard accessToken == used, let refreshToken else { return }  // another call refreshed already
        let task = Task { try await takeTokens(["grant_type": "refresh_token", "refresh_token": refreshToken]) }
        refreshing = task
        defer { refreshing = nil }
        try await task.value
    }

    private func takeTokens(_ form: [String: String]) async throws {
        let (data, status) = try await post("oauth2/token", form)
        let tokens = try Self.object(data, status)
        accessToken = tokens["access_token"] as? String
        refreshToken = tokens["refresh_token"] as? String
    }

    private func send(_ path: String, token: String?) async throws -> (Data, Int) {
        var request = URLRequest(url: baseURL.appendingPathComponent(path))
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await session.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }

    /// A form POST, the client authenticating with `client_secret_post`.
    private func post(_ path: String, _ fields: [String: String]) async throws -> (Data, Int) {
        let form = fields.merging(["client_id": "client", "client_secret": "secret"]) { $1 }
        var request = URLRequest(url: baseURL.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let pairs = form.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        request.httpBody = Data(pairs.joined(separator: "&").utf8)
        let (data, response) = try await session.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }

    private static func object(_ data: Data, _ status: Int) throws -> [String: Any] {
        guard (200..<300).contains(status) else { throw URLError(.userAuthenticationRequired) }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}
