import Foundation
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

    @Test("serve prints its URL, answers the status route, and stops cleanly on SIGTERM and SIGINT",
          arguments: [SIGTERM, SIGINT])
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
        #expect(result.stdout.contains("Stopped"))
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

/// Runs the `authstub` binary that `swift test` built next to the test bundle.
final class CLIProcess: @unchecked Sendable {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    private let process = Process()
    private let output = Pipe()
    private let errors = Pipe()

    static var executable: URL {
        get throws {
            let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            let candidates = [
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

    /// Starts `authstub` with `arguments`; with `openFileLimit`, under `ulimit -n` of that.
    static func start(_ arguments: [String], openFileLimit: Int? = nil) throws -> CLIProcess {
        let cli = CLIProcess()
        if let openFileLimit {
            cli.process.executableURL = URL(fileURLWithPath: "/bin/sh")
            cli.process.arguments = ["-c", "ulimit -n \(openFileLimit) && exec \"$0\" \"$@\"", try executable.path] + arguments
        } else {
            cli.process.executableURL = try executable
            cli.process.arguments = arguments
        }
        cli.process.standardOutput = cli.output
        cli.process.standardError = cli.errors
        try cli.process.run()
        return cli
    }

    static func run(_ arguments: [String]) async throws -> Result {
        try await start(arguments).waitForExit()
    }

    /// Waits (off the concurrency pool) for the first line on standard output.
    func firstLine(timeout: TimeInterval = 30) async throws -> String {
        let handle = output.fileHandleForReading
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                let deadline = Date().addingTimeInterval(timeout)
                while Date() < deadline {
                    let chunk = handle.readData(ofLength: 1)
                    if chunk.isEmpty { break }
                    if chunk.first == 0x0A {
                        continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
                        return
                    }
                    bytes += chunk
                }
                continuation.resume(throwing: CLIProcessError.noOutput(String(decoding: bytes, as: UTF8.self)))
            }
        }
    }

    var processIdentifier: Int32 { process.processIdentifier }

    func stop(signal: Int32) async throws -> Result {
        kill(process.processIdentifier, signal)
        return try await waitForExit()
    }

    func waitForExit() async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let stdout = self.output.fileHandleForReading.readDataToEndOfFile()
                let stderr = self.errors.fileHandleForReading.readDataToEndOfFile()
                self.process.waitUntilExit()
                continuation.resume(returning: Result(
                    status: self.process.terminationStatus,
                    stdout: String(decoding: stdout, as: UTF8.self),
                    stderr: String(decoding: stderr, as: UTF8.self)))
            }
        }
    }
}

enum CLIProcessError: Error {
    case notFound([String])
    case noOutput(String)
}
