import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// CORS on API routes, over real sockets: what a browser app on another origin needs.
@Suite("CORS: API routes")
struct APICORSTests {
    static let app = "http://localhost:5173"

    @Test("preflight for a WICE logout: 204, origin reflected with credentials, methods and the requested headers allowed; not journaled")
    func preflight() async throws {
        try await withStub { stub async throws in
            let response = try await stub.corsSend(
                "OPTIONS",
                "/m2m/v1/auth/logout",
                headers: [
                    ("Origin", Self.app), ("Access-Control-Request-Method", "DELETE"),
                    ("Access-Control-Request-Headers", "auth-token, x-trace-id"),
                ]
            )
            #expect(response.status == 204)
            #expect(response.header("Access-Control-Allow-Origin") == Self.app)
            #expect(response.header("Access-Control-Allow-Credentials") == "true")
            #expect(response.headerList("Access-Control-Allow-Methods").contains("delete"))
            let allowed = response.headerList("Access-Control-Allow-Headers")
            for name in ["authorization", "auth-token", "content-type", "accept", "x-trace-id"] {
                #expect(allowed.contains(name), "\(name) in \(allowed)")
            }
            #expect(response.headerList("Vary").contains("origin"))
            #expect(response.body.isEmpty)
            #expect(stub.journal.isEmpty, "a preflight is the browser's, not the app's request")
        }
    }

    @Test("a preflight is not a request a fault applies to: '401 once' is left for the real call")
    func preflightSkipsFaults() async throws {
        try await withStub { stub async throws in
            _ = try await stub.addFault(.unauthorized, times: 1)
            let preflight = try await stub.corsSend(
                "OPTIONS",
                "/auth/bump",
                headers: [
                    ("Origin", Self.app), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "authorization"),
                ]
            )
            #expect(preflight.status == 204)
            #expect(try await stub.faults().first?.remaining == 1)
        }
    }

    @Test("WICE login from a browser origin: auth-token readable (exposed), origin reflected, Vary: Origin")
    func exposesToken() async throws {
        try await withStub { stub async throws in
            let response = try await stub.corsSend(
                "POST",
                "/m2m/v1/auth/login",
                headers: [
                    ("Origin", Self.app), ("Content-Type", "application/json"), ("Accept", "application/json"),
                ],
                body: #"{"username":"user","password":"secret"}"#
            )
            #expect(response.status == 201)
            #expect(response.header("auth-token") != nil)
            #expect(response.header("Access-Control-Allow-Origin") == Self.app)
            #expect(response.header("Access-Control-Allow-Credentials") == "true")
            let exposed = response.headerList("Access-Control-Expose-Headers")
            for name in ["auth-token", "deprecation", "sunset", "link", "x-authstub-example", "x-authstub-fault", "retry-after"] {
                #expect(exposed.contains(name), "\(name) in \(exposed)")
            }
            #expect(!exposed.contains("content-type"), "safelisted headers need no exposing")
            #expect(response.headerList("Vary").contains("origin"))
        }
    }

    @Test("every non-safelisted header any fixture sends is exposed, on every response (a 404 too)")
    func exposesFixtureHeaders() async throws {
        try await withStub { stub async throws in
            var fixtureHeaders: Set<String> = []
            for service in stub.fixtures.services {
                for endpoint in service.endpoints {
                    for example in endpoint.responses { fixtureHeaders.formUnion(example.headers.map { $0.name.lowercased() }) }
                }
                fixtureHeaders.formUnion(service.errors.headers.map { $0.name.lowercased() })
            }
            fixtureHeaders.subtract(["content-type", "cache-control", "pragma"])
            #expect(!fixtureHeaders.isEmpty)
            let response = try await stub.corsSend("GET", "/nowhere", headers: [("Origin", Self.app)])
            #expect(response.status == 404)
            let exposed = Set(response.headerList("Access-Control-Expose-Headers"))
            #expect(fixtureHeaders.isSubset(of: exposed), "missing \(fixtureHeaders.subtracting(exposed))")
        }
    }

    @Test("a header only a status fault sends (Retry-After, a custom one) is exposed on that response too")
    func exposesFaultHeaders() async throws {
        try await withStub { stub async throws in
            _ = try await stub.addFault(.status(503, headers: [HTTPHeaderField("Retry-After", "5"), HTTPHeaderField("X-Backend", "down")]), times: 1)
            let response = try await stub.corsSend("POST", "/auth/login", headers: [("Origin", Self.app)])
            #expect(response.status == 503)
            let exposed = response.headerList("Access-Control-Expose-Headers")
            #expect(exposed.contains("x-backend"))
            #expect(exposed.contains("retry-after"))
            #expect(exposed.contains("x-authstub-fault"))
        }
    }

    @Test("a usertoken 401 carries CORS headers, so the app can read the status and WWW-Authenticate")
    func refusalsCarryCORS() async throws {
        try await withStub { stub async throws in
            let response = try await stub.corsSend("POST", "/auth/bump", headers: [("Origin", Self.app), ("Authorization", "Bearer nope")])
            #expect(response.status == 401)
            #expect(response.header("Access-Control-Allow-Origin") == Self.app)
            #expect(response.headerList("Access-Control-Expose-Headers").contains("www-authenticate"))
        }
    }

    @Test("without Origin: exactly the documented headers, no CORS ones")
    func noOrigin() async throws {
        try await withStub { stub async throws in
            let response = try await stub.corsSend("POST", "/auth/login", headers: [("Authorization", "Basic dXNlcjpzZWNyZXQ=")])
            #expect(response.status == 200)
            #expect(response.header("Access-Control-Allow-Origin") == nil)
            #expect(response.header("Access-Control-Expose-Headers") == nil)
            #expect(response.headerList("Vary") == ["accept"])
        }
    }

    @Test("with an allow-list: listed origins reflected, others get no CORS headers and a 403 preflight")
    func allowList() async throws {
        var options = AuthStubServer.Options()
        options.corsOrigins = ["https://app.example.com"]
        try await withStub(options) { stub async throws in
            let listed = try await stub.corsSend("GET", "/nowhere", headers: [("Origin", "https://app.example.com")])
            #expect(listed.header("Access-Control-Allow-Origin") == "https://app.example.com")
            let other = try await stub.corsSend("GET", "/nowhere", headers: [("Origin", "https://evil.example")])
            #expect(other.header("Access-Control-Allow-Origin") == nil)
            #expect(other.header("Access-Control-Expose-Headers") == nil)
            let preflight = try await stub.corsSend(
                "OPTIONS",
                "/auth/login",
                headers: [
                    ("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST"),
                ]
            )
            #expect(preflight.status == 403)
            #expect(preflight.header("Access-Control-Allow-Origin") == nil)
        }
    }
}
