import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `authstub` process: the control token it makes up (or is given) guards the control
/// API, and a faulted request's console line names the fault.
@Suite("CLI: control token and fault lines")
struct FaultCLITests {
    /// Sends a request with a fresh session; the status and the body as JSON.
    static func request(
        _ method: String,
        _ url: String,
        token: String? = nil,
        body: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> (status: Int, json: [String: Any]?) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
        }
        let (data, response) = try await makeTestSession().data(for: request)
        let status = try #require(response as? HTTPURLResponse).statusCode
        return (status, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any])
    }

    /// Reads the start-up lines up to and including the control token line.
    static func startupLines(_ server: CLIProcess) async throws -> [String] {
        var lines: [String] = []
        while lines.count < 10 {
            let line = try await server.firstLine()
            lines.append(line)
            if line.hasPrefix("  control token: ") { break }
        }
        return lines
    }

    @Test("bound to 0.0.0.0 it prints a generated control token and refuses control requests without it")
    func generatedToken() async throws {
        let server = try CLIProcess.start(["serve", "--host", "0.0.0.0", "--port", "0"])
        do {
            let lines = try await Self.startupLines(server)
            let first = try #require(lines.first)
            #expect(first.hasPrefix("AuthStub "))
            let port = try #require(first.split(separator: ":").last.map(String.init))
            #expect(first.hasSuffix("http://0.0.0.0:\(port)"))
            let tokenLine = try #require(lines.last)
            let pattern = #"^  control token: ([0-9a-f]{32}) \(send Authorization: Bearer <token>\)$"#
            #expect(tokenLine.range(of: pattern, options: .regularExpression) != nil, "\(tokenLine)")
            let token = String(tokenLine.dropFirst("  control token: ".count).prefix(32))

            let base = "http://127.0.0.1:\(port)"
            let missing = try await Self.request("GET", base + "/__control/status")
            #expect(missing.status == 401)
            #expect(missing.json?["field"] as? String == "Authorization")
            #expect(try await Self.request("GET", base + "/__control/status", token: String(token.reversed())).status == 401)
            let refusedFault = try await Self.request("POST", base + "/__control/faults", body: #"{"kind":"status","status":503}"#)
            #expect(refusedFault.status == 401)

            let status = try await Self.request("GET", base + "/__control/status", token: token)
            #expect(status.status == 200)
            #expect(status.json?["version"] is String)

            // API routes need no control token, and the refused fault was never installed.
            let login = try await Self.request(
                "POST",
                base + "/v1/auth/login",
                body: #"{"username":"user","password":"secret"}"#,
                headers: ["Accept": "application/json"]
            )
            #expect(login.status == 201)

            let added = try await Self.request(
                "POST",
                base + "/__control/faults",
                token: token,
                body: #"{"kind":"status","status":503,"match":{"path":"/v1/auth/login"},"times":1}"#
            )
            #expect(added.status == 201)
            #expect(added.json?["id"] as? String == "f1")
            let faulted = try await Self.request("POST", base + "/v1/auth/login", body: #"{"username":"user","password":"secret"}"#)
            #expect(faulted.status == 503)

            let result = try await server.stop(signal: SIGTERM)
            #expect(result.status == 0)
            let requestLines = result.stdout.split(separator: "\n").filter { $0.contains("POST /v1/auth/login") }
            #expect(requestLines.count == 2, "\(result.stdout)")
            let faultLine = try #require(requestLines.last)
            #expect(faultLine.contains("POST /v1/auth/login 503 fault f1"), "\(faultLine)")
            #expect(faultLine.contains("injected fault f1 (status 503)"), "\(faultLine)")
            #expect(requestLines.first?.contains("fault") == false)
            // Control requests are never printed as request lines.
            #expect(!result.stdout.contains("/__control/status 2"))
        } catch {
            _ = try? await server.stop(signal: SIGTERM)
            throw error
        }
    }

    @Test("--control-token is required on loopback too, and printed masked")
    func givenToken() async throws {
        let secret = "s3cret-control-token"
        let server = try CLIProcess.start(["serve", "--port", "0", "--control-token", secret])
        do {
            let lines = try await Self.startupLines(server)
            let port = try #require(lines.first?.split(separator: ":").last.map(String.init))
            #expect(lines.last == "  control token: s3cr… (as given) (send Authorization: Bearer <token>)")
            let base = "http://127.0.0.1:\(port)"
            #expect(try await Self.request("GET", base + "/__control/faults").status == 401)
            let listed = try await Self.request("GET", base + "/__control/faults", token: secret)
            #expect(listed.status == 200)
            #expect((listed.json?["faults"] as? [Any])?.isEmpty == true)
            let result = try await server.stop(signal: SIGTERM)
            #expect(!(lines.joined() + result.stdout).contains(secret))
        } catch {
            _ = try? await server.stop(signal: SIGTERM)
            throw error
        }
    }

    @Test("bound to loopback without --control-token the control API is open and no token line is printed")
    func loopbackOpen() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0"])
        do {
            let first = try await server.firstLine()
            let port = try #require(first.split(separator: ":").last.map(String.init))
            #expect(try await Self.request("GET", "http://127.0.0.1:\(port)/__control/status").status == 200)
            let result = try await server.stop(signal: SIGTERM)
            #expect(!result.stdout.contains("control token"))
        } catch {
            _ = try? await server.stop(signal: SIGTERM)
            throw error
        }
    }
}
