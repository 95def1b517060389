import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// Fixtures and users through the control operations, served over HTTP.
@Suite("Control: fixtures and users")
struct ControlFixtureUserTests {
    @Test("the list: the 6 bundled endpoints with paths, roles, seeds, examples and deprecation", arguments: ControlTransport.allCases)
    func list(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let summaries = try await control.fixtureSummaries().filter { Bundled.seedServices.contains($0.service) }
            #expect(summaries.count == 6)
            #expect(
                Set(summaries.map { "\($0.service)/\($0.endpoint)" }) == [
                    "wice/login", "wice/logout", "wice/logout-post", "usertoken/login", "usertoken/bump", "usertoken/logout",
                ]
            )
            #expect(summaries.allSatisfy { !$0.addedAtRunTime })
            let login = try #require(summaries.first { $0.service == "wice" && $0.endpoint == "login" })
            #expect(login.method == "POST")
            #expect(login.paths == ["/m2m/v1/auth/login", "/v1/auth/login"])
            #expect(login.role == .login)
            #expect(login.seed == "002_0c28b2fccdf52ead.txt")
            #expect(login.examples.map(\.name) == ["status-message", "token-string", "bad-credentials"])
            #expect(login.examples.map(\.status) == [201, 201, 401])
            #expect(login.examples.map(\.condition) == [.success, .success, .badCredentials])
            #expect(login.deprecation == nil)
            #expect(summaries.first { $0.endpoint == "logout-post" }?.deprecation == .deprecated)
            #expect(summaries.first { $0.service == "usertoken" && $0.endpoint == "bump" }?.paths == ["/auth/bump"])
        }
    }

    @Test(
        "add an endpoint to wice: listed, served at both base paths, 401 without a token, 200 with one",
        arguments: ControlTransport.allCases
    )
    func addEndpoint(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let added = try await control.addFixtures(.endpoint(service: "wice", ControlFixtureDocuments.wiceMe))
            #expect(added.count == 1)
            let me = try #require(added.first)
            #expect(me.service == "wice")
            #expect(me.endpoint == "me")
            #expect(me.method == "GET")
            #expect(me.paths == ["/m2m/v1/me", "/v1/me"])
            #expect(me.role == .requiresToken)
            #expect(me.addedAtRunTime)
            #expect(try await control.fixtureSummaries().count == Bundled.endpointCount + 1)
            #expect(try await control.status().fixtures == Bundled.endpointCount + 1)

            let anonymous = try await stub.send("GET", "/m2m/v1/me")
            #expect(anonymous.status == 401)
            #expect(stub.lastEntry?.reason == "missing token")
            let token = try await stub.wiceLogin()
            let profile = try await stub.send("GET", "/v1/me", headers: ["auth-token": token])
            #expect(profile.status == 200)
            #expect(profile.json?["user"] as? String == "user")
            #expect(stub.lastEntry?.fixture == "wice/me#profile")

            // The same name again is refused whole.
            let again = await #expect(throws: ControlError.self) {
                try await control.addFixtures(.endpoint(service: "wice", ControlFixtureDocuments.wiceMe))
            }
            #expect(again?.status == 400)
            #expect(again?.problems.isEmpty == false)
            #expect(try await control.status().fixtures == Bundled.endpointCount + 1)
        }
    }

    @Test(
        "add a whole service: its login issues tokens its own route accepts; its users are listed",
        arguments: ControlTransport.allCases
    )
    func addService(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let added = try await control.addFixtures(
                .service(
                    ControlFixtureDocuments.acmeService,
                    endpoints: [ControlFixtureDocuments.acmeLogin, ControlFixtureDocuments.acmeMe]
                )
            )
            #expect(added.map(\.endpoint) == ["login", "me"])
            #expect(added.allSatisfy { $0.service == "acme" && $0.addedAtRunTime })
            let status = try await control.status()
            #expect(status.services.map(\.name) == ["oauth2", "usertoken", "wice", "acme"])
            #expect(status.fixtures == Bundled.endpointCount + 2)
            #expect(try await control.users(showingPasswords: true).contains(ServiceUser(service: "acme", username: "ada", password: "lovelace")))

            let login = try await stub.send(
                "POST",
                "/acme/login",
                headers: ["Content-Type": "application/json"],
                body: #"{"login":"ada","pass":"lovelace"}"#
            )
            #expect(login.status == 200)
            let token = try #require(login.json?["accessToken"] as? String)
            #expect(try await stub.send("GET", "/acme/me").status == 401)
            let me = try await stub.send("GET", "/acme/me", headers: ["Authorization": "Bearer \(token)"])
            #expect(me.status == 200)
            #expect(me.json?["name"] as? String == "ada")
            #expect(try await control.tokens().map(\.service) == ["acme"])
            #expect(try await control.mintToken(service: "acme").user == "ada")
        }
    }

    @Test("an invalid addition is a 400 whose problems carry JSON paths; nothing is added", arguments: ControlTransport.allCases)
    func invalidAddition(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let endpoint = await #expect(throws: ControlError.self) {
                try await control.addFixtures(.endpoint(service: "wice", ControlFixtureDocuments.broken))
            }
            #expect(endpoint?.status == 400)
            let paths = endpoint?.problems.map(\.path) ?? []
            #expect(paths.contains("endpoint.role"), "\(paths)")
            #expect(paths.allSatisfy { $0.hasPrefix("endpoint") }, "\(paths)")
            #expect(endpoint?.problems.allSatisfy { !$0.reason.isEmpty } == true)
            #expect(endpoint?.field == endpoint?.problems.first?.path)

            let service = await #expect(throws: ControlError.self) {
                try await control.addFixtures(
                    .service(
                        ControlFixtureDocuments.acmeService,
                        endpoints: [ControlFixtureDocuments.acmeLogin, ControlFixtureDocuments.broken]
                    )
                )
            }
            #expect(service?.status == 400)
            #expect(service?.problems.map(\.path).contains("endpoints[1].role") == true, "\(service?.problems.map(\.path) ?? [])")

            let empty = await #expect(throws: ControlError.self) {
                try await control.addFixtures(.service(ControlFixtureDocuments.acmeService, endpoints: []))
            }
            #expect(empty?.status == 400)
            #expect(empty?.problems.map(\.path) == ["endpoints"])

            let status = try await control.status()
            #expect(status.fixtures == Bundled.endpointCount)
            #expect(status.services.map(\.name) == ["oauth2", "usertoken", "wice"])
        }
    }

    @Test("reload serves the changed folder; a broken folder is a 422 and the old set stays", arguments: ControlTransport.allCases)
    func reload(transport: ControlTransport) async throws {
        try await withTemporaryFolder { folder in
            let wice = folder.appendingPathComponent("wice")
            try FileManager.default.copyItem(at: controlPackageFixtures.appendingPathComponent("wice"), to: wice)
            let loginFile = wice.appendingPathComponent("login.json")
            let original = try String(contentsOf: loginFile, encoding: .utf8)
            #expect(original.contains(#""message": "...""#))

            try await withControl(transport, AuthStubServer.Options(fixtures: [.directory(wice)])) { stub, control async throws in
                #expect(try await stub.controlWiceLogin("user", "secret").text == #"{"code":12345,"message":"..."}"#)
                _ = try await control.addFixtures(.endpoint(service: "wice", ControlFixtureDocuments.wiceMe))

                try Data(original.replacingOccurrences(of: #""message": "...""#, with: #""message": "reloaded""#).utf8).write(to: loginFile)
                let reloaded = try await control.reloadFixtures()
                #expect(reloaded.count == 4, "3 from disk and the one added at run time")
                #expect(reloaded.contains { $0.endpoint == "me" && $0.addedAtRunTime })
                #expect(try await stub.controlWiceLogin("user", "secret").text == #"{"code":12345,"message":"reloaded"}"#)

                try Data("{ \"kind\": \"endpoint\", ".utf8).write(to: loginFile)
                let error = await #expect(throws: ControlError.self) { try await control.reloadFixtures() }
                #expect(error?.status == 422)
                #expect(error?.problems.isEmpty == false)
                #expect(error?.problems.contains { $0.file.hasSuffix("login.json") } == true, "\(error?.problems ?? [])")
                #expect(try await stub.controlWiceLogin("user", "secret").text == #"{"code":12345,"message":"reloaded"}"#)
                #expect(try await control.fixtureSummaries().count == 4)
            }
        }
    }

    @Test("users: each service's users from the fixtures, their passwords masked unless asked for", arguments: ControlTransport.allCases)
    func users(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            #expect(
                try await control.users().ofSeeds == [
                    ServiceUser(service: "usertoken", username: "user", password: "[redacted]"),
                    ServiceUser(service: "wice", username: "user", password: "[redacted]"),
                ]
            )
            #expect(
                try await control.users(showingPasswords: true).ofSeeds == [
                    ServiceUser(service: "usertoken", username: "user", password: "secret"),
                    ServiceUser(service: "wice", username: "user", password: "secret"),
                ]
            )
        }
    }

    @Test("GET /__control/users: ?passwords=true shows them; anything else is a 400 naming the parameter")
    func usersQuery() async throws {
        try await withStub { stub in
            let masked = try await stub.controlRawSend("GET", "/__control/users")
            #expect(masked.status == 200)
            #expect(!masked.text.contains("secret"))
            #expect(
                try JSONValue.parse(masked.body)["users"]?.arrayValue?.compactMap { $0["password"]?.stringValue } == [
                    "[redacted]", "[redacted]", "[redacted]",
                ]
            )
            let shown = try await stub.controlRawSend("GET", "/__control/users?passwords=true")
            #expect(
                try JSONValue.parse(shown.body)["users"]?.arrayValue?.compactMap { $0["password"]?.stringValue } == ["secret", "secret", "secret"]
            )
            let off = try await stub.controlRawSend("GET", "/__control/users?passwords=false")
            #expect(off.text == masked.text)
            for (query, field) in [("passwords=maybe", "passwords"), ("secrets=true", "secrets")] {
                let refused = try await stub.controlRawSend("GET", "/__control/users?\(query)")
                #expect(refused.status == 400)
                #expect(try JSONValue.parse(refused.body)["field"]?.stringValue == field)
            }
        }
    }

    @Test("add a user, then log in as that user over HTTP; set it again to change the password", arguments: ControlTransport.allCases)
    func addUser(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let ada = ServiceUser(service: "wice", username: "ada", password: "lovelace")
            #expect(try await control.setUser(ada) == ada)
            #expect(try await control.users(showingPasswords: true).contains(ada))
            let login = try await stub.controlWiceLogin("ada", "lovelace")
            #expect(login.status == 201)
            let token = try #require(login.header("auth-token"))
            #expect(try await control.tokens().first { $0.token == token }?.user == "ada")

            _ = try await control.setUser(ServiceUser(service: "wice", username: "ada", password: "babbage"))
            #expect(try await stub.controlWiceLogin("ada", "lovelace").status == 401)
            #expect(stub.lastEntry?.reason == #"wrong password for user "ada""#)
            #expect(try await stub.controlWiceLogin("ada", "babbage").status == 201)
            #expect(try await control.users().filter { $0.service == "wice" }.count == 2)

            _ = try await control.setUser(ServiceUser(service: "usertoken", username: "grace", password: "hopper"))
            let basic = try await stub.controlUserTokenLogin("grace", "hopper")
            #expect(basic.status == 200)
            #expect(basic.json?["token"] is String)
            #expect(try await stub.controlUserTokenLogin("grace", "wrong").status == 401)
        }
    }

    @Test("a user for an unknown service is a 404 naming service; an empty username a 400", arguments: ControlTransport.allCases)
    func userRefused(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let unknown = await #expect(throws: ControlError.self) {
                try await control.setUser(ServiceUser(service: "nope", username: "ada", password: "x"))
            }
            #expect(unknown?.status == 404)
            #expect(unknown?.field == "service")
            let empty = await #expect(throws: ControlError.self) {
                try await control.setUser(ServiceUser(service: "wice", username: "", password: "x"))
            }
            #expect(empty?.status == 400)
            #expect(empty?.field == "username")
            #expect(try await control.users().ofSeeds.count == 2)
        }
    }

    @Test("an endpoint for an unknown service is a 404 naming service", arguments: ControlTransport.allCases)
    func addToUnknownService(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let error = await #expect(throws: ControlError.self) {
                try await control.addFixtures(.endpoint(service: "nope", ControlFixtureDocuments.wiceMe))
            }
            #expect(error?.status == 404)
            #expect(error?.field == "service")
            #expect(try await control.status().fixtures == Bundled.endpointCount)
        }
    }

    @Test("an endpoint whose name or route is taken: problems under endpoint, like the document's own", arguments: ControlTransport.allCases)
    func addTaken(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            _ = try await control.addFixtures(.endpoint(service: "wice", ControlFixtureDocuments.wiceMe))
            let name = await #expect(throws: ControlError.self) {
                try await control.addFixtures(.endpoint(service: "wice", ControlFixtureDocuments.wiceMe))
            }
            #expect(name?.status == 400)
            #expect(name?.problems.map(\.path) == ["endpoint.name"])
            #expect(name?.field == "endpoint.name")

            let login = ControlFixtureDocuments.parse(
                """
                { "kind": "endpoint", "name": "login-again", "method": "POST", "path": "/v1/auth/login", "role": "public",
                  "responses": [ { "name": "ok", "when": "success", "status": 200 } ] }
                """
            )
            let route = await #expect(throws: ControlError.self) { try await control.addFixtures(.endpoint(service: "wice", login)) }
            #expect(route?.status == 400)
            #expect(route?.problems.isEmpty == false)
            #expect(route?.problems.allSatisfy { $0.path == "endpoint.path" } == true, "\(route?.problems ?? [])")
            #expect(try await control.status().fixtures == Bundled.endpointCount + 1)
        }
    }
}
