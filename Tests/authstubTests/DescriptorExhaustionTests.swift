import Foundation
import StubHTTP
import TestSupport
import Testing

/// Out of file descriptors, the real CLI backs off instead of spinning, says so once, and
/// serves the waiting clients once descriptors free up.
@Suite("CLI: running out of file descriptors")
struct DescriptorExhaustionTests {
    @Test("EMFILE: accept pauses without a busy loop, reports once, and resumes")
    func acceptBacksOffAndResumes() async throws {
        let server = try CLIProcess.start(["serve", "--port", "0"], openFileLimit: 40)
        let line = try await server.firstLine()
        let port = try #require(line.split(separator: ":").last.flatMap { Int($0) })

        do {
            try await Self.exhaustAndRecover(port: port, pid: server.processIdentifier)
        } catch {
            // How the server ended, and what it said, tell a crash from a stop.
            let result = try await server.stop(signal: SIGTERM)
            Issue.record("\(error); the server then exited \(result.status) (128 + n is signal n); stderr: \(result.stderr)")
            return
        }
        let result = try await server.stop(signal: SIGTERM)
        #expect(result.status == 0)
        let reports = result.stderr.components(separatedBy: "pausing new connections").count - 1
        #expect(reports == 1, "stderr: \(result.stderr)")
    }

    /// Sixty clients against a server with room for fewer than thirty: it sleeps while out of
    /// descriptors, and serves those still waiting once forty hang up.
    private static func exhaustAndRecover(port: Int, pid: Int32) async throws {
        // More clients than the server has descriptors for; each sends a request at once.
        var clients: [RawConnection] = []
        for _ in 0..<60 {
            let client = try await RawConnection.connect(port: port)
            try await client.send("GET /__control/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            clients.append(client)
        }
        try await Task.sleep(for: .milliseconds(300))

        #if os(Linux)
        // Accepting stops with descriptors still free in the process (its reserve of 4, given
        // back; each other event loop, mid-batch, may take one), so that libdispatch's monitor,
        // which ends a process that cannot open a file, finds one. Every 100 ms the server
        // checks for a moment whether the reserve and one more are free (opening them), so the
        // lowest of a few readings counts.
        var readings: [Int] = []
        for _ in 0..<3 {
            readings.append((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? 0)
            try await Task.sleep(for: .milliseconds(30))
        }
        let open = readings.min() ?? 0
        #expect(open > 0 && open < 40, "the server holds \(readings) of its 40 descriptors while clients wait")

        // While descriptors are exhausted the server must sleep, not spin.
        let before = try cpuTicks(of: pid)
        try await Task.sleep(for: .seconds(1))
        let used = try cpuTicks(of: pid) - before
        #expect(used < 30, "the server used \(used) CPU ticks in 1 s while out of descriptors")
        #endif

        // Free descriptors: the first 40 clients hang up (the server had room for fewer than
        // 30), and every one of the 20 still waiting is then served.
        for client in clients.prefix(40) { await client.close() }
        var answered = 0
        for client in clients.dropFirst(40) where try await client.response(timeout: .seconds(15)).status == 200 {
            answered += 1
        }
        #expect(answered == 20)
    }

    /// utime + stime of a process, in clock ticks, from /proc.
    private static func cpuTicks(of pid: Int32) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
        let afterName = try #require(stat.range(of: ") ")).upperBound
        let fields = stat[afterName...].split(separator: " ")
        return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }
}
