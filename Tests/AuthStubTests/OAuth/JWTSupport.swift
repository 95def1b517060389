import Foundation
import Testing

@testable import AuthStub

/// A JWT as the tests read it: header and payload decoded with Foundation (independent of the
/// product's own JSON and base64url code).
struct DecodedJWT {
    let header: [String: Any]
    let payload: [String: Any]
    /// `header.payload`, the signed input.
    let signingInput: String
    let signature: Data

    init(_ token: String) throws {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        try #require(parts.count == 3, "\(token)")
        header = try #require(try JSONSerialization.jsonObject(with: try Self.data(parts[0])) as? [String: Any])
        payload = try #require(try JSONSerialization.jsonObject(with: try Self.data(parts[1])) as? [String: Any])
        signingInput = parts[0] + "." + parts[1]
        signature = try Self.data(parts[2])
    }

    /// base64url without padding, decoded by Foundation.
    static func data(_ text: String) throws -> Data {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return try #require(Data(base64Encoded: base64), "not base64url: \(text)")
    }

    /// A numeric claim as a whole number.
    func int(_ claim: String) -> Int? { (payload[claim] as? NSNumber)?.intValue }
}

/// A one-service fixture whose tokens are JWTs, signed with the HS256 key `hs-1`.
enum JWTFixture {
    /// The HS256 test key: 32 bytes, base64url.
    static let secret = "c2VjcmV0LWtleS1mb3ItYXV0aHN0dWItand0LXRlc3Q"
    static let key = #"{ "kty": "oct", "kid": "hs-1", "alg": "HS256", "k": "\#(secret)" }"#
    static let secondKey = #"{ "kty": "oct", "kid": "hs-2", "alg": "HS256", "k": "YW5vdGhlci1zZWNyZXQta2V5LWZvci1yb3RhdGlvbi0x" }"#

    /// Service `api` with JWT tokens (`jwt` is the `{"jwt": …}` member's value), a user `ada`
    /// with an email, a login answering `{"token": …}` and `GET /me`.
    static func files(jwt: String = #"{ "algorithm": "HS256", "claims": { "email": "{{user.email}}" } }"#, keys: String = key) -> [String: String] {
        [
            "api/service.json": """
            { "kind": "service", "name": "api",
              "credentials": { "scheme": "jsonBody" },
              "token": { "scheme": "bearer", "lifetime": "1h", "format": { "jwt": \(jwt) } },
              "signingKeys": { "keys": [ \(keys) ] },
              "users": [ { "username": "ada", "password": "lovelace", "data": { "email": "ada@example.test" } } ],
              "errors": { "mediaType": "application/json", "body": { "error": "{{message}}" } } }
            """,
            "api/login.json": TokenFixture.login(body: #"{ "token": "{{token}}" }"#),
            "api/me.json": TokenFixture.profile(),
        ]
    }
}

extension AuthStubServer {
    /// Logs `ada` in and decodes the JWT she gets.
    func jwtLogin() async throws -> (token: String, jwt: DecodedJWT) {
        let token = try #require(try await apiLogin().json?["token"] as? String)
        return (token, try DecodedJWT(token))
    }
}
