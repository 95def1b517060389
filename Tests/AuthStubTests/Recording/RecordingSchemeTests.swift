import Foundation
import Testing

@testable import AuthStub

/// Hand-built recordings, one per way credentials and tokens travel: each folder is written,
/// loaded, served, and answers a replayed login and token use as the recording did.
@Suite("Recording: credential and token schemes")
struct RecordingSchemeTests {
    static let hexToken = String(repeating: "3f9a", count: 16)
    static let basic = "Basic " + Data("kim:open sesame".utf8).base64EncodedString()

    @Test("Basic credentials, the token in a header of its own, 64 hex digits; a 401 without it keeps its challenge")
    func basicAndHeader() async throws {
        let exchanges = [
            exchange(
                "POST",
                "/login",
                headers: [("Authorization", Self.basic)],
                status: 200,
                responseHeaders: [
                    ("Content-Type", "application/json"), ("X-Auth-Token", Self.hexToken), ("Date", "Fri, 15 Jan 2027 08:00:00 GMT"),
                    ("Server", "nginx"),
                ],
                response: #"{"ok":true}"#
            ),
            exchange("GET", "/profile", headers: [("X-Auth-Token", Self.hexToken)], status: 200, response: #"{"name":"Kim"}"#, at: 5),
            exchange(
                "GET",
                "/profile",
                status: 401,
                responseHeaders: [("Content-Type", "application/json"), ("WWW-Authenticate", "Token realm=\"api\"")],
                response: #"{"detail":"no token"}"#,
                at: 6
            ),
        ]
        try await withRecordedFolder(exchanges) { folder, report in
            let service = try recordedJSON("service.json", in: folder)
            #expect(service["credentials"]?["scheme"]?.stringValue == "basic")
            #expect(service["token"]?["scheme"]?.stringValue == "header")
            #expect(service["token"]?["header"]?.stringValue == "X-Auth-Token")
            #expect(service["token"]?["format"] == .object(["hex": .int(64)]))
            #expect(service["token"]?["challenge"]?.stringValue == "Token realm=\"api\"")
            #expect(service["errors"]?["body"] == .object(["detail": .string("{{message}}")]))
            let login = try recordedJSON("post-login.json", in: folder)
            #expect(login["request"]?["headers"]?["Authorization"]?.stringValue == "Basic {{credentials}}")
            let headers = login["responses"]?.arrayValue?.first?["headers"]
            #expect(headers == .object(["Content-Type": .string("application/json"), "X-Auth-Token": .string("{{token}}")]))
            let profile = try recordedJSON("get-profile.json", in: folder)
            #expect(profile["request"]?["headers"]?["X-Auth-Token"]?.stringValue == "{{token}}")
            #expect(profile["responses"]?.arrayValue?.map { $0["reason"] } == [nil, .array([.string("missing")])])
            let password = try #require(report.users.first?.password)

            try await withStub(AuthStubServer.Options(fixtures: [.directory(folder)])) { stub in
                let capture = try ExchangeCapture(stub)
                let basic = "Basic " + Data("kim:\(password)".utf8).base64EncodedString()
                let login = try await capture.send("POST", "/login", headers: [("Authorization", basic)])
                #expect(login.status == 200)
                let token = try #require(login.responseHeader("X-Auth-Token"))
                #expect(token.count == 64 && token != Self.hexToken)
                #expect(try await capture.send("GET", "/profile", headers: [("X-Auth-Token", token)]).text == #"{"name":"Kim"}"#)
                let refused = try await capture.send("GET", "/profile")
                #expect(refused.status == 401 && refused.responseHeader("WWW-Authenticate") == "Token realm=\"api\"")
                #expect(try await capture.send("POST", "/login", headers: [("Authorization", Self.basic)]).status == 401)
            }
        }
    }

    @Test("a form login setting a cookie: cookie scheme, Set-Cookie fit for localhost, Location to the upstream as {{issuer}}, a text body")
    func formAndCookie() async throws {
        let session = "s3ss10n-0123456789abcdefXYZ"
        let exchanges = [
            exchange(
                "POST",
                "/v2/session",
                headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: "login=bob&pwd=hunter22",
                status: 302,
                responseHeaders: [
                    ("Location", "https://api.example.test/v2/home"),
                    ("Set-Cookie", "sid=\(session); Domain=example.test; Path=/; Secure; HttpOnly; SameSite=None"),
                ]
            ),
            exchange(
                "GET",
                "/v2/home",
                headers: [("Cookie", "theme=dark; sid=\(session)")],
                status: 200,
                responseHeaders: [("Content-Type", "text/html")],
                response: "<p>hi bob</p>",
                at: 1
            ),
        ]
        try await withRecordedFolder(exchanges) { folder, report in
            let service = try recordedJSON("service.json", in: folder)
            #expect(
                service["token"]
                    == .object([
                        "scheme": .string("cookie"), "cookie": .string("sid"),
                        "format": .object(["prefix": .string("s3ss10n-"), "characters": .string("base62"), "length": .int(19)]),
                    ])
            )
            #expect(service["credentials"]?["usernameField"]?.stringValue == "login")
            #expect(service["credentials"]?["passwordField"]?.stringValue == "pwd")
            let login = try recordedJSON("post-v2-session.json", in: folder)
            #expect(login["accepts"] == .array([.string("form")]))
            let headers = login["responses"]?.arrayValue?.first?["headers"]
            #expect(headers?["Location"]?.stringValue == "{{issuer}}/home")
            #expect(headers?["Set-Cookie"]?.stringValue == "sid={{token}}; Path=/; HttpOnly; SameSite=Lax")
            let home = try recordedJSON("get-v2-home.json", in: folder)
            #expect(home["responses"]?.arrayValue?.first?["body"]?.stringValue == "<p>hi bob</p>")
            #expect(home["request"]?["headers"]?["Cookie"]?.stringValue == "sid={{token}}")
            #expect(report.interpretations.contains { $0.contains("written as a JSON string") })
            let password = try #require(report.users.first { $0.username == "bob" }?.password)

            try await withStub(AuthStubServer.Options(fixtures: [.directory(folder)])) { stub in
                let capture = try ExchangeCapture(stub)
                let login = try await capture.send(
                    "POST",
                    "/v2/session",
                    headers: [("Content-Type", "application/x-www-form-urlencoded")],
                    body: "login=bob&pwd=\(password)"
                )
                #expect(login.status == 302)
                #expect(login.responseHeader("Location") == stub.baseURL.absoluteString + "/home")
                let cookie = try #require(login.responseHeader("Set-Cookie")?.split(separator: ";").first.map(String.init))
                let home = try await capture.send("GET", "/v2/home", headers: [("Cookie", cookie)])
                #expect(home.status == 200 && home.text == #""<p>hi bob</p>""#)
                #expect(try await capture.send("GET", "/v2/home").status == 401)
            }
        }
    }

    @Test("Authorization: Token, a prefixed format, refresh tokens that rotate, expires_in as the lifetime")
    func refreshRotation() async throws {
        let access = ["sk_live_AbCdEfGhIjKlMnOpQrStUvWx", "sk_live_ZyXwVuTsRqPoNmLkJiHgFeDc"]
        let refresh = ["rt_0123456789abcdefghijKLMN", "rt_NMLKjihgfedcba9876543210"]
        let pair = { (index: Int) in
            #"{"access_token":"\#(access[index])","refresh_token":"\#(refresh[index])","expires_in":900,"token_type":"Token"}"#
        }
        let exchanges = [
            exchange("POST", "/auth", body: #"{"username":"lee","password":"pa55word"}"#, status: 200, response: pair(0)),
            exchange("GET", "/data", headers: [("Authorization", "Token \(access[0])")], status: 200, response: #"{"rows":[1,2]}"#, at: 1),
            exchange("POST", "/auth/refresh", body: #"{"refresh_token":"\#(refresh[0])"}"#, status: 200, response: pair(1), at: 2),
            exchange("GET", "/data", headers: [("Authorization", "Token \(access[1])")], status: 200, response: #"{"rows":[1,2]}"#, at: 3),
            exchange(
                "POST",
                "/auth/refresh",
                body: #"{"refresh_token":"\#(refresh[0])"}"#,
                status: 400,
                response: #"{"error":"invalid_grant"}"#,
                at: 4
            ),
        ]
        try await withRecordedFolder(exchanges) { folder, report in
            let token = try recordedJSON("service.json", in: folder)["token"]
            #expect(token?["scheme"]?.stringValue == "authorization" && token?["authScheme"]?.stringValue == "Token")
            #expect(token?["lifetime"]?.stringValue == "15m")
            #expect(token?["refresh"] == .object(["rotate": .bool(true)]))
            #expect(token?["format"] == .object(["prefix": .string("sk_live_"), "characters": .string("base62"), "length": .int(24)]))
            let refreshFile = try recordedJSON("post-auth-refresh.json", in: folder)
            #expect(refreshFile["role"]?.stringValue == "refresh")
            #expect(refreshFile["refreshToken"]?.stringValue == "body.refresh_token")
            #expect(refreshFile["request"]?["body"]?["refresh_token"]?.stringValue == "{{refreshToken}}")
            let ok = refreshFile["responses"]?.arrayValue?.first { $0["status"]?.intValue == 200 }
            #expect(ok?["body"]?["refresh_token"]?.stringValue == "{{refreshToken}}")
            #expect(ok?["body"]?["access_token"]?.stringValue == "{{token}}")
            #expect(ok?["body"]?["expires_in"]?.stringValue == "{{token.expiresIn}}")
            let password = try #require(report.users.first?.password)

            try await withStub(AuthStubServer.Options(fixtures: [.directory(folder)])) { stub in
                let capture = try ExchangeCapture(stub)
                let login = try JSONValue.parse(try await capture.send("POST", "/auth", body: #"{"username":"lee","password":"\#(password)"}"#).text)
                let first = try #require(login["refresh_token"]?.stringValue)
                let renewed = try await capture.send("POST", "/auth/refresh", body: #"{"refresh_token":"\#(first)"}"#)
                #expect(renewed.status == 200)
                let newAccess = try #require(try JSONValue.parse(renewed.text)["access_token"]?.stringValue)
                #expect(newAccess.hasPrefix("sk_live_") && newAccess.count == 32)
                #expect(try await capture.send("GET", "/data", headers: [("Authorization", "Token \(newAccess)")]).status == 200)
                #expect(try await capture.send("POST", "/auth/refresh", body: #"{"refresh_token":"\#(first)"}"#).status == 400)
            }
        }
    }
}

/// A recording that stops after the login: the token is found by its name.
@Suite("Recording: a token never sent back")
struct RecordingUnusedTokenTests {
    @Test("a login's body member named like a token is the token, assumed to travel as a bearer token")
    func loginOnly() async throws {
        let token = "0b6f6a7e-5d3c-4e2b-9a1f-2c3d4e5f6a7b"
        let exchanges = [
            exchange(
                "POST",
                "/login",
                body: #"{"username":"zoe","password":"letmein1"}"#,
                status: 200,
                response: #"{"access_token":"\#(token)","refresh_token":"rt-0123456789abcdefghij"}"#
            )
        ]
        try await withRecordedFolder(exchanges) { folder, report in
            #expect(try recordedJSON("service.json", in: folder)["token"]?["scheme"]?.stringValue == "bearer")
            let body = try recordedJSON("post-login.json", in: folder)["responses"]?.arrayValue?.first?["body"]
            #expect(body?["access_token"]?.stringValue == "{{token}}")
            #expect(body?["refresh_token"]?.stringValue == "[scrubbed]")
            #expect(report.interpretations.contains { $0.contains("was never sent back in the recording") })
            let password = try #require(report.users.first?.password)
            try await withStub(AuthStubServer.Options(fixtures: [.directory(folder)])) { stub in
                let capture = try ExchangeCapture(stub)
                let login = try await capture.send("POST", "/login", body: #"{"username":"zoe","password":"\#(password)"}"#)
                #expect(login.status == 200)
                #expect(try JSONValue.parse(login.text)["access_token"]?.stringValue.map(isUUIDv4) == true)
            }
        }
    }
}

/// An OAuth 2.0 token endpoint: one path, several grants, a client in Basic.
@Suite("Recording: an OAuth 2.0 token endpoint")
struct RecordingOAuthTests {
    static let client = "Basic " + Data("app:app-secret-1".utf8).base64EncodedString()
    static let wrongClient = "Basic " + Data("app:not-it".utf8).base64EncodedString()
    static let form = [("Content-Type", "application/x-www-form-urlencoded")]
    static let access = ["0b6f6a7e-5d3c-4e2b-9a1f-2c3d4e5f6a7b", "1c7f6a7e-5d3c-4e2b-9a1f-2c3d4e5f6a7b", "2d8f6a7e-5d3c-4e2b-9a1f-2c3d4e5f6a7b"]
    static let refresh = ["rt-aaaaaaaaaaaaaaaaaaaaaaaa", "rt-bbbbbbbbbbbbbbbbbbbbbbbb"]

    static func tokens(_ index: Int, refresh: String?) -> String {
        let refresh = refresh.map { #","refresh_token":"\#($0)""# } ?? ""
        return #"{"access_token":"\#(access[index])","token_type":"Bearer","expires_in":3600\#(refresh)}"#
    }

    @Test(
        "each grant an endpoint matched by grant_type; client and user checks; refresh rotation; the client credentials grant checks the client alone"
    )
    func grants() async throws {
        let headers = [("Authorization", Self.client)] + Self.form
        let exchanges = [
            exchange(
                "POST",
                "/oauth/token",
                headers: headers,
                body: "grant_type=password&username=ivy&password=pw-12345",
                status: 200,
                response: Self.tokens(0, refresh: Self.refresh[0])
            ),
            exchange("GET", "/api/me", headers: [("Authorization", "Bearer \(Self.access[0])")], status: 200, response: #"{"sub":"ivy"}"#, at: 1),
            exchange(
                "POST",
                "/oauth/token",
                headers: headers,
                body: "grant_type=refresh_token&refresh_token=\(Self.refresh[0])",
                status: 200,
                response: Self.tokens(1, refresh: Self.refresh[1]),
                at: 2
            ),
            exchange("GET", "/api/me", headers: [("Authorization", "Bearer \(Self.access[1])")], status: 200, response: #"{"sub":"ivy"}"#, at: 3),
            exchange(
                "POST",
                "/oauth/token",
                headers: headers,
                body: "grant_type=client_credentials",
                status: 200,
                response: Self.tokens(2, refresh: nil),
                at: 4
            ),
            exchange(
                "POST",
                "/oauth/token",
                headers: headers,
                body: "grant_type=password&username=ivy&password=nope",
                status: 400,
                response: #"{"error":"invalid_grant"}"#,
                at: 5
            ),
            exchange(
                "POST",
                "/oauth/token",
                headers: [("Authorization", Self.wrongClient)] + Self.form,
                body: "grant_type=password&username=ivy&password=pw-12345",
                status: 401,
                responseHeaders: [("Content-Type", "application/json"), ("WWW-Authenticate", "Basic realm=\"oauth\"")],
                response: #"{"error":"invalid_client"}"#,
                at: 6
            ),
        ]
        try await withRecordedFolder(exchanges) { folder, report in
            let files = Set(try recordedFiles(in: folder).keys)
            #expect(
                files == [
                    "service.json", "post-oauth-token-password.json", "post-oauth-token-refresh-token.json",
                    "post-oauth-token-client-credentials.json", "get-api-me.json",
                ]
            )
            let service = try recordedJSON("service.json", in: folder)
            #expect(service["credentials"]?.arrayValue?.map { $0["name"]?.stringValue } == ["client", "user"])
            #expect(service["accounts"]?["clients"]?.arrayValue?.first?["username"]?.stringValue == "app")
            #expect(service["token"]?["refresh"] == .object(["rotate": .bool(true)]))
            let password = try recordedJSON("post-oauth-token-password.json", in: folder)
            #expect(password["match"] == .object(["body.grant_type": .string("password")]))
            #expect(password["accepts"] == .array([.string("form")]))
            #expect(password["responses"]?.arrayValue?.compactMap { $0["check"]?.stringValue } == ["user", "client"])
            let clientGrant = try recordedJSON("post-oauth-token-client-credentials.json", in: folder)
            #expect(clientGrant["credentials"]?["scheme"]?.stringValue == "client")
            #expect(clientGrant["responses"]?.arrayValue?.first?["body"]?["access_token"]?.stringValue == "{{token}}")
            #expect(try recordedJSON("post-oauth-token-refresh-token.json", in: folder)["role"]?.stringValue == "refresh")
            let secret = try #require(report.users.first { $0.list == "clients" }?.password)
            let user = try #require(report.users.first { $0.list == "users" }?.password)
            #expect(secret != "app-secret-1" && user != "pw-12345")

            try await withStub(AuthStubServer.Options(fixtures: [.directory(folder)])) { stub in
                let capture = try ExchangeCapture(stub)
                let client = [("Authorization", "Basic " + Data("app:\(secret)".utf8).base64EncodedString())] + Self.form
                let login = try await capture.send("POST", "/oauth/token", headers: client, body: "grant_type=password&username=ivy&password=\(user)")
                #expect(login.status == 200)
                let refresh = try #require(try JSONValue.parse(login.text)["refresh_token"]?.stringValue)
                let renewed = try await capture.send(
                    "POST",
                    "/oauth/token",
                    headers: client,
                    body: "grant_type=refresh_token&refresh_token=\(refresh)"
                )
                #expect(renewed.status == 200)
                let token = try #require(try JSONValue.parse(renewed.text)["access_token"]?.stringValue)
                #expect(try await capture.send("GET", "/api/me", headers: [("Authorization", "Bearer \(token)")]).status == 200)
                #expect(try await capture.send("POST", "/oauth/token", headers: client, body: "grant_type=client_credentials").status == 200)
                #expect(
                    try await capture.send("POST", "/oauth/token", headers: client, body: "grant_type=password&username=ivy&password=x").status == 400
                )
                let wrong = [("Authorization", Self.wrongClient)] + Self.form
                #expect(
                    try await capture.send("POST", "/oauth/token", headers: wrong, body: "grant_type=password&username=ivy&password=\(user)").status
                        == 401
                )
            }
        }
    }
}
