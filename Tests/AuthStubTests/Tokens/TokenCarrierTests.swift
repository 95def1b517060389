import Foundation
import Testing

@testable import AuthStub

/// Where tokens travel: `Authorization` with any scheme (django-rest-knox's `Token`) and a
/// cookie set by the login's `Set-Cookie` template.
@Suite("Token carriers")
struct TokenCarrierTests {
    @Test("knox: Authorization: Token <64 hex digits>, the scheme name in any case; Bearer is not Token")
    func authorizationWithAnyScheme() async throws {
        let files = [
            "api/service.json": TokenFixture.service(
                token: #"{ "scheme": "authorization", "authScheme": "Token", "format": { "hex": 64 }, "challenge": "Token" }"#
            ),
            "api/login.json": TokenFixture.login(body: #"{ "token": "{{token}}", "expiry": "{{token.expiresAt}}" }"#),
            "api/me.json": TokenFixture.profile(),
        ]
        try await TokenFixture.serve(files) { stub in
            let token = try #require(try await stub.apiLogin().json?["token"] as? String)
            #expect(token.count == 64)
            #expect(try await stub.send("GET", "/me", headers: ["Authorization": "Token \(token)"]).status == 200)
            #expect(try await stub.send("GET", "/me", headers: ["Authorization": "tOKEN \(token)"]).status == 200)
            let bearer = try await stub.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"])
            #expect(bearer.status == 401)
            #expect(bearer.header("WWW-Authenticate") == "Token")
            #expect(stub.lastEntry?.refusalReason == .missing)
            let entry = try #require(stub.journal.first { $0.path == "/me" })
            #expect(entry.headers.first { $0.name == "Authorization" }?.value.contains(token) == false, "the journal hides the token")
        }
    }

    @Test("a cookie session: the login's Set-Cookie carries the token; requests carry it in Cookie among others")
    func cookieCarrier() async throws {
        let files = [
            "api/service.json": TokenFixture.service(token: #"{ "scheme": "cookie", "cookie": "sessionid", "idleTimeout": "14d" }"#),
            "api/login.json": TokenFixture.login(
                body: #"{ "detail": "logged in" }"#,
                headers: #"{ "Content-Type": "application/json", "Set-Cookie": "sessionid={{token}}; Path=/; HttpOnly; SameSite=Lax" }"#
            ),
            "api/me.json": TokenFixture.profile(),
        ]
        try await TokenFixture.serve(files) { stub in
            let login = try await stub.apiLogin()
            let setCookie = try #require(login.header("Set-Cookie"))
            #expect(setCookie.hasSuffix("; Path=/; HttpOnly; SameSite=Lax"))
            let token = String(setCookie.dropFirst("sessionid=".count).prefix { $0 != ";" })
            #expect(isUUIDv4(token))
            let me = try await stub.send("GET", "/me", headers: ["Cookie": "theme=dark; sessionid=\(token); lang=en"])
            #expect(me.status == 200)
            #expect(me.json?["user"] as? String == "ada")
            #expect(try await stub.send("GET", "/me", headers: ["Cookie": "theme=dark"]).status == 401)
            #expect(stub.lastEntry?.refusalReason == .missing)
            #expect(try await stub.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"]).status == 401)
        }
    }

    @Test("the schemes' names are checked at load: missing, not a token, or beside the wrong scheme")
    func carrierProblems() throws {
        func problems(_ token: String) throws -> [String] {
            var reader = FixtureReader(file: "service.json")
            _ = reader.service(try JSONValue.parse(TokenFixture.service(token: token)), directory: "api")
            return reader.problems.map { "\($0.path): \($0.reason)" }
        }
        #expect(
            try problems(#"{ "scheme": "authorization" }"#)
                == [#"$.token.authScheme: the "authorization" scheme needs "authScheme": the Authorization scheme, e.g. "Token""#]
        )
        #expect(try problems(#"{ "scheme": "cookie", "cookie": "a b" }"#) == [#"$.token.cookie: "a b" is not a valid cookie name"#])
        #expect(try problems(#"{ "scheme": "bearer", "cookie": "sid" }"#) == [#"$.token.cookie: "cookie" does not go with "scheme": "bearer""#])
        #expect(
            try problems(#"{ "scheme": "jwt" }"#) == [#"$.token.scheme: "jwt" is not one of "header", "bearer", "authorization", "cookie""#]
        )
    }
}
