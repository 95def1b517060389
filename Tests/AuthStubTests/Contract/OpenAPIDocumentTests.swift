import Testing

@testable import AuthStub

/// `authstub openapi`'s document of the bundled fixtures.
@Suite("Contract: OpenAPI")
struct OpenAPIDocumentTests {
    let document: JSONValue

    init() throws {
        document = OpenAPIDocument.make(try AuthStubServer.loadFixtures([.bundled]), version: "9.9.9")
    }

    @Test("Every route under every base path, with unique operation ids")
    func paths() throws {
        #expect(document["openapi"]?.stringValue == "3.1.0")
        #expect(document["info"]?["version"]?.stringValue == "9.9.9")
        let paths = try #require(document["paths"]?.objectValue)
        let seedPaths = paths.keys.filter { !$0.hasPrefix("/oauth2/") && !$0.hasPrefix("/.well-known/") }
        #expect(
            Set(seedPaths) == [
                "/auth/login", "/auth/bump", "/auth/logout", "/m2m/v1/auth/login",
                "/v1/auth/login", "/m2m/v1/auth/logout", "/v1/auth/logout",
            ]
        )
        #expect(Set(paths["/v1/auth/logout"]?.objectValue?.keys ?? []) == ["delete", "post"])
        let ids = paths.values.flatMap { $0.objectValue?.values ?? [] }.compactMap { $0["operationId"]?.stringValue }
        #expect(seedPaths.flatMap { paths[$0]?.objectValue?.values ?? [] }.count == 9)
        #expect(Set(ids).count == ids.count)
    }

    @Test("One media type per Accept variant, with its example; no content on 204")
    func mediaTypes() throws {
        let created = try #require(document["paths"]?["/m2m/v1/auth/login"]?["post"]?["responses"]?["201"])
        let content = try #require(created["content"]?.objectValue)
        #expect(content.keys == ["application/json", "application/vnd.se.alkit.wice.authservice-v2+json"])
        #expect(content["application/json"]?["examples"]?["status-message"]?["value"]?["code"]?.intValue == 12345)
        #expect(content["application/vnd.se.alkit.wice.authservice-v2+json"]?["schema"]?["type"]?.stringValue == "string")
        #expect(created["headers"]?["auth-token"] != nil)
        #expect(document["paths"]?["/m2m/v1/auth/login"]?["post"]?["responses"]?["401"] != nil)
        let noContent = try #require(document["paths"]?["/v1/auth/logout"]?["delete"]?["responses"]?["204"])
        #expect(noContent["content"] == nil)
        // Two login examples of different shapes: one object schema, the echoed members optional.
        let userToken = document["paths"]?["/auth/login"]?["post"]?["responses"]?["200"]?["content"]?["application/json"]
        #expect(userToken?["schema"]?["properties"]?["note"] != nil)
        #expect(userToken?["examples"]?.objectValue?.keys == ["with-note", "user-token"])
    }

    @Test("Security schemes: the token header, bearer and basic; deprecated routes flagged")
    func securityAndDeprecation() throws {
        let schemes = try #require(document["components"]?["securitySchemes"])
        #expect(schemes["wice-token"] == .object(["type": .string("apiKey"), "in": .string("header"), "name": .string("auth-token")]))
        #expect(schemes["usertoken-basic"]?["scheme"]?.stringValue == "basic")
        #expect(schemes["usertoken-token"]?["scheme"]?.stringValue == "bearer")
        let logout = document["paths"]?["/m2m/v1/auth/logout"]
        #expect(logout?["post"]?["deprecated"]?.boolValue == true)
        #expect(logout?["delete"]?["deprecated"] == nil)
        #expect(logout?["delete"]?["security"] == .array([.object(["wice-token": .array([])])]))
        #expect(document["paths"]?["/auth/login"]?["post"]?["security"] == .array([.object(["usertoken-basic": .array([])])]))
        let wiceLogin = document["paths"]?["/v1/auth/login"]?["post"]
        #expect(
            wiceLogin?["requestBody"]?["content"]?["application/json"]?["schema"]?["required"]
                == .array([.string("username"), .string("password")])
        )
    }

    @Test("Refusals the engine gives that no fixture documents: under their default status, in the service's error shape")
    func engineRefusals() throws {
        let login = try #require(document["paths"]?["/v1/auth/login"]?["post"]?["responses"]?.objectValue)
        // Documented: 201 and the 401 for bad credentials. The engine adds a malformed body (400),
        // a body that is not JSON (415), an Accept that allows nothing offered (406) and the
        // account states: locked (423), disabled or password expired (403).
        #expect(Set(login.keys) == ["201", "401", "400", "415", "406", "403", "423"])
        #expect(login["401"]?["description"]?.stringValue == "bad-credentials")
        #expect(login["415"]?["description"]?.stringValue?.hasPrefix("unsupportedMediaType: ") == true)
        #expect(login["400"]?["content"]?["application/json"]?["schema"]?["properties"]?["message"] != nil)
        // The deprecated logout documents only its success: the token refusal (401, with a
        // challenge) and the removal (410) are the engine's.
        let logout = try #require(document["paths"]?["/v1/auth/logout"]?["post"]?["responses"]?.objectValue)
        #expect(Set(logout.keys) == ["201", "401", "410", "406"])
        #expect(logout["401"]?["headers"]?["WWW-Authenticate"] != nil)
        #expect(logout["410"]?["description"]?.stringValue?.hasPrefix("gone: ") == true)
    }

    @Test("Each {name} segment of a path is a required path parameter")
    func pathParameters() {
        let parameters = OpenAPIDocument.pathParameters("/v1/projects/{project}/databases/(default)/documents/{document}")
        #expect(parameters.compactMap { $0["name"]?.stringValue } == ["project", "document"])
        #expect(parameters.allSatisfy { $0["in"]?.stringValue == "path" && $0["required"]?.boolValue == true })
        #expect(OpenAPIDocument.pathParameters("/users/me").isEmpty)
        #expect(OpenAPIDocument.pathParameters("/a/{}/b").isEmpty)
    }

    @Test("A route that accepts form and JSON bodies lists both; a form example is described by its fields")
    func formBodies() async throws {
        try await withTemporaryFolder { folder in
            try write(
                #"{"kind": "service", "name": "oauth", "credentials": {"scheme": "jsonBody", "usernameField": "username", "passwordField": "password"}, "token": {"scheme": "bearer"}, "users": [{"username": "u", "password": "p"}], "errors": {"mediaType": "application/json", "body": {"error": "{{message}}"}}}"#,
                to: "oauth/service.json",
                in: folder
            )
            try write(
                #"{"kind": "endpoint", "name": "token", "method": "POST", "path": "/token", "role": "login", "accepts": ["form", "json"], "request": {"headers": {"Content-Type": "application/x-www-form-urlencoded"}, "body": "username=u&password=p"}, "responses": [{"name": "ok", "when": "success", "status": 200, "body": {"access_token": "{{token}}"}}]}"#,
                to: "oauth/token.json",
                in: folder
            )
            let document = OpenAPIDocument.make(try FixtureLoader.load(from: [folder]))
            let content = try #require(document["paths"]?["/token"]?["post"]?["requestBody"]?["content"]?.objectValue)
            #expect(Set(content.keys) == ["application/x-www-form-urlencoded", "application/json"])
            let form = content["application/x-www-form-urlencoded"]
            #expect(form?["schema"]?["required"] == .array([.string("username"), .string("password")]))
            #expect(form?["examples"]?["token"]?["value"] == .object(["username": .string("u"), "password": .string("p")]))
            #expect(content["application/json"]?["schema"]?["type"]?.stringValue == "object")
        }
    }
}
