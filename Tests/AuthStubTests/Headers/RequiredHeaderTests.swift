import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// `requiredHeaders`: a header every request must carry (Supabase's `apikey`), refused before
/// anything else with `"when": "badHeader"`.
@Suite("Required headers")
struct RequiredHeaderTests {
    static let files = [
        "api/service.json": TokenFixture.service(
            token: #"{ "scheme": "bearer", "challenge": "Bearer" }"#,
            extra: #", "requiredHeaders": [ { "name": "apikey", "values": ["anon-key-1", "service-key-2"] }, { "name": "X-Client" } ]"#
        ),
        "api/login.json": TokenFixture.login(body: #"{ "token": "{{token}}" }"#),
        "api/me.json": TokenFixture.profile(
            more:
                #", { "name": "bad-key", "when": "badHeader", "reason": "wrong", "status": 401, "headers": { "Content-Type": "application/json" }, "body": { "message": "Invalid API key" } }, "#
                + #"{ "name": "no-key", "when": "badHeader", "status": 401, "headers": { "Content-Type": "application/json" }, "body": { "message": "No API key found in request" } }"#
        ),
        "api/health.json": """
        { "kind": "endpoint", "name": "health", "method": "GET", "path": "/health", "role": "public", "requiredHeaders": [],
          "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" }, "body": { "ok": true } } ] }
        """,
    ]
    static let keyed = ["apikey": "anon-key-1", "X-Client": "web"]

    @Test("a missing header, an empty one and a wrong value: 401 before the body is read, the service's error shape, the reason journaled")
    func refused() async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let missing = try await stub.send("POST", "/login", headers: ["Content-Type": "text/plain", "X-Client": "web"], body: "x")
            #expect(missing.status == 401)
            #expect(missing.json?["error"] as? String == "the apikey header is required")
            #expect(missing.header("WWW-Authenticate") == "Bearer")
            #expect(stub.lastEntry?.refusal == .badHeader)
            #expect(stub.lastEntry?.reason == "missing header apikey")
            #expect(stub.lastEntry?.refusalReason == .missing)

            let empty = try await stub.send("POST", "/login", headers: ["apikey": "anon-key-1", "X-Client": ""])
            #expect(empty.status == 401)
            #expect(stub.lastEntry?.reason == "missing header X-Client")

            let wrong = try await stub.send("POST", "/login", headers: ["APIKEY": "anon-key-3", "X-Client": "web"])
            #expect(wrong.status == 401)
            #expect(wrong.json?["error"] as? String == "the apikey header is not valid")
            #expect(stub.lastEntry?.reason == "wrong value of header apikey")
            #expect(stub.lastEntry?.refusalReason == .wrong)
            #expect(stub.lastEntry?.headers.first { $0.name.lowercased() == "apikey" }?.value == "anon…")
        }
    }

    @Test("with the headers the routes work as before; a documented badHeader response answers; an endpoint's [] requires none")
    func accepted() async throws {
        try await TokenFixture.serve(Self.files) { stub in
            var headers = Self.keyed
            headers["Content-Type"] = "application/json"
            let login = try await stub.send("POST", "/login", headers: headers, body: #"{"username":"ada","password":"lovelace"}"#)
            #expect(login.status == 200)
            let token = try #require(login.json?["token"] as? String)
            let me = try await stub.send("GET", "/me", headers: ["Authorization": "Bearer \(token)", "apikey": "service-key-2", "X-Client": "cli"])
            #expect(me.json?["user"] as? String == "ada")

            let documented = try await stub.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"])
            #expect(documented.status == 401)
            #expect(documented.json?["message"] as? String == "No API key found in request")
            #expect(stub.lastEntry?.fixture == "api/me#no-key")
            let wrongKey = try await stub.send("GET", "/me", headers: ["Authorization": "Bearer \(token)", "apikey": "old", "X-Client": "web"])
            #expect(wrongKey.json?["message"] as? String == "Invalid API key")
            #expect(stub.lastEntry?.fixture == "api/me#bad-key")

            #expect(try await stub.send("GET", "/health").status == 200)
        }
    }

    @Test("openapi: the required headers as header parameters (their values not shown), and a 401 where none is documented")
    func openAPI() async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let paths = OpenAPIDocument.make(stub.fixtures)["paths"]
            let login = paths?["/login"]?["post"]
            let names = login?["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(names == ["apikey", "X-Client"])
            #expect(login?["parameters"]?.arrayValue?.first?["in"] == .string("header"))
            #expect(login?["parameters"]?.arrayValue?.first?["description"] == .string("one of the 2 values the fixture lists"))
            #expect(login?["responses"]?["401"]?["description"]?.stringValue?.hasPrefix("badHeader") == true)
            #expect(paths?["/me"]?["get"]?["responses"]?["401"]?["description"]?.stringValue?.hasPrefix("bad-key; no-key; badToken: ") == true)
            #expect(paths?["/health"]?["get"]?["parameters"] == nil)
            #expect(!OpenAPIDocument.make(stub.fixtures).serialized().contains("anon-key-1"))
        }
    }

    @Test("fixture problems: no values listed, a bad or repeated name, an empty value; all in one run")
    func problems() async throws {
        try await withTemporaryFolder { folder in
            let headers =
                #"[ { "name": "apikey", "values": [] }, { "name": "bad name" }, { "name": "APIKEY", "values": [""] }, { "values": ["x"] } ]"#
            try write(
                TokenFixture.service(token: #"{ "scheme": "bearer" }"#, extra: #", "requiredHeaders": \#(headers)"#),
                to: "api/service.json",
                in: folder
            )
            try write(TokenFixture.login(body: "{}"), to: "api/login.json", in: folder)
            let error = #expect(throws: FixtureLoadError.self) { try AuthStubServer.loadFixtures([.directory(folder.appendingPathComponent("api"))]) }
            let found = Set(error?.problems.map { "\($0.path): \($0.reason)" } ?? [])
            #expect(
                found == [
                    "$.requiredHeaders[0].values: list at least one value, or leave \"values\" out to accept any non-empty value",
                    "$.requiredHeaders[1].name: \"bad name\" is not a valid header name",
                    "$.requiredHeaders[2].name: the header \"APIKEY\" is listed twice",
                    "$.requiredHeaders[2].values[0]: a header value must not be empty or hold control characters",
                    "$.requiredHeaders[3].name: missing required key \"name\"",
                ],
                "\(found)"
            )
        }
    }
}
