import AuthStub
import Foundation
import Testing

@testable import authstub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `authstub record` in front of AuthStub itself (the bundled `wice` service, served
/// in this process), driven by URLSession; then the folder it wrote served by the real
/// `authstub serve` and the same flow replayed offline. The Python upstream's proof is
/// `.ci/check-record.sh`.
@Suite("CLI: record")
struct RecordCLITests {
    /// wice's login, a use, a logout and a use after it, with a wrong password first: each
    /// step's status.
    static func flow(_ base: String, password: String) async throws -> [Int] {
        let session = URLSession(configuration: .ephemeral)
        func send(_ method: String, _ path: String, token: String? = nil, body: String? = nil) async throws -> (Int, HTTPURLResponse?) {
            var request = URLRequest(url: try #require(URL(string: base + path)))
            request.httpMethod = method
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            if let token { request.setValue(token, forHTTPHeaderField: "auth-token") }
            if let body {
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                request.httpBody = Data(body.utf8)
            }
            let (_, response) = try await session.data(for: request)
            let http = response as? HTTPURLResponse
            return (http?.statusCode ?? 0, http)
        }
        var statuses: [Int] = []
        statuses.append(try await send("POST", "/m2m/v1/auth/login", body: #"{"username":"user","password":"wrong"}"#).0)
        let (status, login) = try await send("POST", "/m2m/v1/auth/login", body: #"{"username":"user","password":"\#(password)"}"#)
        statuses.append(status)
        let token = try #require(login?.value(forHTTPHeaderField: "auth-token"))
        statuses.append(try await send("DELETE", "/m2m/v1/auth/logout", token: token).0)
        statuses.append(try await send("DELETE", "/m2m/v1/auth/logout", token: token).0)
        return statuses
    }

    @Test("record AuthStub itself, stop with SIGINT: the folder validates, serves, and replays the flow with the new password")
    func recordsAuthStub() async throws {
        let upstream = try await AuthStubServer.start()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-record-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let recorder = try CLIProcess.start([
            "record", "--target", upstream.baseURL.absoluteString, "--out", out.path, "--service", "wice", "--port", "0",
        ])
        let banner = try await recorder.firstLine()
        let base = try #require(banner.split(separator: " ").last.map(String.init), "\(banner)")
        let recorded = try await Self.flow(base, password: "secret")
        let result = try await recorder.stop(signal: SIGINT)
        await upstream.stop()
        #expect(recorded == [401, 201, 204, 401])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("recording \(upstream.baseURL.absoluteString) into \(out.path)/wice"), "\(result.stdout)")
        #expect(result.stdout.contains("POST /m2m/v1/auth/login 201 → proxied "), "\(result.stdout)")

        // The new password, as printed: `  user / <password> (new password)`.
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("  user / ") }, "\(result.stdout)")
        let password = try #require(line.split(separator: " ").dropFirst(2).first.map(String.init))
        #expect(password != "secret")
        let folder = out.appendingPathComponent("wice")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("\"secret\""), "\(file) holds the recorded password")
        }

        let validated = try await CLIProcess.run(["validate", folder.path])
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
        let server = try CLIProcess.start(["serve", "--port", "0", "--quiet", "--fixtures", folder.path])
        let served = try await server.firstLine()
        let replayed = try await Self.flow(try #require(served.split(separator: " ").last.map(String.init)), password: password)
        _ = try await server.stop(signal: SIGTERM)
        #expect(replayed == recorded)
    }

    @Test("record's flags: serve's pass through, fixture flags are refused, the service defaults to the target's host")
    func flags() throws {
        let parsed = try CommandLineParser.parse([
            "record", "--target", "https://staging.acme.test/api", "--port", "0", "--quiet", "--scrub", "email", "--scrub=phone",
            "--keep-credentials", "--record-limit", "1MiB", "--proxy-timeout", "5s",
        ])
        guard case .record(let options) = parsed else {
            Issue.record("not record: \(parsed)")
            return
        }
        #expect(options.target == URL(string: "https://staging.acme.test/api"))
        #expect(options.service == "staging-acme-test")
        #expect(options.out == "recorded")
        #expect(options.scrubFields == ["email", "phone"])
        #expect(options.keepCredentials)
        #expect(options.limitBytes == 1024 * 1024)
        #expect(options.serve.port == 0 && options.serve.quiet && options.serve.proxyTimeout == .seconds(5))
        #expect(options.serve.fixtures.isEmpty)

        let refused: [([String], String)] = [
            (["record"], "record needs --target <url>"),
            (["record", "--target", "ftp://x"], "--target: the proxy URL ftp://x"),
            (["record", "--target", "http://x", "--fixtures", "y"], "takes no --fixtures"),
            (["record", "--target", "http://x", "--service", "a b"], "--service must be one word"),
            (["record", "--target", "http://x", "--record-limit", "10"], "--record-limit must be a size in bytes"),
            (["record", "--target", "http://x", "--bogus"], "unknown option '--bogus'"),
        ]
        for (arguments, message) in refused {
            do throws(UsageError) {
                _ = try CommandLineParser.parse(arguments)
                Issue.record("\(arguments) was taken")
            } catch {
                #expect(error.message.contains(message), "\(arguments): \(error.message)")
            }
        }
    }

    @Test("a folder the recorder did not write is refused before anything is recorded")
    func refusesForeignFolder() async throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-record-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: out.appendingPathComponent("mine"), withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: out.appendingPathComponent("mine/notes.txt"))
        let result = try await CLIProcess.run(["record", "--target", "http://127.0.0.1:9", "--out", out.path, "--service", "mine", "--port", "0"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("already holds files the recorder did not write"), "\(result.stderr)")
    }
}
