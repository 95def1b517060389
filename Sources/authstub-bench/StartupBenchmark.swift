import AuthStub
import Foundation
import StubHTTP

/// In-process start → first response → stop, as a test suite would do it for every test.
enum StartupBenchmark {
    static func run(runs: Int) async {
        let healthFixtures: URL
        do {
            healthFixtures = try EngineServer.healthFixtures()
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            exit(1)
        }
        await measure("HTTP layer", runs: runs) {
            let server = HTTPServer { LoginServer.handle($0) }
            try await server.start()
            return (server.port ?? 0, { await server.stop() })
        }
        await measure("AuthStubServer (loads the bundled fixtures)", runs: runs) {
            let server = try AuthStubServer(options: AuthStubServer.Options(fixtures: [.bundled, .directory(healthFixtures)]))
            try await server.start()
            return (server.port ?? 0, { await server.stop() })
        }
    }

    /// Starts with `start`, times until `GET /health` answers, then times the stop.
    private static func measure(_ name: String, runs: Int, start: () async throws -> (Int, () async -> Void)) async {
        var startToResponse: [Duration] = []
        var stops: [Duration] = []
        let clock = ContinuousClock()
        for _ in 0..<max(1, runs) {
            let began = clock.now
            let stop: () async -> Void
            do {
                let (port, stopper) = try await start()
                stop = stopper
                let client = HTTPClient(port: port)
                _ = try client.send(HTTPClientRequest(method: "GET", target: "/health"))
                startToResponse.append(clock.now - began)
                client.close()
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

    private static func report(_ name: String, _ samples: [Duration]) {
        let timings = Timings(samples)
        func at(_ fraction: Double) -> String { String(format: "%.3f ms", Timings.microseconds(timings.at(fraction)) / 1000) }
        print("\(name): median \(at(0.5)), p90 \(at(0.9)), max \(at(1.0)) over \(timings.count) runs")
    }
}
