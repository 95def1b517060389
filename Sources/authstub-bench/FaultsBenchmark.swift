import AuthStub
import Foundation
import StubHTTP

/// `authstub-bench faults`: what installed faults and glob patterns cost a request (issue 15),
/// against an in-process `AuthStubServer` over loopback. Each figure is set beside a baseline
/// from the same run, and `--check` fails when a ratio passes its (generous) bound:
///
/// - login with 0, 1, 100,000 and `--faults` exact-path faults on other paths: flat;
/// - spending `--spend` `times: 1` faults, one per login: linear (as costly at the end as at the
///   start, and about a plain login each), then a login with them all spent: flat;
/// - a request to a long path with the worst glob fault (`/*` + 4,000 `a` + `b*`, which a
///   backtracking matcher takes path × pattern steps to refuse) beside a short glob;
/// - the same pattern as a journal filter over `--journal` entries with long paths.
enum FaultsBenchmark {
    /// The flags, with the defaults of the figures in Performance.md.
    struct Options {
        var faults = 1_000_000
        var spend = 20_000
        var logins = 2_000
        var journal = 1_000
        var check = false

        static let usage = "usage: authstub-bench faults [--faults N] [--spend N] [--logins N] [--journal N] [--check]"

        /// Reads the flags; nil for an unknown one or a value that is not a positive number.
        init?(_ arguments: [String]) {
            var index = 0
            while index < arguments.count {
                if arguments[index] == "--check" {
                    check = true
                    index += 1
                    continue
                }
                guard index + 1 < arguments.count, let value = Int(arguments[index + 1]), value > 0 else { return nil }
                switch arguments[index] {
                case "--faults": faults = value
                case "--spend": spend = value
                case "--logins": logins = value
                case "--journal": journal = value
                default: return nil
                }
                index += 2
            }
        }
    }

    /// The longest path the benchmark requests: within the request line's 8 KiB.
    static let longPath = "/" + String(repeating: "a", count: 8_000)
    /// The worst glob: it never matches `longPath`, a backtracking matcher tries it at every
    /// offset, and a linear one reads the whole path to refuse it.
    static let worstGlob = "/*" + String(repeating: "a", count: 4_000) + "b*"
    /// A glob as short as they come that also reads the whole path to refuse it.
    static let shortGlob = "/*ab*"

    static func run(_ options: Options) async -> Int32 {
        let server: AuthStubServer
        do {
            server = try AuthStubServer(options: AuthStubServer.Options(host: "127.0.0.1", port: 0))
            try await server.start()
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            return 1
        }
        var bench = Bench(server: server, client: HTTPClient(port: server.port ?? 0), options: options)
        var status: Int32 = 1
        do {
            try await bench.run()
            status = bench.report()
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
        }
        await server.stop()
        return status
    }
}

/// One run of the faults benchmark: its server, its client and the ratios it checks.
private struct Bench {
    let server: AuthStubServer
    let client: HTTPClient
    let options: FaultsBenchmark.Options
    /// The ratios checked with `--check`: what, the ratio, its bound.
    var ratios: [(what: String, ratio: Double, bound: Double)] = []

    static let login = HTTPClientRequest(
        method: "POST",
        target: "/m2m/v1/auth/login",
        headers: ["Content-Type": "application/json", "Accept": "application/json"],
        body: Array(#"{"username":"user","password":"secret"}"#.utf8)
    )

    mutating func run() async throws {
        _ = try await logins(200)  // warm-up
        let base = try await exactPathFaults()
        try await spending(base: base)
        try await globFault()
        try await journalFilter()
    }

    /// Login medians with more and more exact-path faults on other paths; the median with none.
    mutating func exactPathFaults() async throws -> Duration {
        print("login with exact-path faults on other paths (\(options.logins) logins each):")
        var installed = 0
        var base = Duration.zero
        let rssBefore = ServerProbe(pid: getpid()).rssKiB() ?? 0
        for level in Set([0, 1, min(100_000, options.faults), options.faults]).sorted() {
            let clock = ContinuousClock()
            let began = clock.now
            let added = level - installed
            while installed < level {
                try await server.addFault(.status(500), match: FaultMatch(path: "/elsewhere/\(installed)"))
                installed += 1
            }
            let adding = clock.now - began
            let timings = try await logins(options.logins)
            if level == 0 { base = timings.at(0.5) }
            print(
                "  \(Self.grouped(level)) fault\(level == 1 ? "" : "s"): \(Self.describe(timings))"
                    + (added > 1 ? String(format: "; added at %.1f µs a fault", Timings.microseconds(adding) / Double(added)) : "")
            )
            ratio("login median, \(Self.grouped(level)) fault\(level == 1 ? "" : "s") / none", timings.at(0.5), base, bound: 3)
        }
        let grown = (ServerProbe(pid: getpid()).rssKiB() ?? 0) - rssBefore
        if installed >= 10_000 {
            print("  resident memory: +\(grown / 1024) MiB for \(Self.grouped(installed)) live faults, about \(grown * 1024 / installed) bytes each")
        }
        try await server.clearFaults()
        return base
    }

    /// Spends `times: 1` faults, one per login, then times a login with them all spent.
    mutating func spending(base: Duration) async throws {
        let count = options.spend
        for _ in 0..<count { try await server.addFault(.status(503), match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1) }
        let clock = ContinuousClock()
        var each: [Duration] = []
        each.reserveCapacity(count)
        for _ in 0..<count {
            let began = clock.now
            let response = try client.send(Self.login)
            each.append(clock.now - began)
            guard response.status == 503 else { throw BenchError("a login answered \(response.status) while faults were left to spend") }
        }
        let tenth = max(1, count / 10)
        let first = Timings(Array(each.prefix(tenth))).at(0.5)
        let last = Timings(Array(each.suffix(tenth))).at(0.5)
        let all = Timings(each)
        let total = each.reduce(Duration.zero, +)
        print(
            "spending \(Self.grouped(count)) times-1 faults, one per login: \(String(format: "%.0f ms", Timings.microseconds(total) / 1000)); "
                + "\(Self.describe(all)) a login"
                + String(
                    format: " (median of the first tenth %.1f µs, of the last tenth %.1f µs)",
                    Timings.microseconds(first),
                    Timings.microseconds(last)
                )
        )
        ratio("spending: last tenth / first tenth", last, first, bound: 3)
        ratio("spending: first tenth / last tenth", first, last, bound: 3)
        ratio("spending: login median / plain login median", all.at(0.5), base, bound: 3)
        let timings = try await logins(options.logins)
        print("login with \(Self.grouped(count)) faults spent: \(Self.describe(timings))")
        ratio("login median, \(Self.grouped(count)) spent / none", timings.at(0.5), base, bound: 3)
        try await server.clearFaults()
    }

    /// A request to a long path with no fault, with the short glob fault, with the worst one.
    mutating func globFault() async throws {
        let request = HTTPClientRequest(method: "GET", target: FaultsBenchmark.longPath)
        var medians: [Duration] = []
        for glob in [nil, FaultsBenchmark.shortGlob, FaultsBenchmark.worstGlob] {
            try await server.clearFaults()
            if let glob { try await server.addFault(.status(500), match: FaultMatch(path: glob)) }
            _ = try requests(20, request)
            let timings = try requests(200, request)
            medians.append(timings.at(0.5))
            print("GET of an 8,000-byte path with \(glob.map { "a glob fault of \($0.utf8.count) bytes" } ?? "no fault"): \(Self.describe(timings))")
        }
        try await server.clearFaults()
        ratio("glob fault, worst / short", medians[2], medians[1], bound: 3)
    }

    /// The worst glob as a journal filter over entries with long paths, beside the short glob.
    mutating func journalFilter() async throws {
        try await server.clearRequests()
        _ = try requests(options.journal, HTTPClientRequest(method: "GET", target: FaultsBenchmark.longPath))
        var medians: [Duration] = []
        for glob in [FaultsBenchmark.shortGlob, FaultsBenchmark.worstGlob] {
            let clock = ContinuousClock()
            var samples: [Duration] = []
            for _ in 0..<3 {
                let began = clock.now
                let found = try await server.requests(JournalFilter(path: glob))
                samples.append(clock.now - began)
                guard found.isEmpty else { throw BenchError("the filter \(glob.prefix(8))… matched \(found.count) entries") }
            }
            let timings = Timings(samples)
            medians.append(timings.at(0.5))
            print(
                "journal filter of \(glob.utf8.count) bytes over \(Self.grouped(options.journal)) entries with 8,000-byte paths: "
                    + String(format: "median %.2f ms of 3", Timings.microseconds(timings.at(0.5)) / 1000)
            )
        }
        ratio("journal filter, worst / short", medians[1], medians[0], bound: 10)
    }

    /// Times `count` logins, one at a time, from an empty journal (a full one costs each request
    /// the entry it drops, whatever the faults).
    func logins(_ count: Int) async throws -> Timings {
        try await server.clearRequests()
        return try requests(count, Self.login)
    }

    /// Times `count` sends of `request`, one at a time.
    func requests(_ count: Int, _ request: HTTPClientRequest) throws -> Timings {
        let clock = ContinuousClock()
        var samples: [Duration] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let began = clock.now
            _ = try client.send(request)
            samples.append(clock.now - began)
        }
        return Timings(samples)
    }

    mutating func ratio(_ what: String, _ measured: Duration, _ baseline: Duration, bound: Double) {
        ratios.append((what, Timings.microseconds(measured) / max(0.001, Timings.microseconds(baseline)), bound))
    }

    /// Prints the ratios; with `--check`, 1 when one passes its bound.
    func report() -> Int32 {
        print("ratios (bound):")
        var broken = 0
        for (what, ratio, bound) in ratios {
            let over = ratio > bound
            if over { broken += 1 }
            print(String(format: "  %@: %.2f (≤ %.0f)%@", what, ratio, bound, over ? "  OVER" : ""))
        }
        guard options.check else { return 0 }
        print(broken == 0 ? "check: every ratio within its bound" : "check: \(broken) ratio(s) over their bound")
        return broken == 0 ? 0 : 1
    }

    static func describe(_ timings: Timings) -> String {
        String(format: "median %.1f µs, p99 %.1f µs", Timings.microseconds(timings.at(0.5)), Timings.microseconds(timings.at(0.99)))
    }

    /// 100000 as `100,000`.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        return digits.enumerated().map { index, digit in (index > 0 && (digits.count - index) % 3 == 0 ? "," : "") + String(digit) }.joined()
    }
}
