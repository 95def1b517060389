import Foundation
import Testing

@testable import AuthStub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An OAuth client as Swift apps write one, on URLSession through the socket-free transport:
/// discovery, code + PKCE (the 302 read, not followed), the token answer, a refresh with
/// rotation after the access token expired on the server clock, and reuse detection.
///
/// On Linux, swift-corelibs-foundation's URLSession never completes a `401` carrying a `Basic`
/// challenge, so the client authenticates with `client_secret_post` (here: the public client,
/// which sends its `client_id` alone).
@Suite("OAuth 2.0: a URLSession client through the socket-free transport")
struct OAuth2URLSessionTests {
    static let redirect = "http://127.0.0.1:8123/callback"

    @Test("discovery, code + PKCE S256, userinfo, expiry on the clock, refresh with rotation, reuse refused")
    func codeFlowWithRefresh() async throws {
        let stub = try AuthStubServer()  // never started: nothing listens
        let client = OAuthClient(session: URLSession(configuration: stub.inProcessConfiguration, delegate: NoRedirects(), delegateQueue: nil))

        let metadata = try await client.json(URLRequest(url: stub.baseURL.appendingPathComponent(".well-known/openid-configuration")))
        let issuer = try #require(metadata["issuer"] as? String)
        #expect(issuer == stub.baseURL.absoluteString.trimmingSuffix("/"))
        let authorizationEndpoint = try #require((metadata["authorization_endpoint"] as? String).flatMap(URL.init(string:)))
        let tokenEndpoint = try #require((metadata["token_endpoint"] as? String).flatMap(URL.init(string:)))
        let userinfoEndpoint = try #require((metadata["userinfo_endpoint"] as? String).flatMap(URL.init(string:)))

        var components = try #require(URLComponents(url: authorizationEndpoint, resolvingAgainstBaseURL: false))
        components.queryItems = [
            URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: "public-client"),
            URLQueryItem(name: "redirect_uri", value: Self.redirect), URLQueryItem(name: "scope", value: "openid profile offline_access"),
            URLQueryItem(name: "state", value: "s-42"), URLQueryItem(name: "nonce", value: "n-7"),
            URLQueryItem(name: "code_challenge", value: PKCEExample.challenge), URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        let (_, authorization) = try await client.send(URLRequest(url: try #require(components.url)))
        #expect(authorization.statusCode == 302)
        let location = try #require(authorization.value(forHTTPHeaderField: "Location").flatMap(URLComponents.init(string:)))
        #expect(location.host == "127.0.0.1" && location.port == 8123 && location.path == "/callback")
        let query = Dictionary((location.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        #expect(query["state"] == "s-42")
        let code = try #require(query["code"])

        let tokens = try await client.json(
            .form(
                tokenEndpoint,
                [
                    "grant_type": "authorization_code", "code": code, "redirect_uri": Self.redirect,
                    "client_id": "public-client", "code_verifier": PKCEExample.verifier,
                ]
            )
        )
        let access = try #require(tokens["access_token"] as? String)
        let firstRefresh = try #require(tokens["refresh_token"] as? String)
        #expect(tokens["token_type"] as? String == "Bearer" && tokens["expires_in"] as? Int == 3600)
        #expect(try JWTParts(access).header["typ"] as? String == "at+jwt")
        let identity = try JWTParts(try #require(tokens["id_token"] as? String)).claims
        #expect(identity["nonce"] as? String == "n-7" && identity["aud"] as? String == "public-client" && identity["iss"] as? String == issuer)

        let profile = try await client.json(.bearer(userinfoEndpoint, access))
        #expect(profile["sub"] as? String == "user")

        _ = try await stub.advanceClock(by: .seconds(3_601))
        let (_, expired) = try await client.send(.bearer(userinfoEndpoint, access))
        #expect(expired.statusCode == 401)
        #expect(expired.value(forHTTPHeaderField: "WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)

        let refreshed = try await client.json(
            .form(tokenEndpoint, ["grant_type": "refresh_token", "refresh_token": firstRefresh, "client_id": "public-client"])
        )
        let newAccess = try #require(refreshed["access_token"] as? String)
        let secondRefresh = try #require(refreshed["refresh_token"] as? String)
        #expect(secondRefresh != firstRefresh)
        #expect(try await client.json(.bearer(userinfoEndpoint, newAccess))["sub"] as? String == "user")

        // The rotated refresh token again: invalid_grant, and its whole family ends.
        let (reusedBody, reused) = try await client.send(
            .form(tokenEndpoint, ["grant_type": "refresh_token", "refresh_token": firstRefresh, "client_id": "public-client"])
        )
        #expect(reused.statusCode == 400)
        #expect((try JSONSerialization.jsonObject(with: reusedBody) as? [String: Any])?["error"] as? String == "invalid_grant")
        let (_, afterReuse) = try await client.send(.bearer(userinfoEndpoint, newAccess))
        #expect(afterReuse.statusCode == 401)
    }
}

/// Refuses every redirect, as an OAuth client reading the authorization endpoint's `302` does.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest
    ) async -> URLRequest? { nil }
}

/// A small OAuth client's HTTP side: requests and JSON answers.
private struct OAuthClient {
    let session: URLSession

    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let (data, response) = try await session.data(for: request)
        return (data, try #require(response as? HTTPURLResponse))
    }

    /// The JSON object of a `200` answer.
    func json(_ request: URLRequest) async throws -> [String: Any] {
        let (data, response) = try await send(request)
        #expect(response.statusCode == 200, "\(String(decoding: data, as: UTF8.self))")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

extension URLRequest {
    /// A form-encoded POST (RFC 6749 appendix B).
    fileprivate static func form(_ url: URL, _ fields: [String: String]) -> URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(OAuthForm.encode($0.value))" }.joined(separator: "&").utf8)
        return request
    }

    /// A GET with `Authorization: Bearer` (RFC 6750 §2.1).
    fileprivate static func bearer(_ url: URL, _ token: String) -> URLRequest {
        var request = URLRequest(url: url)
        request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
        return request
    }
}

/// A JWT's header and claims, decoded without checking the signature (PyJWT checks it in CI).
private struct JWTParts {
    let header: [String: Any]
    let claims: [String: Any]

    init(_ token: String) throws {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        try #require(parts.count == 3)
        header = try Self.object(parts[0])
        claims = try Self.object(parts[1])
    }

    private static func object(_ part: Substring) throws -> [String: Any] {
        let bytes = try #require(Base64URL.decode(part))
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }
}

extension String {
    /// The text without one trailing `suffix`.
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
