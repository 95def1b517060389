import Foundation
import Testing

@testable import AuthStub

/// The parts of `authstub openapi` that code generators and validators need (issue 19): every
/// status and header the engine sends, request bodies, merged schemas, sample values, servers
/// and security.
extension OpenAPIDocumentTests {
    func operation(_ path: String, _ method: String) throws -> JSONValue {
        try #require(document["paths"]?[path]?[method])
    }

    @Test(
        "each status the engine gives is declared one by one, never a default: 400/406/415 and the account states' 403/423 on logins, 401 on every token route"
    )
    func statuses() throws {
        let operations = try #require(document["paths"]?.objectValue).values.flatMap { $0.objectValue?.values ?? [] }
        #expect(operations.count == 21)
        #expect(operations.allSatisfy { $0["responses"]?["default"] == nil })
        #expect(Set(try operation("/auth/login", "post")["responses"]?.objectValue?.keys ?? []) == ["200", "400", "401", "403", "406", "415", "423"])
        for path in ["/v1/auth/logout", "/m2m/v1/auth/logout"] {
            #expect(Set(try operation(path, "delete")["responses"]?.objectValue?.keys ?? []) == ["204", "401", "406"])
        }
        for (path, method) in [("/auth/bump", "post"), ("/auth/logout", "post"), ("/oauth2/userinfo", "get"), ("/oauth2/resource", "get")] {
            #expect(try operation(path, method)["responses"]?["401"] != nil, "\(method) \(path)")
        }
        // The token route's four grants: their 400s, the client's 401 (Basic), the form body's 415 as a 400, and the
        // password grant's account states.
        #expect(Set(try operation("/oauth2/token", "post")["responses"]?.objectValue?.keys ?? []) == ["200", "400", "401", "403", "406", "423"])
        // A route whose documented 401 answers only some refusals gets the service's error shape beside it.
        let login = try operation("/auth/login", "post")
        #expect(login["responses"]?["415"]?["description"]?.stringValue?.hasPrefix("unsupportedMediaType: ") == true)
    }

    @Test("headers: the challenge on 401s, the deprecation trio, Vary where Accept picks, the fixture's own; required only when always sent")
    func headers() throws {
        let logout = try #require(try operation("/v1/auth/logout", "post")["responses"])
        #expect(logout["401"]?["headers"]?["WWW-Authenticate"]?["required"] == .bool(true))
        #expect(logout["401"]?["headers"]?["WWW-Authenticate"]?["example"] == .string("auth-token realm=\"wice\""))
        #expect(logout["201"]?["headers"]?["Deprecation"]?["required"] == .bool(true))
        #expect(logout["201"]?["headers"]?["Deprecation"]?["example"] == .string("@1577836800"))
        #expect(logout["201"]?["headers"]?["Link"]?["example"] == .string("</v1/auth/logout>; rel=\"successor-version\""))
        #expect(logout["201"]?["headers"]?["Sunset"]?["required"] == .bool(false))
        // A removed route sends no Deprecation, but still names its successor.
        #expect(logout["410"]?["headers"]?["Deprecation"] == nil)
        #expect(logout["410"]?["headers"]?["Link"]?["required"] == .bool(true))

        let login = try #require(try operation("/v1/auth/login", "post")["responses"])
        #expect(login["201"]?["headers"]?["Vary"]?["required"] == .bool(true))
        // Only the JSON variant sends the token in a header.
        #expect(login["201"]?["headers"]?["auth-token"]?["required"] == .bool(false))
        #expect(login["201"]?["headers"]?["X-AuthStub-Example"]?["required"] == .bool(false))
        let basic = try #require(try operation("/auth/login", "post")["responses"])
        #expect(basic["401"]?["headers"]?["WWW-Authenticate"]?["example"] == .string("Basic realm=\"usertoken\""))
        let authorize = try #require(try operation("/oauth2/authorize", "get")["responses"])
        #expect(authorize["302"]?["headers"]?["Location"]?["required"] == .bool(true))
        #expect(authorize["302"]?["headers"]?["Location"]?["example"]?.stringValue?.hasPrefix("http://127.0.0.1/callback?code=") == true)
        let everyHeader = document.serialized()
        #expect(!everyHeader.contains("\"Content-Type\":{\"description\""))
    }

    @Test(
        "request bodies and query: a Basic login's optional note fields, the token route's grants merged, required members as the engine reads them"
    )
    func requestBodies() throws {
        let note = try #require(try operation("/auth/login", "post")["requestBody"])
        #expect(note["required"] == .bool(false))
        let noteSchema = note["content"]?["application/json"]?["schema"]
        #expect(noteSchema?["properties"]?.objectValue?.keys == ["note", "expirationTime"])
        #expect(noteSchema?["properties"]?["expirationTime"]?["format"] == .string("date-time"))
        #expect(noteSchema?["required"] == .array([]))

        let token = try #require(try operation("/oauth2/token", "post")["requestBody"])
        #expect(token["required"] == .bool(true))
        #expect(token["content"]?.objectValue?.keys == ["application/x-www-form-urlencoded"])
        let form = token["content"]?["application/x-www-form-urlencoded"]
        #expect(form?["schema"]?["required"] == .array([.string("grant_type")]))
        #expect(
            form?["schema"]?["properties"]?["grant_type"]?["enum"]
                == .array(["authorization_code", "client_credentials", "password", "refresh_token"].map(JSONValue.string))
        )
        #expect(form?["examples"]?.objectValue?.count == 4)

        let introspect = try operation("/oauth2/introspect", "post")["requestBody"]?["content"]?["application/x-www-form-urlencoded"]?["schema"]
        #expect(introspect?["required"] == .array([.string("token")]))
        // The authorization request and RP-initiated logout read their query.
        let query = try operation("/oauth2/authorize", "get")["parameters"]?.arrayValue ?? []
        #expect(query.filter { $0["required"] == .bool(true) }.compactMap { $0["name"]?.stringValue } == ["response_type", "client_id"])
        #expect(query.allSatisfy { $0["in"] == .string("query") } && query.count == 8)
        #expect(try operation("/oauth2/logout", "get")["parameters"]?.arrayValue?.first?["name"] == .string("id_token_hint"))
        // A route that reads no body declares none.
        #expect(try operation("/oauth2/userinfo", "get")["requestBody"] == nil)
        #expect(try operation("/v1/auth/logout", "delete")["requestBody"] == nil)
    }

    @Test("schemas: examples of one status merge into one object (union of members, intersection of required); types as sent")
    func mergedSchemas() throws {
        let userToken = try operation("/auth/login", "post")["responses"]?["200"]?["content"]?["application/json"]?["schema"]
        #expect(userToken?["anyOf"] == nil)
        #expect(userToken?["properties"]?.objectValue?.keys == ["note", "expirationTime", "creationTime", "enabled", "token", "version"])
        #expect(userToken?["required"] == .array(["creationTime", "enabled", "token", "version"].map(JSONValue.string)))

        let grant = try operation("/oauth2/token", "post")["responses"]?["200"]?["content"]?["application/json"]?["schema"]
        #expect(grant?["properties"]?["expires_in"]?["type"] == .string("integer"))
        #expect(grant?["required"] == .array(["access_token", "token_type", "expires_in"].map(JSONValue.string)))
        let claims = try operation("/oauth2/userinfo", "get")["responses"]?["200"]?["content"]?["application/json"]?["schema"]
        #expect(claims?["properties"]?["email_verified"]?["type"] == .string("boolean"))
        let keys = try operation("/oauth2/jwks", "get")["responses"]?["200"]?["content"]?["application/json"]?["schema"]
        #expect(keys?["properties"]?["keys"]?["type"] == .string("array"))
        let errorShape = try operation("/v1/auth/logout", "delete")["responses"]?["401"]?["content"]?["application/json"]?["schema"]
        #expect(errorShape?["properties"]?["code"]?["type"] == .string("integer"))

        #expect(
            JSONSchemaInference.merged([JSONSchemaInference.type("integer"), JSONSchemaInference.type("number")])
                == JSONSchemaInference.type("number")
        )
        #expect(
            JSONSchemaInference.merged([JSONSchemaInference.type("string"), JSONSchemaInference.type("null")])
                == .object(["type": .array([.string("string"), .string("null")])])
        )
        let conflicting = JSONSchemaInference.merged([JSONSchemaInference.type("string"), JSONSchemaInference.schema(of: .object(["a": .int(1)]))])
        #expect(conflicting["anyOf"]?.arrayValue?.count == 2)
    }

    @Test("examples hold sample values: no {{ anywhere, UUID- and JWT-shaped tokens, RFC 3339 times, integer lifetimes")
    func samples() throws {
        #expect(!document.serialized().contains("{{"))
        let v2 = try operation("/v1/auth/login", "post")["responses"]?["201"]?["content"]?["application/vnd.se.alkit.wice.authservice-v2+json"]
        let uuid = try #require(v2?["examples"]?["token-string"]?["value"]?.stringValue)
        #expect(UUID(uuidString: uuid) != nil)
        let grant = try operation("/oauth2/token", "post")["responses"]?["200"]?["content"]?["application/json"]?["examples"]
        let password = grant?["token-password#access-token"]?["value"]
        #expect(password?["access_token"]?.stringValue?.split(separator: ".").count == 3)
        #expect(password?["expires_in"] == .int(3600))
        let created = try operation("/auth/login", "post")["responses"]?["200"]?["content"]?["application/json"]?["examples"]?["with-note"]?["value"]
        #expect(created?["creationTime"] == .string("2026-01-01T00:00:00+00:00"))
        #expect(created?["note"] == .string("a note"))
        let claims = try operation("/oauth2/userinfo", "get")["responses"]?["200"]?["content"]?["application/json"]?["examples"]?["claims"]?["value"]
        #expect(claims?["name"] == .string("Test User"))
    }

    @Test("servers name authstub serve's default port as a variable; security schemes per service; operation ids unique lower camel case")
    func serversSecurityIDs() throws {
        let server = try #require(document["servers"]?.arrayValue?.first)
        #expect(server["url"] == .string("http://127.0.0.1:{port}"))
        #expect(server["variables"]?["port"]?["default"] == .string("8080"))
        let schemes = try #require(document["components"]?["securitySchemes"])
        #expect(schemes["oauth2-client"]?["scheme"] == .string("basic"))
        #expect(schemes["oauth2-token"]?["scheme"] == .string("bearer"))
        #expect(try operation("/oauth2/token", "post")["security"] == .array([.object(["oauth2-client": .array([])]), .object([:])]))
        #expect(try operation("/oauth2/jwks", "get")["security"] == .array([]))
        #expect(try operation("/v1/auth/login", "post")["security"] == .array([]))

        let ids = try #require(document["paths"]?.objectValue).values.flatMap { $0.objectValue?.values ?? [] }.compactMap {
            $0["operationId"]?.stringValue
        }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.first?.isLowercase == true && $0.allSatisfy { $0.isLetter || $0.isNumber } })
        #expect(try operation("/m2m/v1/auth/logout", "post")["operationId"] == .string("wiceLogoutPostM2m"))
        #expect(try operation("/oauth2/token", "post")["operationId"] == .string("oauth2Token"))
    }

    @Test("a hand-made set: a cookie token and CSRF; Set-Cookie declared, an error shape merged with a documented 403, a cookie scheme")
    func csrfAndCookies() async throws {
        try await TokenFixture.serve(CsrfTests.files) { stub in
            let document = OpenAPIDocument.make(stub.fixtures)
            let login = document["paths"]?["/login"]?["post"]
            #expect(login?["responses"]?["200"]?["headers"]?["Set-Cookie"]?["required"] == .bool(true))
            #expect(
                login?["requestBody"]?["content"]?["application/json"]?["schema"]?["required"] == .array([.string("username"), .string("password")])
            )
            let issued = document["paths"]?["/csrf-cookie"]?["get"]?["responses"]?["204"]
            #expect(issued?["headers"]?["Set-Cookie"]?["example"]?.stringValue?.hasPrefix("csrftoken=") == true)
            #expect(issued?["content"] == nil)
            // The documented 403 answers a missing value only; a wrong one gets the error shape.
            let forbidden = document["paths"]?["/me"]?["post"]?["responses"]?["403"]?["content"]?["application/json"]?["schema"]
            #expect(forbidden?["properties"]?.objectValue?.keys == ["detail", "status", "error"])
            #expect(forbidden?["required"] == .array([]))
            #expect(!document.serialized().contains("{{"))
        }
    }
}
