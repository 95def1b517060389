import Foundation
import StubHTTP
import Testing

@testable import AuthStub

/// The control API's OpenAPI document (`ControlOpenAPIDocument`) against the declared routes,
/// the models' readers and a running server's real answers.
@Suite("Control: the OpenAPI document")
struct ControlOpenAPITests {
    static let document = ControlOpenAPIDocument.make(serverURL: "http://127.0.0.1:8080/__control")

    /// Every model a route reads from a JSON body, and every one it reads from the query.
    static let bodyModels: [any ControlModel.Type] = [
        Fault.self, TokenRequest.self, TokenEnabling.self, TokenEnding.self, ClockChange.self, JournalFilter.self,
        DeprecationChange.self, FixtureAddition.self, ServiceUser.self, CodeSetting.self, ProviderStateChange.self,
        KeyRotation.self, ClaimsQueueing.self, TokenSkewSetting.self, NextAuthorization.self, RedirectURIRegistration.self,
        AuthCheckRequest.self,
        AccountStateChange.self,
    ]
    static let queryModels: [any ControlQueryModel.Type] = [JournalFilter.self, UserListing.self, CodeLookup.self, PactNames.self, KeyListing.self]

    @Test("every declared route is an operation with its success status, its refusals, 401 and 403, and nothing else")
    func everyRoute() throws {
        let paths = try #require(Self.document["paths"]?.objectValue)
        var operationIDs: Set<String> = []
        for route in ControlRoutes.all {
            let path = route.path.segments.isEmpty ? "/" : route.path.description
            let operation = try #require(paths[path]?[route.method.rawValue.lowercased()], "\(route) is missing")
            let statuses = operation["responses"]?.objectValue?.keys ?? []
            #expect(statuses == (route.statuses + [401, 403]).map { String($0.code) }, "\(route)")
            let operationID = operation["operationId"]?.stringValue ?? ""
            #expect(operationIDs.insert(operationID).inserted, "\(route)")
            let parameters = (operation["parameters"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            let pathParameters = route.path.segments.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
            #expect(parameters == pathParameters + route.query.map(\.name), "\(route)")
            #expect((operation["requestBody"] != nil) == (route.body != .none), "\(route)")
            let success = operation["responses"]?[String(route.statuses.first?.code ?? 0)]
            #expect((success?["headers"]?["Link"] != nil) == route.query.contains { $0.name == "after" }, "\(route)")
        }
        #expect(paths.keys.flatMap { paths[$0]?.objectValue?.keys ?? [] }.count == ControlRoutes.all.count)
        #expect(Self.document["servers"] == .array([.object(["url": .string("http://127.0.0.1:8080/__control")])]))
    }

    @Test(
        "every body model's schema has exactly its Field cases as properties; the smallest example it allows reads without error, one more member is refused by both"
    )
    func bodyModels() throws {
        func check<Model: ControlModel>(_: Model.Type) throws {
            let properties = Model.schema["properties"]?.objectValue?.keys ?? []
            #expect(properties == Model.Field.allCases.map(\.rawValue), "\(Model.self)")
            let example = JSONSchemaCheck.example(Model.schema)
            #expect(JSONSchemaCheck.problems(example, Model.schema).isEmpty, "\(Model.self): \(example.serialized())")
            #expect(throws: Never.self, "\(Model.self): \(example.serialized())") { try Model.decode(example, strict: true) }
            // An unknown member: the schema and the reader both refuse it.
            var unknown = example.objectValue ?? JSONObject()
            unknown["unknownMember"] = .int(1)
            #expect(!JSONSchemaCheck.problems(.object(unknown), Model.schema).isEmpty, "\(Model.self)")
            #expect(throws: ControlError.self, "\(Model.self)") { try Model.decode(.object(unknown), strict: true) }
        }
        for model in Self.bodyModels { try check(model) }
        let names = Set(Self.bodyModels.map { "\($0)" }).union(Self.queryModels.map { "\($0)" })
        #expect(Set(ControlRoutes.all.compactMap(\.inputModel)) == names)
    }

    @Test("every query model's parameters are its Field cases, and the smallest values they allow read without error")
    func queryModels() throws {
        func check<Query: ControlQueryModel>(_: Query.Type) throws {
            let parameters = ControlParameter.all(Query.Field.self)
            #expect(parameters.map(\.name) == Query.Field.allCases.map(\.rawValue))
            let items = parameters.filter(\.schema.isRequired).map { parameter in
                let example = JSONSchemaCheck.example(parameter.schema.value)
                return (name: parameter.name, value: example.stringValue ?? example.serialized())
            }
            #expect(throws: Never.self, "\(Query.self): \(items)") { try Query(ControlQuery(items, kind: Query.parameterKind)) }
        }
        for model in Self.queryModels { try check(model) }
    }

    @Test("the answers of a running server fit their routes' schemas, and refusals the error schema")
    func realAnswers() async throws {
        try await withStub { stub async throws in
            _ = try await stub.send("GET", "/nowhere")
            let calls: [(route: AnyControlRoute, path: String, body: String?)] = [
                (ControlRoutes.mintToken.erased, "/tokens", #"{"service":"wice"}"#),
                (ControlRoutes.addFault.erased, "/faults", #"{"kind":"status","status":503,"headers":{"Retry-After":"2"},"match":{"path":"/x"}}"#),
                (ControlRoutes.changeClock.erased, "/clock", #"{"advance":"1h","freeze":true}"#),
                (ControlRoutes.status.erased, "", nil), (ControlRoutes.status.erased, "/status", nil),
                (ControlRoutes.faults.erased, "/faults?limit=1", nil), (ControlRoutes.fault.erased, "/faults/f1", nil),
                (ControlRoutes.tokens.erased, "/tokens", nil), (ControlRoutes.clock.erased, "/clock", nil),
                (ControlRoutes.requests.erased, "/requests", nil), (ControlRoutes.countRequests.erased, "/requests/count", "{}"),
                (ControlRoutes.verify.erased, "/verify", nil),
                (ControlRoutes.deprecations.erased, "/deprecations", nil), (ControlRoutes.fixtures.erased, "/fixtures", nil),
                (ControlRoutes.users.erased, "/users", nil), (ControlRoutes.signingKeys.erased, "/keys?service=oauth2", nil),
                (ControlRoutes.setAccountState.erased, "/users/state", #"{"service":"wice","username":"user","state":"locked"}"#),
                (ControlRoutes.rotateSigningKey.erased, "/keys/rotate", #"{"service":"oauth2"}"#),
                (ControlRoutes.pact.erased, "/pact", nil),
                (ControlRoutes.providerStates.erased, "/provider-states", #"{"state":"a valid token exists","params":{"service":"wice"}}"#),
                (ControlRoutes.nextAuthorization.erased, "/authorizations", #"{"service":"oauth2"}"#),
                (ControlRoutes.expireAllTokens.erased, "/tokens/expire", nil), (ControlRoutes.openAPI.erased, "/openapi.json", nil),
            ]
            for call in calls {
                let response = try await ControlHTTPTests.call(stub, call.route.method.rawValue, call.path, call.body)
                #expect(response.status == Int(call.route.statuses.first?.code ?? 0), "\(call.path): \(response.text)")
                let schema = try #require(call.route.answerSchema)
                let answer = try JSONValue.parse([UInt8](response.body))
                #expect(JSONSchemaCheck.problems(answer, schema).isEmpty, "\(call.path): \(JSONSchemaCheck.problems(answer, schema))")
            }
            let errorSchema = try #require(Self.document["components"]?["schemas"]?["ControlError"]?.objectValue)
            for (method, path, body) in [("POST", "/faults", #"{"kind":"nope"}"#), ("GET", "/tokens/nope", nil), ("POST", "/fixtures/reload", "[]")] {
                let response = try await ControlHTTPTests.call(stub, method, path, body)
                #expect((400..<500).contains(response.status))
                let answer = try JSONValue.parse([UInt8](response.body))
                #expect(JSONSchemaCheck.problems(answer, errorSchema).isEmpty, "\(path): \(response.text)")
            }
        }
    }

    @Test("GET /__control/openapi.json over a socket: the document as JSON, its server the URL the request reached")
    func served() async throws {
        try await withStub { stub async throws in
            let response = try await ControlHTTPTests.call(stub, "GET", "/openapi.json")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            let expected = ControlOpenAPIDocument.make(serverURL: "http://127.0.0.1:\(try #require(stub.port))/__control")
            #expect([UInt8](response.body) == expected.serializedBytes())
        }
    }
}
