import AuthStub
import Foundation
import StubHTTP

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// In-process start → first response → stop, as a test suite would do it for every test: the
/// HTTP layer alone, `AuthStubServer` over its socket, and `AuthStubServer` through the
/// socket-free transport (never started; the first response comes through a new session on
/// `inProcessConfiguration`, as most test suites use it).
enum StartupBenchmark {
    /// Measures each of the three `runs` times and prints the figures; exits 1 on an error.
    static func run(runs: Int) async {
        let options: AuthStubServer.Options
        do {
            options = AuthStubServer.Options(fixtures: [.bundled, .directory(try EngineServer.healthFixtures())])
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            exit(1)
        }
        await measure("HTTP layer", runs: runs) {
            let server = HTTPServer { LoginServer.handle($0) }
            try await server.start()
            try askHealth(port: server.port ?? 0)
            return { await server.stop() }
        }
        await measure("AuthStubServer (loads the bundled fixtures)", runs: runs) {
            let server = try AuthStubServer(options: options)
            try await server.start()
            try askHealth(port: server.port ?? 0)
            return { await server.stop() }
        }
        await measure("AuthStubServer, socket-free (not started; the first response through inProcessConfiguration)", runs: runs) {
            let server = try AuthStubServer(options: options)
            let session = server.makeInProcessSession()
            let (_, response) = try await session.data(from: server.baseURL.appendingPathComponent("health"))
            let status = (response as? HTTPURLResponse)?.statusCode
            guard status == 200 else { throw BenchError("GET /health through the socket-free transport answered \(status ?? 0), not 200") }
            return {
                session.invalidateAndCancel()
                await server.stop()
            }
        }
    }

    /// `GET /health` on `port` over a socket; throws unless it answers 200.
    private static func askHealth(port: Int) throws {
        let client = HTTPClient(port: port)
        defer { client.close() }
        let response = try client.send(HTTPClientRequest(method: "GET", target: "/health"))
        guard response.status == 200 else { throw BenchError("GET /health answered \(response.status), not 200") }
    }

    /// Times `startAndAsk` (a start and its first response, giving back how to stop), then
    /// times the stop it gave, `runs` times.
    private static func measure(_ name: String, runs: Int, startAndAsk: () async throws -> () async -> Void) async {
        var startToResponse: [Duration] = []
        var stops: [Duration] = []
        let clock = ContinuousClock()
        for _ in 0..<max(1, runs) {
            let began = clock.now
            let stop: () async -> Void
            do {
                stop = try await startAndAsk()
                startToResponse.append(clock.now - began)
            } catch {
                FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
                exit(1)
            }
            let stopping = clock.now
            await stop()
            stops.append(clock.now - stopping)
        }
        print(name)
        report("  start → first response", startToResponse)
        report("  stop", stops)
    }

    /// One line: the median, p90 and maximum of `samples`, in milliseconds.
    private static func report(_ name: String, _ samples: [Duration]) {
        let timings = Timings(samples)
        func at(_ fraction: Double) -> String { String(format: "%.3f ms", Timings.microseconds(timings.at(fraction)) / 1000) }
        print("\(name): median \(at(0.5)), p90 \(at(0.9)), max \(at(1.0)) over \(timings.count) runs")
    }
}
