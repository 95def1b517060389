// The benchmark companion of AuthStub (not a test): measures in-process start → first
// response → stop, and serves the routes ../shared/bench/compare.sh drives.
//
//   authstub-bench startup [--runs N]     in-process start, first response, stop (median, p90, max)
//   authstub-bench serve --port P         GET /health and POST /m2m/v1/auth/login for compare.sh

import Foundation
import StubHTTP

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String, default fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), arguments.indices.contains(index + 1),
          let value = Int(arguments[index + 1]) else { return fallback }
    return value
}

switch arguments.first {
case "startup":
    await StartupBenchmark.run(runs: option("--runs", default: 200))
case "serve":
    let port = option("--port", default: Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8080)
    await LoginServer.serve(port: port)
default:
    FileHandle.standardError.write(Data("usage: authstub-bench startup [--runs N] | serve --port P\n".utf8))
    exit(64)
}
