import Foundation
import Testing

/// A running `authstub serve --port 0` and the port it printed, with its default request log
/// on a stdout pipe that nobody reads after the first line: as many harnesses run it, and a
/// long hostile run fills that pipe many times over.
struct ServingCLI: Sendable {
    let process: CLIProcess
    let port: Int

    /// The server the `.servingCLI` trait started for the running suite.
    @TaskLocal static var current: ServingCLI?

    /// Starts the CLI and waits for its `listening on` line.
    static func start() async throws -> ServingCLI {
        let process = try CLIProcess.start(["serve", "--port", "0"])
        let line = try await process.firstLine()
        let port = try #require(line.split(separator: ":").last.flatMap { Int($0) }, "\(line)")
        return ServingCLI(process: process, port: port)
    }

    /// Stops it with SIGTERM. A server that died earlier (of SIGPIPE, say) reports 128 + the
    /// signal instead of exit status 0.
    func stop() async throws -> CLIProcess.Result {
        try await process.stop(signal: SIGTERM)
    }

    /// How many descriptors the server process holds, from `/proc/PID/fd` (nil elsewhere).
    func openDescriptorCount() -> Int? {
        try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/fd").count
    }
}

/// One real CLI process for a whole suite, reachable as `ServingCLI.current` in its tests.
/// It is stopped when the suite ends, and must then exit 0: it did not die along the way.
struct ServingCLITrait: SuiteTrait, TestScoping {
    func scopeProvider(for test: Test, testCase: Test.Case?) -> ServingCLITrait? {
        test.isSuite ? self : nil
    }

    func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try await ServingCLI.start()
        do {
            try await ServingCLI.$current.withValue(server) { try await function() }
        } catch {
            _ = try? await server.stop()
            throw error
        }
        let result = try await server.stop()
        #expect(result.status == 0, "the server did not exit cleanly: \(result.stderr)")
    }
}

extension Trait where Self == ServingCLITrait {
    /// Starts one `authstub serve` for the suite and stops it afterwards.
    static var servingCLI: ServingCLITrait { ServingCLITrait() }
}
