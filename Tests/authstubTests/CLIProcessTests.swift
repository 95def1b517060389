import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `authstub` binary, run as a process.
@Suite("CLI: the real process")
struct CLIProcessTests {
    @Test("--version prints the version and exits 0")
    func version() async throws {
        let result = try await CLIProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("authstub "))
    }

    @Test("--help prints USAGE and OPTIONS")
    func help() async throws {
        let result = try await CLIProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: authstub"))
        #expect(result.stdout.contains("OPTIONS:"))
    }

    @Test("A usage error prints `Error: …` on stderr and exits 64")
    func usageError() async throws {
        let result = try await CLIProcess.run(["--bogus"])
        #expect(result.status == 64)
        #expect(result.stderr == "Error: unknown option '--bogus' (see 'authstub --help')\n")
    }

    @Test(
        "serve prints its URL, answers the status route, and stops cleanly on SIGTERM, SIGINT and SIGHUP",
        arguments: [SIGTERM, SIGINT, SIGHUP]
    )
    func serveAndStop(signal: Int32) async throws {
        let server = try CLIProcess.start(["serve", "--port", "0"])
        let line = try await server.firstLine()
        let url = try #require(line.split(separator: " ").last.map(String.init))
        #expect(line.hasPrefix("AuthStub "))
        #expect(url.hasPrefix("http://127.0.0.1:"))

        let (body, response) = try await URLSession(configuration: .ephemeral)
            .data(from: try #require(URL(string: url + "/__control/status")))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let status = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        #expect(status?["version"] as? String != nil)

        let result = try await server.stop(signal: signal)
        #expect(result.status == 0)
        let name = [SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGHUP: "SIGHUP"][signal] ?? "?"
        #expect(result.stdout.hasSuffix("Stopped (\(name)).\n"), "\(result.stdout)")
    }

    @Test("A port in use is one clear line and a non-zero exit")
    func portInUse() async throws {
        let first = try CLIProcess.start(["serve", "--port", "0"])
        let line = try await first.firstLine()
        let port = try #require(line.split(separator: ":").last.map(String.init))
        let second = try await CLIProcess.run(["serve", "--port", port])
        #expect(second.status == 1)
        #expect(second.stderr == "Error: 127.0.0.1:\(port): Address already in use\n")
        _ = try await first.stop(signal: SIGTERM)
    }
}

/// Runs the `authstub` binary that `swift test` built next to the test bundle, as a
/// `ChildProcess` (not Foundation's `Process`, which can crash the test process on Linux).
final class CLIProcess: Sendable {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    private let child: ChildProcess

    private init(child: ChildProcess) { self.child = child }

    static var executable: URL {
        get throws {
            let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            let candidates =
                [
                    testBinary.deletingLastPathComponent(),
                    Bundle.main.bundleURL,
                    Bundle.main.bundleURL.deletingLastPathComponent(),
                ] + Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map { $0.bundleURL.deletingLastPathComponent() }
            for folder in candidates {
                let binary = folder.appendingPathComponent("authstub")
                if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
            }
            throw CLIProcessError.notFound(candidates.map(\.path))
        }
    }

    /// Starts `authstub` with `arguments`; with `openFileLimit`, under `ulimit -n` of that;
    /// with `withoutStandardStreams`, with its standard output and error closed (`>&- 2>&-`).
    static func start(_ arguments: [String], openFileLimit: Int? = nil, withoutStandardStreams: Bool = false) throws -> CLIProcess {
        let binary = try executable.path
        guard openFileLimit != nil || withoutStandardStreams else {
            return CLIProcess(child: try ChildProcess.spawn(binary, arguments))
        }
        let limit = openFileLimit.map { "ulimit -n \($0) && " } ?? ""
        let closing = withoutStandardStreams ? " >&- 2>&-" : ""
        return CLIProcess(child: try ChildProcess.spawn("/bin/sh", ["-c", limit + "exec \"$0\" \"$@\"" + closing, binary] + arguments))
    }

    static func run(_ arguments: [String]) async throws -> Result {
        try await start(arguments).waitForExit()
    }

    /// Waits (off the concurrency pool) for the next line on standard output.
    func firstLine(timeout: TimeInterval = 30) async throws -> String {
        let child = self.child
        return try await onOwnThread {
            let (line, partial) = child.readOutputLine(timeout: .milliseconds(Int64(timeout * 1000)))
            guard let line else { throw CLIProcessError.noOutput(partial) }
            return line
        }
    }

    var processIdentifier: Int32 { child.pid }

    /// Stops reading standard output and error for good, closing this end of both pipes.
    func closeOutputPipes() { child.closeOutputPipes() }

    func stop(signal: Int32) async throws -> Result {
        child.send(signal)
        return try await waitForExit()
    }

    func waitForExit() async throws -> Result {
        let child = self.child
        return await onOwnThread {
            let (status, output, errors) = child.waitForExit()
            return Result(status: status, stdout: output, stderr: errors)
        }
    }
}

enum CLIProcessError: Error {
    case notFound([String])
    case noOutput(String)
}
