import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// The control API's stricter rules: only loopback (and listed) origins, and only Host names
/// of this server.
@Suite("CORS: control routes")
struct ControlCORSTests {
    @Test(
        "loopback origins get CORS (never *), preflight included",
        arguments: [
            "http://localhost:5173", "http://127.0.0.1:3000", "http://[::1]:8081",
        ]
    )
    func loopbackOrigins(origin: String) async throws {
        try await withStub { stub async throws in
            let preflight = try await stub.corsSend(
                "OPTIONS",
                "/__control/faults",
                headers: [
                    ("Origin", origin), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "content-type"),
                ]
            )
            #expect(preflight.status == 204)
            #expect(preflight.header("Access-Control-Allow-Origin") == origin)
            #expect(preflight.headerList("Access-Control-Allow-Methods").contains("post"))
            let status = try await stub.corsSend("GET", "/__control/status", headers: [("Origin", origin)])
            #expect(status.status == 200)
            #expect(status.header("Access-Control-Allow-Origin") == origin)
            #expect(status.header("Access-Control-Allow-Credentials") == "true")
        }
    }

    @Test("another origin: 403 naming Origin, and the request did nothing (a text/plain POST needs no preflight)")
    func foreignOrigin() async throws {
        try await withStub { stub async throws in
            let refused = try await stub.corsSend(
                "POST",
                "/__control/faults",
                headers: [
                    ("Origin", "https://evil.example"), ("Content-Type", "text/plain"),
                ],
                body: #"{"kind":"drop"}"#
            )
            #expect(refused.status == 403)
            #expect(refused.header("Access-Control-Allow-Origin") == nil)
            #expect(refused.text.contains("\"field\":\"Origin\""))
            #expect(try await stub.faults().isEmpty)
            let reset = try await stub.corsSend("POST", "/__control/reset", headers: [("Origin", "null")])
            #expect(reset.status == 403)
            let lookalike = try await stub.corsSend("GET", "/__control/status", headers: [("Origin", "http://localhost.evil.example")])
            #expect(lookalike.status == 403)
        }
    }

    @Test("an origin on --cors-origin is allowed on control routes too")
    func listedOrigin() async throws {
        var options = AuthStubServer.Options()
        options.corsOrigins = ["https://app.example.com"]
        try await withStub(options) { stub async throws in
            let response = try await stub.corsSend(
                "POST",
                "/__control/faults",
                headers: [
                    ("Origin", "https://app.example.com"), ("Content-Type", "application/json"),
                ],
                body: #"{"kind":"drop"}"#
            )
            #expect(response.status == 201)
            #expect(response.header("Access-Control-Allow-Origin") == "https://app.example.com")
        }
    }

    @Test(
        "a Host that is not this server (DNS rebinding) gets 403 and changes nothing; loopback names pass",
        arguments: [
            ("attacker.example:8080", 403), ("localhost:1234", 200), ("127.0.0.1", 200), ("[::1]:80", 200), ("LOCALHOST", 200),
        ]
    )
    func hostCheck(host: String, expected: HTTPStatus) async throws {
        try await withStub { stub async throws in
            let response = try await stub.corsSend("POST", "/__control/tokens/expire", host: host)
            #expect(response.status == expected)
            if expected == 403 { #expect(response.text.contains("\"field\":\"Host\"")) }
        }
    }

    @Test(
        "an absolute-form target must name this server too, whatever Host says (RFC 9112 §3.2.2)",
        arguments: [
            ("http://attacker.example/__control/tokens/expire", "127.0.0.1", 403, "request-target"),
            ("HTTPS://attacker.example:443/__control/tokens/expire", "localhost", 403, "request-target"),
            ("http://127.0.0.1:9/__control/tokens/expire", "attacker.example", 403, "Host"),
            ("http://localhost:9/__control/tokens/expire", "127.0.0.1", 200, nil),
        ]
    )
    func absoluteFormTarget(target: String, host: String, expected: HTTPStatus, field: String?) async throws {
        try await withStub { stub async throws in
            let response = try await stub.corsSend("POST", target, host: host)
            #expect(response.status == expected, "\(response.text)")
            if let field { #expect(response.text.contains("\"field\":\"\(field)\""), "\(response.text)") }
        }
    }

    @Test("requests without Origin (curl, Node, Swift) are unaffected")
    func noOrigin() async throws {
        try await withStub { stub async throws in
            let response = try await stub.corsSend(
                "POST",
                "/__control/faults",
                headers: [("Content-Type", "application/json")],
                body: #"{"kind":"unauthorized","times":1}"#
            )
            #expect(response.status == 201)
            #expect(response.header("Access-Control-Allow-Origin") == nil)
            #expect(try await stub.faults().count == 1)
        }
    }

    @Test("API routes keep serving a foreign Host: only the control API is guarded")
    func apiIgnoresHost() async throws {
        try await withStub { stub async throws in
            let response = try await stub.corsSend("GET", "/nowhere", host: "attacker.example")
            #expect(response.status == 404)
        }
    }
}
