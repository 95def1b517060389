import Foundation
import Testing

@testable import AuthStub

/// `acceptsTokensFrom`: a service (or endpoint) that takes the tokens another service issued,
/// over a real socket with two services.
@Suite("Cross-service tokens")
struct CrossServiceTokenTests {
    /// `auth` issues tokens at `/login`; `api` takes them (`serviceKey` on its service,
    /// `endpointKey` on its `/me`) and has a logout; `other` is a third service whose tokens
    /// no one takes.
    static func files(serviceKey: String = #", "acceptsTokensFrom": ["auth"]"#, endpointKey: String = "") -> [String: String] {
        [
            "auth/service.json": TokenFixture.service(name: "auth", token: #"{ "scheme": "bearer" }"#),
            "auth/login.json": TokenFixture.login(body: #"{ "access_token": "{{token}}" }"#),
            "api/service.json": TokenFixture.service(name: "api", token: #"{ "scheme": "bearer" }"#, extra: serviceKey),
            "api/me.json": TokenFixture.profile().replacingOccurrences(
                of: #""role": "requiresToken","#,
                with: #""role": "requiresToken",\#(endpointKey)"#
            ),
            "api/logout.json": """
            { "kind": "endpoint", "name": "logout", "method": "POST", "path": "/logout", "role": "logout",
              "responses": [ { "name": "ok", "when": "success", "status": 204 }, { "name": "bad", "when": "badToken", "status": 401 } ] }
            """,
            "other/service.json": TokenFixture.service(name: "other", token: #"{ "scheme": "bearer" }"#),
            "other/me.json": TokenFixture.profile().replacingOccurrences(of: #""path": "/me""#, with: #""path": "/other/me""#),
        ]
    }

    static func send(_ stub: AuthStubServer, _ method: String, _ path: String, _ token: String) async throws -> Int {
        try await stub.send(method, path, headers: ["Authorization": "Bearer \(token)"]).status
    }

    static func info(_ stub: AuthStubServer, _ token: String) async throws -> TokenInfo {
        try #require(try await stub.tokens().first { $0.token == token })
    }

    @Test("a token auth issued keeps auth's idle timeout on api: {{token.expiresIn}} counts auth's hour, not api's 8 hours")
    func idleTimeoutOfTheIssuer() async throws {
        let me = """
            { "kind": "endpoint", "name": "me", "method": "GET", "path": "/me", "role": "requiresToken",
              "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" },
                               "body": { "left": "{{token.expiresIn}}" } } ] }
            """
        let files = [
            "auth/service.json": TokenFixture.service(name: "auth", token: #"{ "scheme": "bearer", "idleTimeout": "1h" }"#),
            "auth/login.json": TokenFixture.login(body: #"{ "access_token": "{{token}}" }"#),
            "api/service.json": TokenFixture.service(
                name: "api",
                token: #"{ "scheme": "bearer", "idleTimeout": "8h" }"#,
                extra: #", "acceptsTokensFrom": ["auth"]"#
            ),
            "api/me.json": me,
        ]
        try await TokenFixture.serve(files) { stub in
            let token = try #require(try await stub.apiLogin().json?["access_token"] as? String)
            let answer = try await stub.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"])
            #expect(answer.status == 200)
            #expect(answer.json?["left"] as? Int == 3600)
        }
    }

    @Test("a token auth issued is valid on api's token routes (it touches them, and api's logout revokes it); other's is not")
    func acceptedByService() async throws {
        try await TokenFixture.serve(Self.files()) { stub in
            let login = try #require(try await stub.apiLogin().json)
            let token = try #require(login["access_token"] as? String)
            #expect(try await Self.info(stub, token).service == "auth")
            let later = try await stub.advanceClock(by: .seconds(60)).now
            let me = try await stub.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"])
            #expect(me.status == 200 && me.json?["user"] as? String == "ada")
            #expect(try await Self.info(stub, token).lastUsedAt == later, "the use touched it")
            let others = try await stub.mintToken(service: "other", user: "ada").token
            #expect(try await Self.send(stub, "GET", "/me", others) == 401)
            #expect(stub.lastEntry?.refusalReason == .unknown)
            let apis = try await stub.mintToken(service: "api", user: "ada").token
            #expect(try await Self.send(stub, "GET", "/me", apis) == 200, "its own tokens still count")

            #expect(try await Self.send(stub, "POST", "/logout", token) == 204)
            #expect(try await Self.info(stub, token).endReason == .loggedOut)
            #expect(try await Self.send(stub, "GET", "/me", token) == 401)
            #expect(stub.lastEntry?.refusalReason == .revoked)
        }
    }

    @Test("on an endpoint, acceptsTokensFrom holds for that endpoint alone")
    func acceptedByEndpoint() async throws {
        try await TokenFixture.serve(Self.files(serviceKey: "", endpointKey: #" "acceptsTokensFrom": ["auth"],"#)) { stub in
            let login = try #require(try await stub.apiLogin().json)
            let token = try #require(login["access_token"] as? String)
            #expect(try await Self.send(stub, "GET", "/me", token) == 200)
            #expect(try await Self.send(stub, "POST", "/logout", token) == 401)
            #expect(stub.lastEntry?.refusalReason == .unknown)
        }
    }

    @Test("the named services must be loaded, and not the service itself")
    func checkedAtLoad() async throws {
        let problems = try await TokenFixture.loadProblems(Self.files(serviceKey: #", "acceptsTokensFrom": ["api", "billing"]"#))
        #expect(
            problems == [
                "service.json $.acceptsTokensFrom[0]: a service takes its own tokens anyway; name other services",
                #"service.json $.acceptsTokensFrom[1]: no service "billing" is loaded"#,
            ]
        )
        let onEndpoint = try await TokenFixture.loadProblems(Self.files(serviceKey: "", endpointKey: #" "acceptsTokensFrom": ["nope"],"#))
        #expect(onEndpoint == [#"me.json $.acceptsTokensFrom[0]: no service "nope" is loaded"#])
    }
}
