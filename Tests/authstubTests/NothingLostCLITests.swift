import Foundation
import StubHTTP
import TestSupport
import Testing

/// Issue 8's "nothing lost", through the real `authstub` process over raw sockets: a control
/// call that fails changes nothing, a reload that fails keeps the old set and says why, and a
/// stop with requests in flight answers or closes every connection.
@Suite("CLI: nothing lost")
struct NothingLostCLITests {
    /// Every control read, in one string: the whole state a failed call must leave alone. The
    /// clock's `offsetMs` (frozen virtual time minus real time) is left out: it moves on its own.
    static func snapshot(port: Int) async throws -> String {
        var parts: [String] = []
        for path in ["status", "faults", "tokens", "clock", "users", "deprecations", "fixtures", "requests"] {
            let response = try await send(port: port, "GET", "/__control/\(path)")
            #expect(response.status == 200, "GET /__control/\(path): \(response.text)")
            let text = response.text.replacingOccurrences(of: #""offsetMs":-?[0-9]+"#, with: #""offsetMs":_"#, options: .regularExpression)
            parts.append("\(path): \(text)")
        }
        return parts.joined(separator: "\n")
    }

    /// One request on a fresh connection (`Connection: close`); its answer.
    static func send(port: Int, _ method: String, _ path: String, body: String? = nil) async throws -> RawResponse {
        let connection = try await RawConnection.connect(port: port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        try await connection.send(head + "\r\n" + (body ?? ""))
        let response = try await connection.response()
        await connection.close()
        return response
    }

    static func port(of server: CLIProcess) async throws -> Int {
        let line = try await server.firstLine()
        return try #require(line.split(separator: ":").last.flatMap { Int($0) }, "\(line)")
    }

    /// Control calls that are wrong in one way each, and the field the 400 must name (nil when
    /// the call is refused as a whole: not JSON, an unknown id).
    static let badCalls: [(method: String, path: String, body: String?, status: Int, field: String?)] = [
        ("POST", "/__control/faults", #"{"kind":"status","status":503,"tims":2}"#, 400, "tims"),
        ("POST", "/__control/faults", #"{"kind":"status","status":99}"#, 400, "status"),
        ("POST", "/__control/faults", #"{"kind":"explode"}"#, 400, "kind"),
        ("POST", "/__control/faults", #"{"kind":"delay","delayMs":-5}"#, 400, "delayMs"),
        ("POST", "/__control/faults", #"{"kind":"status","status":503,"times":0}"#, 400, "times"),
        ("POST", "/__control/faults", #"{"kind":"status","status":503"#, 400, nil),
        ("POST", "/__control/faults", "not json", 400, nil),
        ("DELETE", "/__control/faults/f999", nil, 404, nil),
        ("POST", "/__control/tokens", #"{"service":"nope","user":"user"}"#, 404, "service"),
        ("POST", "/__control/tokens/no-such-token/expire", nil, 404, nil),
        ("POST", "/__control/clock", #"{"advance":"8 parsecs"}"#, 400, "advance"),
        ("POST", "/__control/clock", #"{"set":"yesterday"}"#, 400, "set"),
        ("POST", "/__control/clock", #"{"freeze":"yes"}"#, 400, "freeze"),
        ("POST", "/__control/clock", #"{"advanceSeconds":1e300}"#, 400, "advanceSeconds"),
        ("PUT", "/__control/deprecations", #"{"method":"POST","path":"/v1/auth/logout","phase":"gone"}"#, 400, "phase"),
        ("POST", "/__control/users", #"{"service":"wice","username":5,"password":"x"}"#, 400, "username"),
        ("POST", "/__control/fixtures", #"{"service":"wice"}"#, 400, nil),
        ("POST", "/__control/requests/count", #"{"method":1}"#, 400, "method"),
    ]

    @Test("a control call that fails changes nothing: every control read is the same before and after")
    func failedControlCallsChangeNothing() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0", "--seed", "8"])
        let port = try await Self.port(of: server)
        // Some state to lose: a frozen clock, a token, a fault that waits, an added user.
        #expect(try await Self.send(port: port, "POST", "/__control/clock", body: #"{"set":"2026-01-02T03:04:05Z","freeze":true}"#).status == 200)
        let login = try await Self.send(port: port, "POST", "/m2m/v1/auth/login", body: #"{"username":"user","password":"secret"}"#)
        #expect(login.status == 201)
        let fault = #"{"kind":"status","status":503,"times":3,"match":{"path":"/nowhere"}}"#
        #expect(try await Self.send(port: port, "POST", "/__control/faults", body: fault).status == 201)
        #expect(
            try await Self.send(port: port, "POST", "/__control/users", body: #"{"service":"wice","username":"ann","password":"pw"}"#).status < 300
        )
        let before = try await Self.snapshot(port: port)

        for call in Self.badCalls {
            let response = try await Self.send(port: port, call.method, call.path, body: call.body)
            #expect(response.status.code == call.status, "\(call.method) \(call.path) \(call.body ?? ""): \(response.status) \(response.text)")
            if let field = call.field {
                #expect(response.text.contains(#""field":"\#(field)""#), "\(call.method) \(call.path) \(call.body ?? ""): \(response.text)")
            }
        }

        #expect(try await Self.snapshot(port: port) == before)
        #expect(try await server.stop(signal: SIGTERM).status == 0)
    }

    @Test("a reload that fails keeps the old set, says which file and JSON path, and keeps serving")
    func failedReloadKeepsOldSet() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-nothing-lost-\(UUID().uuidString)")
        let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/wice")
        try FileManager.default.copyItem(at: bundled, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try CLIProcess.start(["serve", "--port", "0", "--fixtures", folder.path])
        let port = try await Self.port(of: server)
        #expect(try await Self.send(port: port, "POST", "/__control/clock", body: #"{"freeze":true}"#).status == 200)
        let before = try await Self.snapshot(port: port)

        let fixture = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().first { $0.hasSuffix(".json") })
        let file = folder.appendingPathComponent(fixture)
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: #""method""#, with: #""methd""#).utf8).write(to: file)

        let reload = try await Self.send(port: port, "POST", "/__control/fixtures/reload")
        #expect(reload.status == 422)
        #expect(reload.text.contains(fixture), "\(reload.text)")
        #expect(reload.text.contains("methd"), "\(reload.text)")
        #expect(try await Self.snapshot(port: port) == before)
        let login = try await Self.send(port: port, "POST", "/m2m/v1/auth/login", body: #"{"username":"user","password":"secret"}"#)
        #expect(login.status == 201)
        #expect(try await server.stop(signal: SIGTERM).status == 0)
    }

    @Test("stopping with requests in flight answers or closes every connection, and the process exits")
    func stopWithRequestsInFlight() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0"])
        let port = try await Self.port(of: server)
        #expect(
            try await Self.send(
                port: port,
                "POST",
                "/__control/faults",
                body: #"{"kind":"delay","delayMs":60000,"match":{"path":"/m2m/v1/auth/login"}}"#
            ).status == 201
        )

        // Waiting on a slow answer, half-way through a request, idle after an answer, and not
        // yet started.
        var clients: [RawConnection] = []
        for _ in 0..<8 {
            let waiting = try await RawConnection.connect(port: port)
            try await waiting.send(
                "POST /m2m/v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 39\r\n\r\n{\"username\":\"user\",\"password\":\"secret\"}"
            )
            clients.append(waiting)
            let partial = try await RawConnection.connect(port: port)
            try await partial.send("POST /m2m/v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n{\"user")
            clients.append(partial)
            let idle = try await RawConnection.connect(port: port)
            try await idle.send("GET /__control/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(try await idle.response().status == 200)
            clients.append(idle)
            clients.append(try await RawConnection.connect(port: port))
        }
        try await Task.sleep(for: .milliseconds(200))

        let result = try await server.stop(signal: SIGTERM)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        for client in clients {
            // A whole response or a closed connection; `receiveUntilClosed` gives up after 30 s.
            let (bytes, closed) = await client.receiveUntilClosed()
            #expect(closed, "still open after stop; received \(bytes.count) bytes")
            if !bytes.isEmpty {
                #expect(RawResponse.parse(bytes[...], isHead: false) != nil, "a partial response: \(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }
}
