// The benchmark companion of AuthStub (not a test): measures in-process start → first
// response → stop, and serves the routes ../shared/bench/compare.sh drives.
//
//   authstub-bench startup [--runs N]     in-process start, first response, stop (median, p90, max),
//                                         for the HTTP layer alone and for the whole AuthStubServer
//   authstub-bench engine --port P        the real AuthStubServer (bundled fixtures) plus GET /health
//   authstub-bench serve --port P         the HTTP layer alone with a hand-written login handler

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
case "engine":
    let port = option("--port", default: Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8080)
    await EngineServer.serve(port: port)
case "serve":
    let port = option("--port", default: Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8080)
    await LoginServer.serve(port: port)
default:
    FileHandle.standardError.write(Data("usage: authstub-bench startup [--runs N] | engine --port P | serve --port P\n".utf8))
    exit(64)
}
