import AuthStub
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The "Testing an OAuth Client" article's examples, verbatim (DocSnippetTests checks it), with
/// the small client its `MyOAuthClient` stands for.
@Suite("Testing an OAuth Client article examples")
struct OAuthArticleExampleTests {
    @Test func refreshesAnExpiredAccessToken() async throws {
        let stub = try AuthStubServer()  // socket-free: nothing listens
        let client = MyOAuthClient(baseURL: stub.baseURL, session: stub.makeInProcessSession())
        try await client.signIn()  // authorize (302), then code + PKCE
        try await stub.advanceClock(by: .seconds(3_601))
        let profile = try await client.get("oauth2/userinfo")  // 401 invalid_token, refresh, retry
        #expect(profile["sub"] == "user")
        #expect(try await stub.countRequests(JournalFilter(path: "/oauth2/token")) == 2)  // code, refresh
    }

    @Test func retriesARefreshThatFailed() async throws {
        let stub = try AuthStubServer()
        let client = MyOAuthClient(baseURL: stub.baseURL, session: stub.makeInProcessSession())
        try await client.signIn()
        try await stub.addFault(.status(503), match: FaultMatch(path: "/oauth2/token", grant: "refresh_token"), times: 1)
        try await stub.advanceClock(by: .seconds(3_601))
        let profile = try await client.get("oauth2/userinfo")  // refresh: 503, retried once
        #expect(profile["sub"] == "user")
        #expect(try await stub.countRequests(JournalFilter(path: "/oauth2/token")) == 3)  // code, 503, refresh
    }
}

/// An app's OAuth client: the public client's code + PKCE sign-in, then requests that refresh
/// an access token the server refused and retry a token request that answered 503 once.
private actor MyOAuthClient {
    static let redirect = "http://127.0.0.1:8123/callback"
    /// RFC 7636 Appendix B.
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

    let baseURL: URL
    let session: URLSession
    private var accessToken = ""
    private var refreshToken = ""

    init(baseURL: URL, session: URLSession) {
        self.baseURL = baseURL
        self.session = session
    }

    func signIn() async throws {
        var authorize = try #require(URLComponents(url: baseURL.appendingPathComponent("oauth2/authorize"), resolvingAgainstBaseURL: false))
        authorize.queryItems = [
            URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: "public-client"),
            URLQueryItem(name: "redirect_uri", value: Self.redirect), URLQueryItem(name: "scope", value: "openid offline_access"),
            URLQueryItem(name: "state", value: "s"), URLQueryItem(name: "code_challenge", value: Self.challenge),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        let (_, response) = try await session.data(from: try #require(authorize.url))
        let location = try #require((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Location"))
        let code = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "code" }?.value)
        try await requestTokens([
            "grant_type": "authorization_code", "code": code, "redirect_uri": Self.redirect, "client_id": "public-client",
            "code_verifier": Self.verifier,
        ])
    }

    /// The string members of a protected resource's JSON answer.
    func get(_ path: String) async throws -> [String: String] {
        var (data, status) = try await send(bearer: path)
        if status == 401 {
            try await requestTokens(["grant_type": "refresh_token", "refresh_token": refreshToken, "client_id": "public-client"])
            (data, status) = try await send(bearer: path)
        }
        try #require(status == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return object.compactMapValues { $0 as? String }
    }

    private func send(bearer path: String) async throws -> (Data, Int) {
        var request = URLRequest(url: baseURL.appendingPathComponent(path))
        request.setValue("Bearer " + accessToken, forHTTPHeaderField: "Authorization")
        let (data, response) = try await session.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }

    /// A token request, retried once after a 503.
    private func requestTokens(_ form: [String: String]) async throws {
        var request = URLRequest(url: baseURL.appendingPathComponent("oauth2/token"))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        request.httpBody = Data(
            form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "")" }.joined(separator: "&").utf8
        )
        var (data, response) = try await session.data(for: request)
        if (response as? HTTPURLResponse)?.statusCode == 503 { (data, response) = try await session.data(for: request) }
        try #require((response as? HTTPURLResponse)?.statusCode == 200)
        let tokens = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        accessToken = try #require(tokens["access_token"] as? String)
        refreshToken = try #require(tokens["refresh_token"] as? String)
    }
}
