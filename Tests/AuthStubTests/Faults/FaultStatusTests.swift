import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// `status` faults, the order faults are tried in, and what a fault's `match` selects, over a
/// real socket.
@Suite("Faults: status, order and matching")
struct FaultStatusTests {
    @Test("fail twice then succeed: two 503s with Retry-After in wice's error shape, then the normal 201")
    func failTwiceThenSucceed() async throws {
        try await withStub { stub in
            let installed = try await stub.addFault(
                .status(503, headers: [HTTPHeaderField("Retry-After", "2")]),
                match: FaultMatch(path: "/m2m/v1/auth/login"),
                times: 2
            )
            #expect(installed.id == "f1")
            #expect(installed.remaining == 2)

            for attempt in 1...2 {
                let failed = try await stub.faultWiceLogin()
                #expect(failed.status == 503, "attempt \(attempt)")
                #expect(failed.header("Retry-After") == "2")
                #expect(failed.header("X-AuthStub-Fault") == "f1")
                #expect(failed.header("Content-Type") == "application/json")
                #expect(failed.header("auth-token") == nil)
                #expect(failed.json?["code"] as? Int == 503)
                #expect(failed.json?["message"] as? String == "injected fault f1 (status 503)")
                #expect(failed.json?.count == 2, "\(failed.text)")
                #expect(try await stub.faultNamed("f1").remaining == 2 - attempt)
            }

            let succeeded = try await stub.faultWiceLogin()
            #expect(succeeded.status == 201)
            #expect(succeeded.header("X-AuthStub-Fault") == nil)
            #expect(succeeded.header("Retry-After") == nil)
            let token = try #require(succeeded.header("auth-token"))
            #expect(isUUIDv4(token))

            let spent = try await stub.faultNamed("f1")
            #expect(spent.remaining == 0)
            #expect(spent.applied == 2)
            #expect(stub.journal.map(\.status) == [503, 503, 201])
            #expect(stub.journal.map(\.fault) == ["f1", "f1", nil])
            #expect(try await stub.tokens().map(\.token) == [token])
        }
    }

    @Test("a status fault with a JSON body sends it as application/json")
    func jsonBody() async throws {
        try await withStub { stub in
            let body: JSONValue = .object(["error": .string("maintenance"), "retry": .bool(true), "in": .int(30)])
            try await stub.addFault(.status(503, body: .json(body)), times: 1)
            let response = try await stub.faultWiceLogin()
            #expect(response.status == 503)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text == #"{"error":"maintenance","retry":true,"in":30}"#)
            #expect(response.header("Content-Length") == String(response.body.count))
        }
    }

    @Test("a status fault with a text body sends text/plain")
    func textBody() async throws {
        try await withStub { stub in
            try await stub.addFault(.status(500, body: .text("upstream exploded")), times: 1)
            let response = try await stub.faultWiceLogin()
            #expect(response.status == 500)
            #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(response.text == "upstream exploded")
        }
    }

    @Test("a Content-Type among the fault's headers replaces the default one")
    func customContentType() async throws {
        try await withStub { stub in
            try await stub.addFault(
                .status(
                    429,
                    headers: [
                        HTTPHeaderField("Content-Type", "application/problem+json"),
                        HTTPHeaderField("X-RateLimit-Remaining", "0"),
                    ],
                    body: .json(.object(["title": .string("Too Many Requests")]))
                ),
                times: 1
            )
            let response = try await stub.faultWiceLogin()
            #expect(response.status == 429)
            // Foundation joins repeated fields with ", ": one value means the default was removed.
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.header("X-RateLimit-Remaining") == "0")
            #expect(response.text == #"{"title":"Too Many Requests"}"#)

            // Over a raw socket: exactly one Content-Type line.
            try await stub.addFault(.status(200, headers: [HTTPHeaderField("content-type", "text/csv")], body: .text("a,b")), times: 1)
            let connection = try await RawConnection.connect(port: try #require(stub.port))
            try await connection.send(FaultRequests.rawWiceLogin())
            let raw = try await connection.response()
            #expect(raw.status == 200)
            #expect(raw.headers.filter { $0.name.lowercased() == "content-type" }.map(\.value) == ["text/csv"])
            #expect(raw.text == "a,b")
        }
    }

    @Test("a status fault without a body on an unmatched path: AuthStub's own error body; below 400 an empty body")
    func unmatchedPathWithoutBody() async throws {
        try await withStub { stub in
            try await stub.addFault(.status(502), match: FaultMatch(path: "/gateway/*"), times: 1)
            let response = try await stub.send("GET", "/gateway/health")
            #expect(response.status == 502)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.json?["error"] as? String == "injected fault f1 (status 502)")
            #expect(response.header("X-AuthStub-Fault") == "f1")
            #expect(stub.lastEntry?.fault == "f1")
            #expect(stub.lastEntry?.service == nil)
            #expect(stub.lastEntry?.status == 502)

            // The fault is spent: the same path is the usual 404 again.
            #expect(try await stub.send("GET", "/gateway/health").status == 404)

            try await stub.addFault(.status(202), match: FaultMatch(path: "/gateway/health"), times: 1)
            let accepted = try await stub.send("GET", "/gateway/health")
            #expect(accepted.status == 202)
            #expect(accepted.body.isEmpty)
            #expect(accepted.header("X-AuthStub-Fault") == "f2")
        }
    }

    @Test("a status fault answers instead of the route: a faulted login issues no token")
    func statusReplacesTheRoute() async throws {
        try await withStub { stub in
            try await stub.addFault(.status(200, body: .json(.object(["ok": .bool(true)]))), match: FaultMatch(path: "/auth/login"), times: 1)
            let response = try await stub.send("POST", "/auth/login", headers: ["Authorization": FaultRequests.basic])
            #expect(response.status == 200)
            #expect(response.text == #"{"ok":true}"#)
            #expect(try await stub.tokens().isEmpty)
            #expect(stub.lastEntry?.reason == "injected fault f1 (status 200)")
        }
    }

    @Test("first added, first tried: the first matching fault applies until spent, then the second")
    func firstAddedFirstTried() async throws {
        try await withStub { stub in
            try await stub.addFault(.status(500), match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)
            try await stub.addFault(.status(502), match: FaultMatch(path: "/m2m/*"), times: 2)
            var statuses: [Int] = []
            var faultHeaders: [String?] = []
            for _ in 0..<4 {
                let response = try await stub.faultWiceLogin()
                statuses.append(response.status)
                faultHeaders.append(response.header("X-AuthStub-Fault"))
            }
            #expect(statuses == [500, 502, 502, 201])
            #expect(faultHeaders == ["f1", "f2", "f2", nil])
            let faults = try await stub.faults()
            #expect(faults.map(\.id) == ["f1", "f2"])
            #expect(faults.map(\.applied) == [1, 2])
            #expect(faults.map(\.remaining) == [0, 0])
        }
    }

    @Test("a fault without times lasts until removed")
    func untilRemoved() async throws {
        try await withStub { stub in
            let installed = try await stub.addFault(.status(503), match: FaultMatch(path: "/v1/auth/login"))
            #expect(installed.remaining == nil)
            for _ in 0..<3 { #expect(try await stub.faultWiceLogin("/v1/auth/login").status == 503) }
            #expect(try await stub.faultNamed("f1").applied == 3)
            #expect(try await stub.faultNamed("f1").remaining == nil)
            try await stub.removeFault(id: "f1")
            #expect(try await stub.faultWiceLogin("/v1/auth/login").status == 201)
        }
    }

    @Test("match.method: only that method is hit (given in any case)")
    func matchMethod() async throws {
        try await withStub { stub in
            let installed = try await stub.addFault(.status(503), match: FaultMatch(method: "delete"))
            #expect(installed.fault.match.method == "DELETE")
            let token = try await stub.wiceLogin()
            let delete = try await stub.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(delete.status == 503)
            #expect(delete.json?["code"] as? Int == 503)
            // The POST logout is not hit, and really logs out.
            let post = try await stub.send("POST", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(post.status == 201)
            #expect(try await stub.faultNamed("f1").applied == 1)
            #expect(try await stub.send("DELETE", "/m2m/v1/auth/nothing-here").status == 503)
        }
    }

    @Test(
        "match.path with * selects by prefix; a bare * matches every API request",
        arguments: [
            ("/m2m/*", ["/m2m/v1/auth/login": 503, "/v1/auth/login": 201]),
            ("/v1/*", ["/m2m/v1/auth/login": 201, "/v1/auth/login": 503]),
            // `*` runs across slashes.
            ("/*/auth/login", ["/m2m/v1/auth/login": 503, "/v1/auth/login": 503]),
            ("/m2m/*/logout", ["/m2m/v1/auth/login": 201, "/v1/auth/login": 201]),
            ("*", ["/m2m/v1/auth/login": 503, "/v1/auth/login": 503]),
            ("/v1/auth/login", ["/m2m/v1/auth/login": 201, "/v1/auth/login": 503]),
        ]
    )
    func matchPath(pattern: String, expected: [String: Int]) async throws {
        try await withStub { stub in
            try await stub.addFault(.status(503), match: FaultMatch(path: pattern))
            for (path, status) in expected.sorted(by: { $0.key < $1.key }) {
                let response = try await stub.faultWiceLogin(path)
                #expect(response.status == status, "\(pattern) on \(path)")
            }
            #expect(try await stub.faultNamed("f1").applied == expected.values.filter { $0 == 503 }.count)
        }
    }

    @Test("the query is not part of the path a fault matches")
    func queryIgnored() async throws {
        try await withStub { stub in
            try await stub.addFault(.status(503), match: FaultMatch(path: "/v1/auth/login"), times: 1)
            #expect(try await stub.faultWiceLogin("/v1/auth/login?trace=1").status == 503)
        }
    }

    @Test("control requests are never hit by faults")
    func controlUntouched() async throws {
        try await withStub { stub in
            try await stub.addFault(.status(503))
            let status = try await stub.send("GET", "/__control/status")
            #expect(status.status == 200)
            #expect(status.header("X-AuthStub-Fault") == nil)
            #expect(try await stub.faultNamed("f1").applied == 0)
            #expect(stub.journal.isEmpty)
        }
    }
}
