// The benchmark companion of AuthStub (not a test): measures in-process start → first
// response → stop, serves the routes ../shared/bench/compare.sh drives, and soaks a server.
//
//   authstub-bench startup [--runs N]     in-process start, first response, stop (median, p90, max),
//                                         for the HTTP layer alone and for the whole AuthStubServer,
//                                         over its socket and through the socket-free transport
//   authstub-bench inprocess [--pairs N]  wice login/logout pairs through the socket-free URLSession and
//                                         a URLSession over a started server's socket: wall clock and
//                                         process CPU a pair (see InProcessBenchmark)
//   authstub-bench engine --port P        the real AuthStubServer (bundled fixtures) plus GET /health
//   authstub-bench serve --port P         the HTTP layer alone with a hand-written login handler
//   authstub-bench tokens [--tokens N]     the token store's memory and login latency from 0 to N live
//                                         tokens, through the engine in process; fails past the bounds given
//   authstub-bench soak --url U --pid P   login/logout pairs with faults and clock moves against a
//                                         running `authstub serve`; fails when its RSS or descriptors grow
//   authstub-bench journal --url U --pid P
//                                         issue 15's journal probes against a fresh `authstub serve`:
//                                         memory under 1 MiB POSTs, logins while the worst filter runs,
//                                         a dashboard poll with many tokens (see JournalBenchmark)
//   authstub-bench faults [--check]       what installed, spent and glob faults and glob journal filters
//                                         cost a request, as ratios to a baseline (see FaultsBenchmark)
//   authstub-bench jws [--keys FILE]      the cost of reading, signing and verifying with each key of a
//                                         JWK Set (default: the oauth2 service's RS256 and HS256 keys)
//   authstub-bench record [--exchanges N] turning a full recording (10,000 exchanges) into fixtures
//                                         (see RecordingBenchmark)
//   authstub-bench ratelimits [--logins N] what rate limits cost a login, through the engine in process,
//                                         at and past the 10,000 keys a service counts (see RateLimitBenchmark)
//   authstub-bench requests [--handler product|layer] [--count N] [--pairs]
//                                         the request path without a socket, for callgrind's instruction
//                                         counts (see RequestPathBenchmark)

import Foundation
import StubHTTP

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String, default fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), arguments.indices.contains(index + 1),
        let value = Int(arguments[index + 1])
    else { return fallback }
    return value
}

/// Keeps `server` serving until the process is ended. SIGTERM (how compare.sh stops a server)
/// and SIGINT keep their default action: a benchmark server needs no clean stop.
func serveUntilTerminated(_ server: AnyObject) async -> Never {
    while true {
        try? await Task.sleep(for: .seconds(3600))
        withExtendedLifetime(server) {}
    }
}

switch arguments.first {
case "startup":
    await StartupBenchmark.run(runs: option("--runs", default: 200))
case "inprocess":
    guard let options = InProcessBenchmark.Options(Array(arguments.dropFirst())) else {
        FileHandle.standardError.write(Data((InProcessBenchmark.Options.usage + "\n").utf8))
        exit(64)
    }
    exit(await InProcessBenchmark.run(options))
case "engine":
    let port = option("--port", default: Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8080)
    await EngineServer.serve(port: port)
case "serve":
    let port = option("--port", default: Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8080)
    await LoginServer.serve(port: port)
case "soak":
    guard let options = SoakOptions(Array(arguments.dropFirst())) else {
        FileHandle.standardError.write(Data((SoakOptions.usage + "\n").utf8))
        exit(64)
    }
    exit(await Soak.run(options))
case "journal":
    exit(JournalBenchmark.run(Array(arguments.dropFirst())))
case "faults":
    guard let options = FaultsBenchmark.Options(Array(arguments.dropFirst())) else {
        FileHandle.standardError.write(Data((FaultsBenchmark.Options.usage + "\n").utf8))
        exit(64)
    }
    exit(await FaultsBenchmark.run(options))
case "jws":
    guard let options = JWSBenchmark.Options(Array(arguments.dropFirst())) else {
        FileHandle.standardError.write(Data((JWSBenchmark.Options.usage + "\n").utf8))
        exit(64)
    }
    exit(JWSBenchmark.run(options))
case "record":
    guard let options = RecordingBenchmark.Options(Array(arguments.dropFirst())) else {
        FileHandle.standardError.write(Data((RecordingBenchmark.Options.usage + "\n").utf8))
        exit(64)
    }
    exit(RecordingBenchmark.run(options))
case "tokens":
    guard let options = TokenStoreBenchmark.Options(Array(arguments.dropFirst())) else {
        FileHandle.standardError.write(Data((TokenStoreBenchmark.Options.usage + "\n").utf8))
        exit(64)
    }
    exit(await TokenStoreBenchmark.run(options))
case "ratelimits":
    guard let options = RateLimitBenchmark.Options(Array(arguments.dropFirst())) else {
        FileHandle.standardError.write(Data((RateLimitBenchmark.Options.usage + "\n").utf8))
        exit(64)
    }
    exit(await RateLimitBenchmark.run(options))
case "requests":
    guard let options = RequestPathBenchmark.Options(Array(arguments.dropFirst())) else {
        FileHandle.standardError.write(Data((RequestPathBenchmark.Options.usage + "\n").utf8))
        exit(64)
    }
    exit(RequestPathBenchmark.run(options))
default:
    FileHandle.standardError.write(
        Data(
            "usage: authstub-bench startup [--runs N] | inprocess [--pairs N] | engine --port P | serve --port P | soak ... | journal ... | faults ... | tokens ... | jws ... | record ... | ratelimits ... | requests ...\n"
                .utf8
        )
    )
    exit(64)
}
