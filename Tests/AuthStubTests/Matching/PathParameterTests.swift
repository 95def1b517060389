import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// Endpoint paths with parameters (`/users/{id}`): matching, precedence, placeholders, and the
/// fixture checks, through a real server.
@Suite("Path parameters")
struct PathParameterTests {
    static let service = """
        { "kind": "service", "name": "people", "basePaths": ["", "/v2"],
          "credentials": { "scheme": "jsonBody" }, "token": { "scheme": "bearer" },
          "users": [ { "username": "ada", "password": "pw" } ],
          "errors": { "mediaType": "application/json", "body": { "error": "{{message}}" } } }
        """

    static func endpoint(_ name: String, _ method: String, _ path: String, body: String) -> String {
        """
        { "kind": "endpoint", "name": "\(name)", "method": "\(method)", "path": "\(path)", "role": "public",
          "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" },
                           "body": \(body) } ] }
        """
    }

    func withPeopleServer(_ body: (AuthStubServer) async throws -> Void) async throws {
        try await withTemporaryFolder { folder in
            try write(Self.service, to: "people/service.json", in: folder)
            try write(Self.endpoint("user", "GET", "/users/{id}", body: #"{"id": "{{request.path.id}}"}"#), to: "people/user.json", in: folder)
            try write(Self.endpoint("me", "GET", "/users/me", body: #"{"me": true}"#), to: "people/me.json", in: folder)
            try write(
                Self.endpoint("key", "GET", "/users/{id}/keys/{key}", body: #"{"id": "{{request.path.id}}", "key": "{{request.path.key}}"}"#),
                to: "people/key.json",
                in: folder
            )
            try write(
                Self.endpoint("my-key", "GET", "/users/me/keys/{key}", body: #"{"mine": "{{request.path.key}}"}"#),
                to: "people/my-key.json",
                in: folder
            )
            try write(
                Self.endpoint("remove", "DELETE", "/users/{name}", body: #"{"removed": "{{request.path.name}}"}"#),
                to: "people/remove.json",
                in: folder
            )
            let options = AuthStubServer.Options(fixtures: [.directory(folder.appendingPathComponent("people"))])
            try await withStub(options) { stub in try await body(stub) }
        }
    }

    @Test("a parameter matches one segment, percent-decoded, under every base path; the value fills {{request.path.x}}")
    func parameterValues() async throws {
        try await withPeopleServer { stub in
            let user = try await stub.send("GET", "/users/42")
            #expect(user.status == 200)
            #expect(user.json?["id"] as? String == "42")
            let encoded = try await stub.send("GET", "/v2/users/a%20b%2Fc")
            #expect(encoded.json?["id"] as? String == "a b/c")
            #expect(encoded.header("X-AuthStub-Example") == "people/user#ok")
            let key = try await stub.send("GET", "/users/7/keys/k1")
            #expect(key.json?["id"] as? String == "7")
            #expect(key.json?["key"] as? String == "k1")
        }
    }

    @Test("a literal path wins over a parameter, and more literal segments win; a method only a pattern answers still matches")
    func precedence() async throws {
        try await withPeopleServer { stub in
            #expect(try await stub.send("GET", "/users/me").json?["me"] as? Bool == true)
            #expect(try await stub.send("GET", "/users/me/keys/k2").json?["mine"] as? String == "k2")
            let removed = try await stub.send("DELETE", "/users/me")
            #expect(removed.json?["removed"] as? String == "me")
        }
    }

    @Test("raw socket: an empty segment or an extra one is a 404; a wrong method is a 405 listing every method the fitting paths answer")
    func misses() async throws {
        try await withPeopleServer { stub in
            let connection = try await RawConnection.connect(port: try #require(stub.port))
            try await connection.send("GET /users/ HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try await connection.response().status == 404)
            try await connection.send("GET /users/1/2 HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try await connection.response().status == 404)
            try await connection.send("PUT /users/me HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")
            let wrong = try await connection.response()
            #expect(wrong.status == 405)
            #expect(wrong.header("Allow") == "DELETE, GET, HEAD")
            try await connection.send("HEAD /users/9 HTTP/1.1\r\nHost: a\r\n\r\n")
            let head = try await connection.response(isHead: true)
            #expect(head.status == 200)
        }
    }

    @Test("fixture checks: a brace that is not a whole segment, a name used twice, two paths of one shape on one method")
    func validation() async throws {
        try await withTemporaryFolder { folder in
            try write(Self.service, to: "people/service.json", in: folder)
            try write(Self.endpoint("a", "GET", "/users/x{id}", body: "{}"), to: "people/a.json", in: folder)
            try write(Self.endpoint("b", "GET", "/users/{id}/keys/{id}", body: "{}"), to: "people/b.json", in: folder)
            try write(Self.endpoint("c", "GET", "/teams/{team}", body: "{}"), to: "people/c.json", in: folder)
            try write(Self.endpoint("d", "GET", "/teams/{name}", body: "{}"), to: "people/d.json", in: folder)
            try write(Self.endpoint("e", "GET", "/x/{a b}", body: "{}"), to: "people/e.json", in: folder)
            do throws(FixtureLoadError) {
                _ = try AuthStubServer.loadFixtures([.directory(folder.appendingPathComponent("people"))])
                Issue.record("invalid fixtures loaded")
            } catch {
                let found = Set(error.problems.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent) \($0.path): \($0.reason)" })
                let served = "is already served by people/c (\(folder.path)/people/c.json)"
                let expected: Set<String> = [
                    "a.json $.path: \"x{id}\": a parameter is a whole segment, like /users/{id}",
                    "b.json $.path: the parameter {id} is used twice",
                    "e.json $.path: \"{a b}\": a parameter is a whole segment, like /users/{id}",
                    "d.json $.path: GET /teams/{name} \(served)",
                    "d.json $.path: GET /v2/teams/{name} \(served)",
                ]
                // The cross-file clash is reported in the same round as each file's own problems.
                #expect(found == expected)
            }
        }
    }
}
