import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// The control API's HTTP surface, with raw JSON: what a curl or Playwright user sees.
@Suite("Control: HTTP API")
struct ControlHTTPTests {
    /// Sends JSON (or any text) to a control route.
    static func call(_ stub: AuthStubServer, _ method: String, _ route: String, _ body: String? = nil) async throws -> StubResponse {
        var headers = ["Accept": "application/json"]
        if body != nil { headers["Content-Type"] = "application/json" }
        return try await stub.send(method, "/__control" + route, headers: headers, body: body)
    }

    /// Checks a `400 {"error": …, "field": …}` answer.
    static func expectBadInput(_ response: StubResponse, field: String?, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == 400, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.header("Content-Type") == "application/json", sourceLocation: sourceLocation)
        #expect((response.json?["error"] as? String)?.isEmpty == false, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.json?["field"] as? String == field, "\(response.text)", sourceLocation: sourceLocation)
    }

    @Test("GET /__control and /__control/status answer the JSON status")
    func statusJSON() async throws {
        try await withStub { stub async throws in
            for route in ["", "/status"] {
                let response = try await Self.call(stub, "GET", route)
                #expect(response.status == 200)
                #expect(response.header("Content-Type") == "application/json")
                #expect(response.header("Cache-Control") == "no-store")
                let json = try #require(response.json)
                #expect(json["version"] as? String == AuthStubVersion.current)
                #expect((json["services"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["oauth2", "usertoken", "wice"])
                #expect(json["fixtures"] as? Int == Bundled.endpointCount)
                #expect((json["clock"] as? [String: Any])?["frozen"] as? Bool == false)
                #expect((json["journal"] as? [String: Any])?["capacity"] as? Int == 10_000)
                #expect(json["faults"] as? Int == 0)
                #expect(json["tokens"] as? Int == 0)
            }
        }
    }

    @Test("POST /__control/faults answers 201 with the fault and its id; DELETE /__control/faults/{id} answers 204")
    func faultRoundTrip() async throws {
        try await withStub { stub async throws in
            let created = try await Self.call(
                stub,
                "POST",
                "/faults",
                #"{"kind":"status","status":503,"headers":{"Retry-After":"2"},"match":{"path":"/auth/bump"},"times":2}"#
            )
            #expect(created.status == 201)
            let json = try #require(created.json)
            #expect(json["id"] as? String == "f1")
            #expect(json["kind"] as? String == "status")
            #expect(json["status"] as? Int == 503)
            #expect(json["remaining"] as? Int == 2)
            #expect(json["applied"] as? Int == 0)
            #expect((json["headers"] as? [String: String]) == ["Retry-After": "2"])
            #expect((json["match"] as? [String: String]) == ["path": "/auth/bump"])

            let one = try await Self.call(stub, "GET", "/faults/f1")
            #expect(one.status == 200)
            #expect(one.json?["id"] as? String == "f1")
            let deleted = try await Self.call(stub, "DELETE", "/faults/f1")
            #expect(deleted.status == 204)
            #expect(deleted.body.isEmpty)
            let missing = try await Self.call(stub, "GET", "/faults/f1")
            #expect(missing.status == 404)
            #expect(missing.json?["error"] as? String != nil)
        }
    }

    @Test(
        "an unknown JSON field is a 400 naming it",
        arguments: [
            ("POST", "/faults", #"{"kind":"drop","tims":2}"#, "tims"),
            ("POST", "/faults", #"{"kind":"drop","match":{"paht":"/x"}}"#, "match.paht"),
            ("POST", "/clock", #"{"advance":"1h","frozen":true}"#, "frozen"),
            ("POST", "/tokens", #"{"service":"wice","username":"user"}"#, "username"),
            ("PUT", "/deprecations", #"{"method":"POST","path":"/v1/auth/logout","phase":"removed","when":"now"}"#, "when"),
            ("POST", "/users", #"{"service":"wice","username":"a","password":"b","role":"admin"}"#, "role"),
            ("POST", "/requests/count", #"{"methd":"GET"}"#, "methd"),
            ("POST", "/fixtures", #"{"service":"wice","endpoint":{},"extra":1}"#, "extra"),
        ]
    )
    func unknownField(method: String, route: String, body: String, field: String) async throws {
        try await withStub { stub async throws in
            let response = try await Self.call(stub, method, route, body)
            Self.expectBadInput(response, field: field)
            #expect((response.json?["error"] as? String)?.contains(field.split(separator: ".").last.map(String.init) ?? field) == true)
            #expect(try await stub.faults().isEmpty)
        }
    }

    @Test(
        "routes that take no fields refuse a field by name, change nothing, and accept no body or {}",
        arguments: [
            "/reset", "/fixtures/reload", "/tokens/expire",
        ]
    )
    func noFields(route: String) async throws {
        try await withStub { stub async throws in
            let token = try await stub.mintToken(service: "wice").token
            let path = route.replacingOccurrences(of: "TOKEN", with: token)
            try await stub.addFault(.drop, match: FaultMatch(path: "/nowhere"))

            let refused = try await Self.call(stub, "POST", path, #"{"hard":true}"#)
            Self.expectBadInput(refused, field: "hard")
            #expect((refused.json?["error"] as? String)?.contains("takes no fields") == true, "\(refused.text)")
            Self.expectBadInput(try await Self.call(stub, "POST", path, "[]"), field: nil)
            Self.expectBadInput(try await Self.call(stub, "POST", path, "{"), field: nil)
            #expect(try await stub.faults().count == 1, "a refused reset forgets nothing")
            #expect(try await stub.tokens().map(\.state) == [.active], "a refused expire expires nothing")

            #expect(try await Self.call(stub, "POST", path, "{}").status < 300)
            #expect(try await Self.call(stub, "POST", path).status < 300)
        }
    }

    @Test(
        "a JSON value of the wrong type is a 400 naming the field",
        arguments: [
            ("POST", "/faults", #"{"kind":"drop","times":"2"}"#, "times"),
            ("POST", "/faults", #"{"kind":"drop","times":1.5}"#, "times"),
            ("POST", "/faults", #"{"kind":"status","status":"503"}"#, "status"),
            ("POST", "/faults", #"{"kind":"status","status":503,"headers":{"Retry-After":2}}"#, "headers.Retry-After"),
            ("POST", "/faults", #"{"kind":"drop","match":"/x"}"#, "match"),
            ("POST", "/faults", #"{"kind":"drop","match":{"path":7}}"#, "match.path"),
            ("POST", "/faults", #"{"kind":"delay","delayMs":"100"}"#, "delayMs"),
            ("POST", "/faults", #"{"kind":3}"#, "kind"),
            ("POST", "/clock", #"{"freeze":"yes"}"#, "freeze"),
            ("POST", "/clock", #"{"advanceSeconds":"60"}"#, "advanceSeconds"),
            ("POST", "/clock", #"{"set":1893492000}"#, "set"),
            ("POST", "/clock", #"{"set":"tomorrow"}"#, "set"),
            ("POST", "/tokens", #"{"service":1}"#, "service"),
            ("POST", "/requests/count", #"{"status":"200"}"#, "status"),
            ("POST", "/requests/count", #"{"deprecated":"yes"}"#, "deprecated"),
            ("PUT", "/deprecations", #"{"method":"POST","path":"/v1/auth/logout","phase":"gone"}"#, "phase"),
            ("PUT", "/deprecations", #"{"method":"POST","path":"/v1/auth/logout","phase":"sunset","sunsetAt":"soon"}"#, "sunsetAt"),
            ("POST", "/users", #"{"service":"wice","username":"a","password":5}"#, "password"),
        ]
    )
    func wrongType(method: String, route: String, body: String, field: String) async throws {
        try await withStub { stub async throws in
            Self.expectBadInput(try await Self.call(stub, method, route, body), field: field)
        }
    }

    @Test("PATCH a token with enabled of the wrong type, or without it, names enabled")
    func patchToken() async throws {
        try await withStub { stub async throws in
            let token = try await stub.wiceLogin()
            Self.expectBadInput(try await Self.call(stub, "PATCH", "/tokens/\(token)", #"{"enabled":"no"}"#), field: "enabled")
            Self.expectBadInput(try await Self.call(stub, "PATCH", "/tokens/\(token)", "{}"), field: "enabled")
            let disabled = try await Self.call(stub, "PATCH", "/tokens/\(token)", #"{"enabled":false}"#)
            #expect(disabled.status == 200)
            #expect(disabled.json?["state"] as? String == "disabled")
            #expect(try await Self.call(stub, "GET", "/tokens/\(token)").json?["enabled"] as? Bool == false)
        }
    }

    @Test("a fault without kind, or with an unknown kind, names kind; fields of another kind are refused")
    func faultKind() async throws {
        try await withStub { stub async throws in
            Self.expectBadInput(try await Self.call(stub, "POST", "/faults", #"{"times":1}"#), field: "kind")
            Self.expectBadInput(try await Self.call(stub, "POST", "/faults", #"{"kind":"explode"}"#), field: "kind")
            Self.expectBadInput(try await Self.call(stub, "POST", "/faults", #"{"kind":"status"}"#), field: "status")
            Self.expectBadInput(try await Self.call(stub, "POST", "/faults", #"{"kind":"drop","status":503}"#), field: "status")
            Self.expectBadInput(try await Self.call(stub, "POST", "/faults", #"{"kind":"drop","delayMs":5}"#), field: "delayMs")
            Self.expectBadInput(try await Self.call(stub, "POST", "/faults", #"{"kind":"delay"}"#), field: "delayMs")
            Self.expectBadInput(try await Self.call(stub, "POST", "/faults", "[]"), field: nil)
            #expect(try await stub.faults().isEmpty)
        }
    }

    @Test("clock: advance \"8x\" names advance; advanceSeconds 28800 and advance \"1h30m\" work; both at once are refused")
    func clockText() async throws {
        try await withStub { stub async throws in
            Self.expectBadInput(try await Self.call(stub, "POST", "/clock", #"{"advance":"8x"}"#), field: "advance")
            Self.expectBadInput(try await Self.call(stub, "POST", "/clock", #"{"advance":"8h","advanceSeconds":60}"#), field: "advanceSeconds")
            Self.expectBadInput(try await Self.call(stub, "POST", "/clock", "{}"), field: nil)
            #expect(abs(try await stub.clock().offset.controlSeconds) < 5)

            let seconds = try await Self.call(stub, "POST", "/clock", #"{"advanceSeconds": 28800}"#)
            #expect(seconds.status == 200)
            let offset = try #require(seconds.json?["offsetMs"] as? Int)
            #expect(abs(offset - 28_800_000) < 5_000)
            let text = try await Self.call(stub, "POST", "/clock", #"{"advance":"1h30m"}"#)
            let both = try #require(text.json?["offsetMs"] as? Int)
            #expect(abs(both - 34_200_000) < 5_000)
            let back = try await Self.call(stub, "POST", "/clock", #"{"advance":"-90s","freeze":true}"#)
            #expect(back.json?["frozen"] as? Bool == true)
            #expect(abs(try #require(back.json?["offsetMs"] as? Int) - 34_110_000) < 5_000)
            let set = try await Self.call(stub, "POST", "/clock", #"{"set":"2026-11-23T10:00:00+00:00"}"#)
            #expect(set.json?["now"] as? String == "2026-11-23T10:00:00+00:00")
        }
    }

    @Test(
        "a body that is not JSON, or no body, is a 400",
        arguments: [
            ("POST", "/faults", "{\"kind\": \"drop\""),
            ("POST", "/faults", "kind=drop"),
            ("POST", "/faults", ""),
            ("POST", "/clock", "{advance: 8h}"),
            ("POST", "/tokens", "\u{1}"),
            ("PUT", "/deprecations", ""),
        ]
    )
    func malformedBody(method: String, route: String, body: String) async throws {
        try await withStub { stub async throws in
            let response = try await Self.call(stub, method, route, body)
            Self.expectBadInput(response, field: nil)
            #expect(response.json?["error"] as? String != nil)
        }
    }

    @Test("an unknown control route is a 404", arguments: ["/nope", "/faults/f1/extra", "/tokens/a/b/c", "/status/more", "/requests/sum"])
    func unknownRoute(route: String) async throws {
        try await withStub { stub async throws in
            let response = try await Self.call(stub, "GET", route)
            #expect(response.status == 404)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.json?["error"] as? String != nil)
            #expect(stub.journal.isEmpty, "control requests, even unknown ones, are not journaled")
        }
    }

    @Test(
        "a wrong method is a 405 with Allow",
        arguments: [
            ("PUT", "/faults", "GET, POST, DELETE, HEAD"),
            ("DELETE", "/status", "GET, HEAD"),
            ("GET", "/reset", "POST"),
            ("POST", "/faults/f1", "GET, DELETE, HEAD"),
            ("DELETE", "/clock", "GET, POST, HEAD"),
            ("GET", "/tokens/expire", "POST"),
            ("GET", "/requests/count", "POST"),
            ("POST", "/deprecations", "GET, PUT, HEAD"),
            ("GET", "/fixtures/reload", "POST"),
        ]
    )
    func wrongMethod(method: String, route: String, allow: String) async throws {
        try await withStub { stub async throws in
            let response = try await Self.call(stub, method, route, method == "GET" ? nil : "{}")
            #expect(response.status == 405, "\(response.text)")
            #expect(response.header("Allow") == allow)
            #expect(response.json?["error"] as? String != nil)
        }
    }

    @Test(
        "journal query filters: bad values and unknown names are 400s naming them",
        arguments: [
            ("deprecated=maybe", "deprecated"),
            ("unmatched=2", "unmatched"),
            ("fault=yes", "fault"),
            ("status=abc", "status"),
            ("bogus=1", "bogus"),
        ]
    )
    func badQuery(query: String, field: String) async throws {
        try await withStub { stub async throws in
            Self.expectBadInput(try await Self.call(stub, "GET", "/requests?" + query), field: field)
        }
    }

    @Test("journal query filters, percent-encoded, pick entries")
    func queryFilters() async throws {
        try await withStub { stub async throws in
            let token = try await stub.wiceLogin()
            _ = try await stub.send("POST", "/v1/auth/logout", headers: ["auth-token": token])
            _ = try await stub.send("GET", "/nowhere")
            func paths(_ query: String) async throws -> [String] {
                let response = try await Self.call(stub, "GET", "/requests?" + query)
                #expect(response.status == 200, "\(response.text)")
                return ((response.json?["requests"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }
            }
            #expect(try await paths("deprecated=true") == ["/v1/auth/logout"])
            #expect(try await paths("deprecated") == ["/v1/auth/logout"])
            #expect(try await paths("unmatched=1") == ["/nowhere"])
            #expect(try await paths("path=%2Fm2m%2F%2A") == ["/m2m/v1/auth/login"])
            #expect(try await paths("method=POST&status=201") == ["/m2m/v1/auth/login", "/v1/auth/logout"])
            #expect(try await paths("fault=false&service=wice") == ["/m2m/v1/auth/login", "/v1/auth/logout"])

            let count = try await Self.call(stub, "POST", "/requests/count", #"{"method":"POST","path":"*/logout"}"#)
            #expect(count.status == 200)
            #expect(count.json?["count"] as? Int == 1)
            let all = try await stub.send("POST", "/__control/requests/count")
            #expect(all.json?["count"] as? Int == 3, "no body counts everything")
        }
    }

    @Test("an empty id segment is no route: DELETE /__control/faults/ and POST /__control/tokens//expire change nothing")
    func emptySegments() async throws {
        try await withStub { stub async throws in
            try await stub.addFault(.drop, match: FaultMatch(path: "/nowhere"))
            let token = try await stub.wiceLogin()
            #expect(try await Self.call(stub, "DELETE", "/faults/").status == 404)
            #expect(try await Self.call(stub, "DELETE", "//faults").status == 404)
            #expect(try await Self.call(stub, "POST", "/tokens//expire").status == 404)
            #expect(try await Self.call(stub, "PATCH", "/tokens/", #"{"enabled":false}"#).status == 404)
            #expect(try await stub.faults().count == 1)
            #expect(try await stub.tokens().map(\.state) == [.active])
            #expect(try await stub.controlWiceLogout(token).status == 204)
            // The control root with a trailing slash is still the status.
            let root = try await Self.call(stub, "GET", "/")
            #expect(root.status == 200)
            #expect(root.json?["fixtures"] as? Int == Bundled.endpointCount)
        }
    }
}
