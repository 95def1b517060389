import Foundation
import Testing

@testable import AuthStub

/// How recorded paths become endpoint paths and file names.
@Suite("Recording: routes and file names")
struct RouteShapesTests {
    static func routes(_ targets: [(String, String)]) -> [RecordedRoute] {
        RouteShapes.routes(
            of: targets.enumerated().map { index, target in RecordedExchange(exchange(target.0, target.1, status: 200), index: index) }
        )
    }

    @Test("varying ids become parameters named for the word before them; one value, or a word, stays literal")
    func collapse() {
        let routes = Self.routes([
            ("GET", "/users/42"), ("GET", "/users/43"), ("DELETE", "/users/44"), ("GET", "/users/me"),
            ("GET", "/orders/9f1c2d3e4b5a"), ("GET", "/categories/0b6f6a7e-5d3c-4e2b-9a1f-2c3d4e5f6a7b/items/1"),
            ("GET", "/categories/1c6f6a7e-5d3c-4e2b-9a1f-2c3d4e5f6a7b/items/2"), ("GET", "/12/34"), ("GET", "/56/78"),
        ])
        #expect(
            routes.map { "\($0.method) \($0.path)" } == [
                "GET /users/{userId}", "DELETE /users/{userId}", "GET /users/me", "GET /orders/9f1c2d3e4b5a",
                "GET /categories/{categoryId}/items/{itemId}", "GET /{id}/{id2}",
            ]
        )
        #expect(routes[0].exchanges.count == 2)
        #expect(routes[4].parameters(of: routes[4].exchanges[1]).map(\.value) == ["1c6f6a7e-5d3c-4e2b-9a1f-2c3d4e5f6a7b", "2"])
    }

    @Test("what looks like an id: digits, UUIDs, long hex, letters mixed with digits; not words or short versions")
    func ids() {
        for id in ["7", "12345", "0b6f6a7e-5d3c-4e2b-9a1f-2c3d4e5f6a7b", "deadbeef12", "usr_8fK2mQ9x"] {
            #expect(RouteShapes.looksLikeID(id), "\(id)")
        }
        for word in ["users", "v1", "me", "oauth", "deadbeef", "api-keys"] {
            #expect(!RouteShapes.looksLikeID(word), "\(word)")
        }
        #expect(RouteShapes.parameterName(after: "api-keys") == "apiKeyId")
        #expect(RouteShapes.parameterName(after: "address") == "addressId")
        #expect(RouteShapes.parameterName(after: "42") == nil)
    }

    @Test("file names: method and path words, lower case, unique")
    func fileNames() {
        let routes = Self.routes([("POST", "/Auth/Login"), ("GET", "/"), ("GET", "/a_b/c.d")])
        #expect(FixtureSynthesis.fileName(for: routes[0], taken: []) == "post-auth-login.json")
        #expect(FixtureSynthesis.fileName(for: routes[0], taken: ["post-auth-login.json"]) == "post-auth-login-2.json")
        #expect(FixtureSynthesis.fileName(for: routes[1], taken: []) == "get-root.json")
        #expect(FixtureSynthesis.fileName(for: routes[2], taken: []) == "get-a-b-c-d.json")
    }
}
