import Foundation
import TestSupport
import Testing

@testable import AuthStub

extension AuthStubServer {
    /// `POST /oauth2/token` with a form body (and, when given, `Authorization: Basic` for
    /// `basic`: the client id and secret, form-encoded first as RFC 6749 §2.3.1 asks).
    func oauthToken(_ form: String, basic: (id: String, secret: String)? = nil, headers: [String: String] = [:]) async throws -> StubResponse {
        var fields = ["Content-Type": "application/x-www-form-urlencoded"].merging(headers) { $1 }
        if let basic {
            let pair = "\(OAuthForm.encode(basic.id)):\(OAuthForm.encode(basic.secret))"
            fields["Authorization"] = "Basic " + Data(pair.utf8).base64EncodedString()
        }
        return try await oauthSend("POST", "/oauth2/token", headers: fields, body: form)
    }

    /// One request over a raw socket, as a `StubResponse`: Linux's URLSession hands back
    /// neither a 401 with a Basic challenge nor a 302 it did not follow.
    func oauthSend(_ method: String, _ path: String, headers: [String: String] = [:], body: String = "") async throws -> StubResponse {
        let raw = try await controlRawSend(method, path, headers: headers, body: body)
        let fields = Dictionary(raw.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        return StubResponse(status: raw.status.code, headers: fields, body: Data(raw.body))
    }
}

/// Form encoding for the tests' requests (`application/x-www-form-urlencoded`).
enum OAuthForm {
    /// `value` percent-encoded except for the unreserved characters.
    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }
}

extension StubResponse {
    /// The RFC 6749 §5.2 `error` code of the body.
    var oauthError: String? { json?["error"] as? String }
}

/// RFC 7636 Appendix B: a code verifier and its S256 challenge.
enum PKCEExample {
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
}

extension AuthStubServer {
    /// `GET /oauth2/authorize?query` (the 302 is not followed).
    func oauthAuthorize(_ query: String) async throws -> StubResponse {
        try await oauthSend("GET", "/oauth2/authorize?" + query)
    }

    /// An authorization code for `public-client` with the RFC 7636 Appendix B challenge (S256),
    /// redirected to `redirect`.
    func oauthCode(redirect: String = "http://127.0.0.1:54321/callback", extra: String = "") async throws -> String {
        let query =
            "response_type=code&client_id=public-client&redirect_uri=\(OAuthForm.encode(redirect))&state=xyz"
            + "&code_challenge=\(PKCEExample.challenge)&code_challenge_method=S256" + extra
        let response = try await oauthAuthorize(query)
        #expect(response.status == 302)
        return try #require(response.redirectParameters["code"])
    }
}

extension StubResponse {
    /// The query parameters of the `Location` a redirect names.
    var redirectParameters: [String: String] {
        let items = header("Location").flatMap { URLComponents(string: $0)?.queryItems } ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }
}
