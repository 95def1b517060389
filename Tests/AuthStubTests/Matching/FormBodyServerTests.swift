import Foundation
import TestSupport
import Testing

@testable import AuthStub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Form bodies and request-value placeholders through a real server: a login that takes JSON or
/// `application/x-www-form-urlencoded`, as RFC 6749 token requests are.
@Suite("Form bodies and request values, end to end")
struct FormBodyServerTests {
    static let service = """
        {
          "kind": "service", "name": "forms",
          "credentials": { "scheme": "jsonBody" },
          "token": { "scheme": "bearer", "expiresAtField": "expires", "noteField": "note" },
          "users": [ { "username": "ada", "password": "p&ss=wörd" } ],
          "errors": { "mediaType": "application/json", "body": { "error": "{{message}}" } }
        }
        """
    static let login = """
        { "kind": "endpoint", "name": "token", "method": "POST", "path": "/token", "role": "login",
          "accepts": ["json", "form"],
          "responses": [
            { "name": "scoped", "when": "success", "status": 200, "requestBodyHasAny": ["scope"],
              "headers": { "Content-Type": "application/json", "X-Echo": "{{request.header.X-Trace}}" },
              "body": { "access_token": "{{token}}", "scope": "{{request.body.scope}}", "note": "{{request.body.note}}",
                        "client": "{{request.query.client}}", "session": "{{request.cookie.sid}}" } },
            { "name": "plain", "when": "success", "status": 200,
              "headers": { "Content-Type": "application/json" },
              "body": { "access_token": "{{token}}", "user": "{{user}}" } }
          ] }
        """
    static let jsonOnly = """
        { "kind": "endpoint", "name": "json-login", "method": "POST", "path": "/json-login", "role": "login",
          "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" },
                           "body": { "access_token": "{{token}}" } } ] }
        """
    static let formPublic = """
        { "kind": "endpoint", "name": "echo", "method": "POST", "path": "/echo", "role": "public", "accepts": ["form"],
          "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" },
                           "body": { "said": "{{request.body.say}}" } } ] }
        """

    static let formType = ["Content-Type": "application/x-www-form-urlencoded"]

    func withFormsServer(_ body: (AuthStubServer) async throws -> Void) async throws {
        try await withTemporaryFolder { folder in
            try write(Self.service, to: "forms/service.json", in: folder)
            try write(Self.login, to: "forms/token.json", in: folder)
            try write(Self.jsonOnly, to: "forms/json-login.json", in: folder)
            try write(Self.formPublic, to: "forms/echo.json", in: folder)
            let options = AuthStubServer.Options(fixtures: [.directory(folder.appendingPathComponent("forms"))])
            try await withStub(options) { stub in try await body(stub) }
        }
    }

    @Test("URLSession: a form-encoded login (percent-encoded password) issues a token that works; the form's fields fill placeholders")
    func formLoginWithURLSession() async throws {
        try await withFormsServer { stub in
            var components = URLComponents()
            components.queryItems = [
                URLQueryItem(name: "username", value: "ada"), URLQueryItem(name: "password", value: "p&ss=wörd"),
                URLQueryItem(name: "scope", value: "read write"), URLQueryItem(name: "note", value: "CI run"),
            ]
            // URLComponents leaves & and = alone inside values; a form body must escape them.
            let form = try #require(components.percentEncodedQuery).replacingOccurrences(of: "p&ss=", with: "p%26ss%3D")
            let response = try await stub.send(
                "POST",
                "/token?client=web%20app",
                headers: Self.formType.merging(["X-Trace": "abc", "Cookie": "sid=s-1; other=2"]) { $1 },
                body: form
            )
            #expect(response.status == 200)
            #expect(response.header("X-AuthStub-Example") == "forms/token#scoped")
            #expect(response.header("X-Echo") == "abc")
            let json = try #require(response.json)
            #expect(json["scope"] as? String == "read write")
            #expect(json["note"] as? String == "CI run")
            #expect(json["client"] as? String == "web app")
            #expect(json["session"] as? String == "s-1")
            #expect(json["access_token"] is String)
            let journaled = try #require(stub.lastEntry?.body)
            #expect(journaled.contains("username=ada"))
            #expect(!journaled.contains("p%26ss"))
            #expect(try await stub.tokens().contains { $0.note == "CI run" })
        }
    }

    @Test("raw socket: form and JSON logins both work on an endpoint that accepts both; requestBodyHasAny reads form fields")
    func formAndJSONOverASocket() async throws {
        try await withFormsServer { stub in
            let connection = try await RawConnection.connect(port: try #require(stub.port))
            let form = "username=ada&password=p%26ss%3Dw%C3%B6rd"
            try await connection.send(
                "POST /token HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded; charset=UTF-8\r\nContent-Length: \(form.utf8.count)\r\n\r\n\(form)"
            )
            let formAnswer = try await connection.response()
            #expect(formAnswer.status == 200)
            #expect(formAnswer.header("X-AuthStub-Example") == "forms/token#plain")
            #expect(formAnswer.text.contains(#""user":"ada""#))

            let json = #"{"username":"ada","password":"p&ss=wörd","scope":"x"}"#
            try await connection.send(
                "POST /token HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n\r\n\(json)"
            )
            let jsonAnswer = try await connection.response()
            #expect(jsonAnswer.status == 200)
            #expect(jsonAnswer.header("X-AuthStub-Example") == "forms/token#scoped")
        }
    }

    @Test("a malformed form body is a 400 naming the problem, in the service's error shape and the journal")
    func malformedForm() async throws {
        try await withFormsServer { stub in
            let response = try await stub.send("POST", "/token", headers: Self.formType, body: "username=ada&password=100%")
            #expect(response.status == 400)
            let message = "the form body is malformed: the value of field 2 (\"password\") has a '%' not followed by two hex digits"
            #expect(response.json?["error"] as? String == message)
            #expect(stub.lastEntry?.reason == message)
        }
    }

    @Test("wrong form credentials are a 401; a form missing the password field is a 400")
    func formRefusals() async throws {
        try await withFormsServer { stub in
            let wrong = try await stub.send("POST", "/token", headers: Self.formType, body: "username=ada&password=nope")
            #expect(wrong.status == 401)
            #expect(stub.lastEntry?.reason == "wrong password for user \"ada\"")
            let lacking = try await stub.send("POST", "/token", headers: Self.formType, body: "username=ada")
            #expect(lacking.status == 400)
            #expect(lacking.json?["error"] as? String == "the request body lacks \"password\"")
        }
    }

    @Test("415 lists what the endpoint takes: JSON only by default, JSON or form when it accepts both, form alone")
    func unsupportedMediaType() async throws {
        try await withFormsServer { stub in
            let jsonOnly = try await stub.send("POST", "/json-login", headers: Self.formType, body: "username=ada&password=x")
            #expect(jsonOnly.status == 415)
            #expect(jsonOnly.json?["error"] as? String == "Content-Type must be application/json, not 'application/x-www-form-urlencoded'")
            let both = try await stub.send("POST", "/token", headers: ["Content-Type": "text/plain"], body: "username=ada")
            #expect(both.status == 415)
            #expect(
                both.json?["error"] as? String
                    == "Content-Type must be application/json or application/x-www-form-urlencoded, not 'text/plain'"
            )
            let formOnly = try await stub.send("POST", "/echo", headers: ["Content-Type": "application/json"], body: #"{"say":"hi"}"#)
            #expect(formOnly.status == 415)
            let echoed = try await stub.send("POST", "/echo", headers: Self.formType, body: "say=hi+there")
            #expect(echoed.status == 200)
            #expect(echoed.json?["said"] as? String == "hi there")
        }
    }

    @Test("\"accepts\" must list known formats, at least one, none twice")
    func acceptsValidation() async throws {
        try await withTemporaryFolder { folder in
            try write(Self.service, to: "forms/service.json", in: folder)
            try write(
                Self.login.replacingOccurrences(of: #"["json", "form"]"#, with: #"["json", "xml", "json"]"#),
                to: "forms/token.json",
                in: folder
            )
            try write(Self.formPublic.replacingOccurrences(of: #"["form"]"#, with: "[]"), to: "forms/echo.json", in: folder)
            do throws(FixtureLoadError) {
                _ = try AuthStubServer.loadFixtures([.directory(folder.appendingPathComponent("forms"))])
                Issue.record("invalid fixtures loaded")
            } catch {
                let found = Set(error.problems.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent) \($0.path): \($0.reason)" })
                #expect(
                    found == [
                        "token.json $.accepts[1]: \"xml\" is not one of \"json\", \"form\"",
                        "token.json $.accepts[2]: \"json\" is listed twice",
                        "echo.json $.accepts: must list at least one of \"json\", \"form\"",
                    ]
                )
            }
        }
    }

    @Test("a documented request the route would refuse with 415 is refused at load: a form where it takes only JSON, or the reverse")
    func documentedRequestFormat() async throws {
        try await withTemporaryFolder { folder in
            try write(Self.service, to: "forms/service.json", in: folder)
            let formRequest = #""request": { "headers": { "Content-Type": "application/x-www-form-urlencoded" } }, "responses""#
            let jsonRequest = #""request": { "headers": { "content-type": "application/json; charset=utf-8" } }, "responses""#
            try write(Self.jsonOnly.replacingOccurrences(of: #""responses""#, with: formRequest), to: "forms/json-login.json", in: folder)
            try write(Self.formPublic.replacingOccurrences(of: #""responses""#, with: jsonRequest), to: "forms/echo.json", in: folder)
            try write(Self.login.replacingOccurrences(of: #""responses""#, with: formRequest), to: "forms/token.json", in: folder)
            do throws(FixtureLoadError) {
                _ = try AuthStubServer.loadFixtures([.directory(folder.appendingPathComponent("forms"))])
                Issue.record("invalid fixtures loaded")
            } catch {
                let found = Set(error.problems.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent) \($0.path): \($0.reason)" })
                #expect(
                    found == [
                        "json-login.json $.request.headers[\"Content-Type\"]: the route takes application/json (\"accepts\"), so it would refuse this application/x-www-form-urlencoded request with 415",
                        "echo.json $.request.headers[\"content-type\"]: the route takes application/x-www-form-urlencoded (\"accepts\"), so it would refuse this application/json; charset=utf-8 request with 415",
                    ]
                )
            }
        }
    }
}
