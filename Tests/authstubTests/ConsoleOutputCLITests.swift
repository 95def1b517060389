import Foundation
import StubHTTP
import TestSupport
import Testing

/// The real `authstub serve`, with its default request log (no `--quiet`), under readers that
/// misbehave: whatever happens to its standard output and error, requests are answered, control
/// calls work, and a stop is clean (exit 0, never 128 + SIGPIPE, never a hang).
@Suite("CLI: output nobody reads")
struct ConsoleOutputCLITests {
    static let login = #"{"username":"user","password":"secret"}"#

    /// `count` wice logins on one keep-alive connection, pipelined in batches; every one must be
    /// answered 201 (a server stalled on its log would leave them waiting into the timeout).
    static func logins(port: Int, count: Int) async throws {
        let connection = try await RawConnection.connect(port: port)
        let request =
            "POST /v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(login.utf8.count)\r\n\r\n" + login
        var answered = 0
        while answered < count {
            let batch = min(50, count - answered)
            try await connection.send(String(repeating: request, count: batch))
            let responses = try await connection.responses(batch, timeout: .seconds(20))
            #expect(responses.allSatisfy { $0.status == 201 }, "\(responses.map(\.status))")
            answered += batch
        }
        await connection.close()
    }

    /// `GET /__control/status`'s `requestLog` member.
    static func requestLogCounts(port: Int) async throws -> [String: Int] {
        let response = try await NothingLostCLITests.send(port: port, "GET", "/__control/status")
        let status = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
        return try #require(status?["requestLog"] as? [String: Int], "\(response.text)")
    }

    @Test("A stdout pipe nobody reads: every request is answered, lines are dropped and counted, SIGTERM stops it")
    func unreadPipe() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0"])
        let port = try await NothingLostCLITests.port(of: server)
        #expect(try await server.firstLine().hasPrefix("  control: "), "the whole banner was written")
        // 4,000 request lines are about 360 KiB: more than the pipe (64 KiB), the console's ring
        // and its writer's buffer (64 KiB each) and the request log's queue (1,000 entries) hold
        // together.
        try await Self.logins(port: port, count: 4_000)
        let counts = try await Self.requestLogCounts(port: port)
        #expect((counts["dropped"] ?? 0) > 0, "\(counts)")
        #expect(counts["waiting"] == 1_000, "\(counts)")
        // Control calls still work, and the stop does not wait on the reader.
        let tokens = try await NothingLostCLITests.send(port: port, "GET", "/__control/tokens")
        #expect(tokens.status == 200)
        let result = try await server.stop(signal: SIGTERM)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("POST /v1/auth/login 201"), "request lines follow the banner")
    }

    @Test(
        "Closed stdout and stderr pipes (EPIPE): requests are answered and the stop is clean",
        arguments: [SIGTERM, SIGHUP]
    )
    func closedPipes(signal: Int32) async throws {
        let server = try CLIProcess.start(["serve", "--port", "0"])
        let port = try await NothingLostCLITests.port(of: server)
        server.closeOutputPipes()
        try await Self.logins(port: port, count: 200)
        let counts = try await Self.requestLogCounts(port: port)
        #expect(counts["dropped"] == 0, "a stream that is gone discards its lines at once: \(counts)")
        let result = try await server.stop(signal: signal)
        #expect(result.status == 0, "exited \(result.status) (141 is SIGPIPE)")
    }

    #if os(Linux)
    @Test("Started with stdout and stderr closed: /dev/null takes their place, requests are answered, the stop is clean")
    func noStandardStreams() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0"], withoutStandardStreams: true)
        // The port cannot be read from a closed stdout: the kernel says which one it listens on.
        guard let port = await Self.listeningPort(of: server.processIdentifier) else {
            let alive = FileManager.default.fileExists(atPath: "/proc/\(server.processIdentifier)/fd")
            let sockets = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(server.processIdentifier)/fd")) ?? []
            let result = try await server.stop(signal: SIGTERM)
            Issue.record("the server never listened (alive: \(alive), descriptors: \(sockets.count), exit: \(result.status))")
            return
        }
        // Descriptors 1 and 2 hold /dev/null, not the first things the process opened (a
        // socket, or libdispatch's eventfd, that log lines would be written into).
        for descriptor in [1, 2] {
            let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(server.processIdentifier)/fd/\(descriptor)")
            #expect(target == "/dev/null", "descriptor \(descriptor) is \(target ?? "closed")")
        }
        try await Self.logins(port: port, count: 100)
        let status = try await NothingLostCLITests.send(port: port, "GET", "/__control/status")
        #expect(status.status == 200)
        #expect(status.text.hasPrefix("{"), "\(status.text)")
        let result = try await server.stop(signal: SIGTERM)
        #expect(result.status == 0)
    }

    /// The TCP port process `pid` listens on, from its socket descriptors' inodes and
    /// `/proc/net/tcp`; nil if it does not listen within 60 s (a loaded machine running the whole
    /// suite in parallel has taken over 20 s to start it).
    static func listeningPort(of pid: Int32) async -> Int? {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
            let inodes = Set(
                descriptors.compactMap { name -> String? in
                    let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(name)")
                    guard let target, target.hasPrefix("socket:[") else { return nil }
                    return String(target.dropFirst(8).dropLast())
                }
            )
            // Columns: sl local_address rem_address st … inode; local_address is HEXIP:HEXPORT, 0A is LISTEN.
            // Read to its end: `String(contentsOfFile:)` stops after the first page of a /proc
            // file, and a machine with thousands of sockets lists this one far past that.
            let file = FileHandle(forReadingAtPath: "/proc/net/tcp")
            let table = String(decoding: (try? file?.readToEnd()) ?? Data(), as: UTF8.self)
            try? file?.close()
            for row in table.split(separator: "\n").dropFirst() {
                let columns = row.split(separator: " ")
                guard columns.count > 9, columns[3] == "0A", inodes.contains(String(columns[9])),
                    let port = columns[1].split(separator: ":").last.flatMap({ Int($0, radix: 16) })
                else { continue }
                return port
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
    #endif

    // A run under load once saw the server die here (connect refused): libdispatch's monitor
    // ended it when the process had no descriptor left (see `DescriptorReserve`).
    @Test("Out of descriptors with stderr closed: the warning goes nowhere and the server lives on")
    func warningsToClosedStderr() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0"], openFileLimit: 40)
        let port = try await NothingLostCLITests.port(of: server)
        server.closeOutputPipes()
        do {
            // More clients than descriptors: accept fails with EMFILE and the server warns on stderr.
            var clients: [RawConnection] = []
            for _ in 0..<50 {
                let client = try await RawConnection.connect(port: port)
                try await client.send("GET /__control/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                clients.append(client)
            }
            // Held open until the server has run out and said so (DescriptorExhaustionTests reads
            // the warning on a stderr that is open).
            try await Task.sleep(for: .milliseconds(500))
            for client in clients { await client.close() }
            let status = try await NothingLostCLITests.send(port: port, "GET", "/__control/status")
            #expect(status.status == 200)
        } catch {
            // With its output closed the server cannot say what happened: how it ended can.
            let result = try await server.stop(signal: SIGTERM)
            Issue.record("\(error); the server then exited \(result.status) (128 + n is signal n)")
            return
        }
        let result = try await server.stop(signal: SIGTERM)
        #expect(result.status == 0, "exited \(result.status) (141 is SIGPIPE)")
    }

    @Test("SIGTERM while clients hold every descriptor stops the server cleanly")
    func stopWhileOutOfDescriptors() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0"], openFileLimit: 40)
        let port = try await NothingLostCLITests.port(of: server)
        var clients: [RawConnection] = []
        for _ in 0..<50 {
            let client = try await RawConnection.connect(port: port)
            try await client.send("GET /__control/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            clients.append(client)
        }
        // The signal handlers were in place before the first client came (a dispatch signal
        // source made now would find no descriptor).
        let result = try await server.stop(signal: SIGTERM)
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("Stopped (SIGTERM).\n"), "\(result.stdout)")
        for client in clients { await client.close() }
    }
}
