import AuthStub
import Foundation
import StubHTTP

/// `authstub-bench tokens`: the token store's figures, measured through the engine in process
/// (`AuthStubServer`'s own calls, without a socket). A server with the limits raised to
/// `--tokens` takes 10,000 `usertoken` logins (no idle timeout, one user), then grows to
/// `--tokens` live tokens: of every `--login-every` new tokens one comes from a login
/// (`respond(to:)`: routing, credentials, the store, the journal, the JSON answer) and the rest
/// from the control API's mint (`mintToken`: the store's issue under the engine's lock), each
/// timed. Reports the resident memory at 10,000 and at `--tokens` live tokens (and the bytes a
/// token in between) and the percentiles of each kind of call, in the calling thread's CPU
/// time (what the call itself costs: a shared machine's other work, which only delays it, is
/// left out; the wall-clock figures are printed beside them); fails (exit 1) past the bounds
/// given.
enum TokenStoreBenchmark {
    /// What the command line asks for.
    struct Options {
        var tokens = 1_000_000
        /// One new token in this many comes from a login (1: all of them).
        var loginEvery = 100
        var maxRSSMiB: Double?
        var maxBytesPerToken: Double?
        /// The most login p99.9 (CPU time) while growing may be, as a multiple of p99.9 over
        /// the first 10,000 logins.
        var maxP999Ratio: Double?

        static let usage = """
            usage: authstub-bench tokens [--tokens N] [--login-every K] [--max-rss-mib M] [--max-bytes-per-token B]
                                         [--max-p999-ratio R]
            """

        init?(_ arguments: [String]) {
            var rest = arguments[...]
            while let flag = rest.popFirst() {
                guard let text = rest.popFirst(), let value = Double(text), value >= 1, value <= 1e9 else { return nil }
                switch flag {
                case "--tokens": tokens = Int(value)
                case "--login-every": loginEvery = Int(value)
                case "--max-rss-mib": maxRSSMiB = value
                case "--max-bytes-per-token": maxBytesPerToken = value
                case "--max-p999-ratio": maxP999Ratio = value
                default: return nil
                }
            }
            guard tokens > Self.early else { return nil }
        }

        /// The logins the early figures cover.
        static let early = 10_000
    }

    /// Login latencies in microsecond buckets: fixed memory whatever the count, so it does not
    /// weigh on the resident-memory figure.
    struct Histogram {
        /// Up to 100 ms, the last bucket holding everything slower.
        private var buckets = [Int](repeating: 0, count: 100_001)
        private(set) var count = 0

        mutating func add(_ duration: Duration) {
            let microseconds = Int(duration.components.seconds) * 1_000_000 + Int(duration.components.attoseconds / 1_000_000_000_000)
            buckets[min(max(microseconds, 0), buckets.count - 1)] += 1
            count += 1
        }

        /// The latency `fraction` of logins stayed within, in microseconds.
        func percentile(_ fraction: Double) -> Int {
            let wanted = Int((Double(count) * fraction).rounded(.up))
            var seen = 0
            for (microseconds, number) in buckets.enumerated() {
                seen += number
                if seen >= wanted { return microseconds }
            }
            return buckets.count - 1
        }

        var summary: String {
            "p50 \(percentile(0.5)) µs, p99 \(percentile(0.99)) µs, p99.9 \(percentile(0.999)) µs, max \(percentile(1)) µs"
        }
    }

    /// Calls timed in the thread's CPU time and on the wall clock.
    struct Timings {
        /// When a call began, on both clocks.
        struct Instant {
            let cpu = CPUTime.thread()
            let wall = ContinuousClock.now
        }

        var cpu = Histogram()
        var wall = Histogram()

        mutating func add(since began: Instant) {
            cpu.add(CPUTime.thread() - began.cpu)
            wall.add(ContinuousClock.now - began.wall)
        }

        var summary: String { "CPU \(cpu.summary); wall \(wall.summary)" }
    }

    static func run(_ options: Options) async -> Int32 {
        let probe = ServerProbe(pid: getpid())
        do {
            let server = try server(limit: options.tokens)
            var early = Timings()
            var growingLogins = Timings()
            var mints = Timings()
            let startRSS = probe.rssKiB() ?? 0
            try logins(Options.early, on: server, into: &early)
            let earlyRSS = probe.rssKiB() ?? 0
            for issued in Options.early..<options.tokens {
                if issued % options.loginEvery == 0 {
                    try logins(1, on: server, into: &growingLogins)
                } else {
                    let began = Timings.Instant()
                    _ = try await server.mintToken(service: "usertoken", user: "user")
                    mints.add(since: began)
                }
            }
            let finalRSS = probe.rssKiB() ?? 0
            let status = try await server.status().tokenCounts
            let bytesPerToken = Double(finalRSS - earlyRSS) * 1024 / Double(options.tokens - Options.early)
            let rssMiB = Double(finalRSS) / 1024
            print("token store, through the engine in process (usertoken, one user, limits raised to \(options.tokens))")
            print("  live tokens: \(status.live), ended: \(status.ended), evicted: \(status.evicted)")
            print(
                String(
                    format: "  RSS: %.1f MiB at the start, %.1f MiB at %d live tokens, %.1f MiB at %d: %.0f bytes a token",
                    Double(startRSS) / 1024,
                    Double(earlyRSS) / 1024,
                    Options.early,
                    rssMiB,
                    options.tokens,
                    bytesPerToken
                )
            )
            print("  logins 0 → \(Options.early): \(early.summary)")
            print("  logins while growing \(Options.early) → \(options.tokens) (\(growingLogins.cpu.count)): \(growingLogins.summary)")
            if mints.cpu.count > 0 { print("  mints while growing (\(mints.cpu.count)): \(mints.summary)") }
            var failures: [String] = []
            if status.live != options.tokens { failures.append("\(status.live) live tokens, not \(options.tokens)") }
            if let bound = options.maxRSSMiB, rssMiB > bound { failures.append(String(format: "RSS %.1f MiB over %.0f MiB", rssMiB, bound)) }
            if let bound = options.maxBytesPerToken, bytesPerToken > bound {
                failures.append(String(format: "%.0f bytes a token over %.0f", bytesPerToken, bound))
            }
            let growing = growingLogins.cpu.percentile(0.999)
            let atStart = max(early.cpu.percentile(0.999), 1)
            if let ratio = options.maxP999Ratio, Double(growing) > ratio * Double(atStart) {
                failures.append("login p99.9 (CPU) while growing, \(growing) µs, is over \(ratio) × the first \(Options.early)'s \(atStart) µs")
            }
            for failure in failures { FileHandle.standardError.write(Data("FAIL: \(failure)\n".utf8)) }
            return failures.isEmpty ? 0 : 1
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            return 1
        }
    }

    private static func server(limit: Int) throws -> AuthStubServer {
        var options = AuthStubServer.Options()
        options.tokenLimit = limit
        options.tokenLimitPerUser = limit
        options.seed = 1
        return try AuthStubServer(options: options)
    }

    static let login = HTTPRequest(
        method: "POST",
        path: "/auth/login",
        headers: HTTPHeaders([("Authorization", "Basic dXNlcjpzZWNyZXQ="), ("Accept", "application/json")])
    )

    /// `count` logins, each timed into `timings`; throws at the first that is not a 200.
    private static func logins(_ count: Int, on server: AuthStubServer, into timings: inout Timings) throws {
        for _ in 0..<count {
            let began = Timings.Instant()
            let action = server.respond(to: login)
            timings.add(since: began)
            guard case .respond(let response) = action, response.status == 200 else { throw LoginRefused(action: action) }
        }
    }

    /// A login that did not get a 200.
    struct LoginRefused: Error {
        let action: HTTPAction
    }
}
