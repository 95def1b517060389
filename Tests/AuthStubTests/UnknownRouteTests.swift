import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// `"unknownRoutes": "serviceErrors"`: a service answers unknown paths under its base path, and
/// wrong methods, in its own error shape; everything else keeps the near-miss answer.
@Suite("Unknown routes in the service's shape")
struct UnknownRouteTests {
    static let service = """
        { "kind": "service", "name": "api", "basePaths": ["/api"], "unknownRoutes": "serviceErrors",
          "credentials": { "scheme": "jsonBody" }, "token": { "scheme": "bearer" },
          "errors": { "mediaType": "application/problem+json", "body": { "status": "{{status}}", "detail": "{{message}}" } } }
        """
    static let me = """
        { "kind": "endpoint", "name": "me", "method": "GET", "path": "/me", "role": "public",
          "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" }, "body": {} } ] }
        """

    @Test(
        "raw socket: 404 and 405 (with Allow) under /api in the service's errors shape; outside it, and for a path that only starts alike, the near-miss 404"
    )
    func serviceShapedMisses() async throws {
        try await withTemporaryFolder { folder in
            try write(Self.service, to: "api/service.json", in: folder)
            try write(Self.me, to: "api/me.json", in: folder)
            try await withStub(AuthStubServer.Options(fixtures: [.directory(folder.appendingPathComponent("api"))])) { stub in
                let connection = try await RawConnection.connect(port: try #require(stub.port))
                try await connection.send("GET /api/nothing HTTP/1.1\r\nHost: a\r\n\r\n")
                let missing = try await connection.response()
                #expect(missing.status == 404)
                #expect(missing.header("Content-Type") == "application/problem+json")
                #expect(missing.text == #"{"status":404,"detail":"no fixture matches GET /api/nothing"}"#)
                #expect(stub.lastEntry?.reason == "no fixture matches GET /api/nothing")

                try await connection.send("DELETE /api/me HTTP/1.1\r\nHost: a\r\n\r\n")
                let wrongMethod = try await connection.response()
                #expect(wrongMethod.status == 405)
                #expect(wrongMethod.header("Allow") == "GET, HEAD")
                #expect(wrongMethod.text == #"{"status":405,"detail":"/api/me does not answer DELETE (it answers GET, HEAD)"}"#)

                for path in ["/other", "/apix/me"] {
                    try await connection.send("GET \(path) HTTP/1.1\r\nHost: a\r\n\r\n")
                    let nearMiss = try await connection.response()
                    #expect(nearMiss.status == 404)
                    #expect(nearMiss.header("Content-Type") == "application/json")
                    #expect(nearMiss.text.contains(#""closest""#))
                }
            }
        }
    }

    @Test("an unknown unknownRoutes value is refused at load")
    func badValue() async throws {
        try await withTemporaryFolder { folder in
            try write(Self.service.replacingOccurrences(of: "serviceErrors", with: "errors"), to: "api/service.json", in: folder)
            try write(Self.me, to: "api/me.json", in: folder)
            do throws(FixtureLoadError) {
                _ = try AuthStubServer.loadFixtures([.directory(folder.appendingPathComponent("api"))])
                Issue.record("invalid fixtures loaded")
            } catch {
                #expect(error.problems.map(\.reason) == [#""errors" is not one of "nearMiss", "serviceErrors""#])
            }
        }
    }
}
