import Foundation
import Testing

@testable import AuthStub

/// Bad fixtures: every problem, with file, JSON path and reason, in one run.
@Suite("Fixture validation")
struct FixtureValidationTests {
    @Test("the bundled fixtures load cleanly")
    func bundledLoad() throws {
        let fixtures = try AuthStubServer.loadFixtures([.bundled])
        #expect(fixtures.services.map(\.name) == ["oauth2", "usertoken", "wice"])
        // The seed services' count; oauth2's grows with its endpoints.
        #expect(fixtures.services.filter { $0.name != "oauth2" }.reduce(0) { $0 + $1.endpoints.count } == 6)
    }

    @Test("every problem across files is reported with file, path and reason")
    func everyProblem() async throws {
        try await withTemporaryFolder { folder in
            try write(UserFixtureTests.service, to: "acme/service.json", in: folder)
            try write(
                #"{"kind": "endpoint", "name": "login", "method": "POST", "path": "/login", "role": "login", "responses": [ {"name": "ok", "when": "success", "status": "200", "body": {"t": "{{tokn}}"}, "colour": 1} ]}"#,
                to: "acme/login.json",
                in: folder
            )
            try write(
                #"{"kind": "endpoint", "name": "me", "method": "get", "path": "me", "role": "admin", "responses": []}"#,
                to: "acme/me.json",
                in: folder
            )
            try write("{\n  \"kind\": \"endpoint\",\n  \"name\": \"broken\"\n  \"method\": \"GET\"\n}", to: "acme/broken.json", in: folder)
            try write(
                #"{"kind": "endpoint", "name": "old", "method": "POST", "path": "/old", "role": "public", "deprecation": {"successor": {"method": "POST", "path": "/new"}, "sunsetAt": "soon"}, "responses": [{"name": "ok", "when": "success", "status": 204, "body": {}}]}"#,
                to: "acme/old.json",
                in: folder
            )

            do throws(FixtureLoadError) {
                _ = try AuthStubServer.loadFixtures([.directory(folder)])
                Issue.record("invalid fixtures loaded")
            } catch {
                let found = Set(error.problems.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent) \($0.path): \($0.reason)" })
                let expected: Set<String> = [
                    "login.json $.responses[0].status: expected a whole number, found the string \"200\"",
                    "login.json $.responses[0].body.t: unknown placeholder {{tokn}} (known: \(Placeholder.knownNames))",
                    "login.json $.responses[0].colour: unknown key \"colour\" (allowed: body, check, documentedBody, headers, interpretation, match, name, notes, reason, redirectError, requestBodyHasAny, source, status, when)",
                    "me.json $.method: \"get\" is not an upper-case HTTP method such as \"POST\"",
                    "me.json $.path: \"me\" must start with / and hold no query or fragment",
                    "me.json $.role: \"admin\" is not one of \"login\", \"logout\", \"touch\", \"requiresToken\", \"public\", \"refresh\", \"authorize\", \"redeemCode\", \"introspect\", \"revoke\"",
                    "broken.json $: not valid JSON: line 4, column 3: expected ',' or '}' after an object member",
                    "old.json $.deprecation.sunsetAt: \"soon\" is not an RFC 3339 timestamp like 2026-01-31T12:00:00+00:00",
                    "old.json $.responses[0].body: a 204 response has no body in HTTP; keep the document's body under \"documentedBody\"",
                ]
                #expect(found.isSuperset(of: expected), "missing: \(expected.subtracting(found).sorted())\nfound: \(found.sorted())")
                #expect(error.problems.allSatisfy { $0.file.hasPrefix(folder.path) })
            }
        }
    }

    @Test("two endpoints on one route, and a successor that does not exist")
    func crossFileProblems() async throws {
        try await withTemporaryFolder { folder in
            try write(UserFixtureTests.service, to: "acme/service.json", in: folder)
            try write(UserFixtureTests.login, to: "acme/login.json", in: folder)
            try write(
                UserFixtureTests.login.replacingOccurrences(of: "\"name\": \"login\"", with: "\"name\": \"login-again\""),
                to: "acme/login2.json",
                in: folder
            )
            try write(
                #"{"kind": "endpoint", "name": "old", "method": "POST", "path": "/old", "role": "public", "deprecation": {"successor": {"method": "POST", "path": "/new"}}, "responses": [{"name": "ok", "when": "success", "status": 200}]}"#,
                to: "acme/old.json",
                in: folder
            )
            do throws(FixtureLoadError) {
                _ = try AuthStubServer.loadFixtures([.directory(folder.appendingPathComponent("acme"))])
                Issue.record("invalid fixtures loaded")
            } catch {
                let reasons = error.problems.map(\.reason)
                #expect(reasons.contains { $0.hasPrefix("POST /login is already served by acme/login") })
                #expect(reasons.contains("no endpoint POST /new in service \"acme\" to name as the successor"))
            }
        }
    }

    /// Found by fuzzing (issue 8): `path.contains("?")` compares `Character`s, and `?` followed
    /// by a combining mark is one `Character` that is not `?`, so such a path loaded although
    /// it holds a query (and the JSON Schema refuses it).
    @Test("paths are checked as bytes: a ? or # before a combining mark still counts, / before one still starts a path")
    func pathsCheckedAsBytes() {
        func endpoint(path: String) -> [FixtureProblem] {
            let document =
                #"{"kind": "endpoint", "name": "e", "method": "GET", "path": "\#(path)", "role": "public", "#
                + #""responses": [{"name": "ok", "when": "success", "status": 200}]}"#
            return FixtureLoader.readEndpoint(Array(document.utf8), file: "e.json").problems
        }
        for path in ["/a?\u{301}b", "/a#\u{301}"] {
            #expect(endpoint(path: path).map(\.path) == ["$.path"], "\(path)")
        }
        #expect(endpoint(path: "/\u{301}x").isEmpty)

        func service(basePaths: String) -> [FixtureProblem] {
            let document = UserFixtureTests.service.replacingOccurrences(of: #""title": "ACME auth","#, with: #""basePaths": \#(basePaths),"#)
            return FixtureLoader.readService(Array(document.utf8), file: "service.json", directory: "acme").problems
        }
        #expect(service(basePaths: "[\"/\u{301}\", \"/m2m/\u{301}\"]").isEmpty)
        #expect(service(basePaths: #"["", "/m2m/", "m2m"]"#).map(\.path) == ["$.basePaths[1]", "$.basePaths[2]"])
    }

    @Test("a server refuses to start on an invalid set, naming the problem")
    func serverRefuses() async throws {
        try await withTemporaryFolder { folder in
            try write("{}", to: "bad/service.json", in: folder)
            #expect(throws: FixtureLoadError.self) { try AuthStubServer(options: AuthStubServer.Options(fixtures: [.directory(folder)])) }
        }
    }

    @Test("problems in two folders are all reported in one run")
    func problemsAcrossFolders() async throws {
        try await withTemporaryFolder { folder in
            try write(#"{"kind": "service"}"#, to: "one/a/service.json", in: folder)
            try write(#"{"kind": "service"}"#, to: "two/b/service.json", in: folder)
            do throws(FixtureLoadError) {
                _ = try AuthStubServer.loadFixtures([
                    .directory(folder.appendingPathComponent("one")), .bundled,
                    .directory(folder.appendingPathComponent("two")),
                ])
                Issue.record("invalid fixtures loaded")
            } catch {
                let files = Set(error.problems.map { URL(fileURLWithPath: $0.file).deletingLastPathComponent().lastPathComponent })
                #expect(files.isSuperset(of: ["a", "b"]))
            }
        }
    }
}
