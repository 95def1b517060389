import Foundation
import StubHTTP

/// In-process start → first response → stop, as a test suite would do it for every test.
enum StartupBenchmark {
    static func run(runs: Int) async {
        var startToResponse: [Duration] = []
        var stops: [Duration] = []
        let clock = ContinuousClock()
        for _ in 0..<max(1, runs) {
            let server = HTTPServer { LoginServer.handle($0) }
            let began = clock.now
            do {
                try await server.start()
                let client = try ClientSocket(port: server.port ?? 0)
                try client.send("GET /health HTTP/1.1\r\nHost: bench\r\n\r\n")
                _ = try client.receive()
                startToResponse.append(clock.now - began)
                client.close()
            } catch {
                FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
                exit(1)
            }
            let stopping = clock.now
            await server.stop()
            stops.append(clock.now - stopping)
        }
        report("start → first response", startToResponse)
        report("stop", stops)
    }

    private static func report(_ name: String, _ samples: [Duration]) {
        let sorted = samples.sorted()
        func at(_ fraction: Double) -> String {
            let index = min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))
            let micros = sorted[index].components.seconds * 1_000_000 + sorted[index].components.attoseconds / 1_000_000_000_000
            return String(format: "%.3f ms", Double(micros) / 1000)
        }
        print("\(name): median \(at(0.5)), p90 \(at(0.9)), max \(at(1.0)) over \(sorted.count) runs")
    }
}
