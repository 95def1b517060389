import AuthStub
import Foundation
import StubHTTP

/// `authstub-bench ratelimits`: what rate limits cost a login (issue 20), through the engine in
/// process (`respond(to:)`). One service, served three times with other limits: none; one
/// per route (one key); one per user, which every login meets with a new username (a wrong one,
/// so each login is a 401 in all three). The per-user server fills its 10,000 keys with the
/// first logins, then every later one makes room at the cap. Prints each series' percentiles
/// in the thread's CPU time and on the wall clock; `--max-ratio R` fails (exit 1) when a
/// limited series' median CPU time passes R × the unlimited one's.
enum RateLimitBenchmark {
    /// What the command line asks for.
    struct Options {
        /// Logins per series; the per-user server's first 10,000 fill its keys.
        var logins = 30_000
        var maxRatio: Double?

        static let usage = "usage: authstub-bench ratelimits [--logins N] [--max-ratio R]"

        init?(_ arguments: [String]) {
            var rest = arguments[...]
            while let flag = rest.popFirst() {
                guard let text = rest.popFirst(), let value = Double(text), value >= 1, value <= 1e9 else { return nil }
                switch flag {
                case "--logins": logins = Int(value)
                case "--max-ratio": maxRatio = value
                default: return nil
                }
            }
            guard logins > Self.keys else { return nil }
        }

        /// The keys a service's counters hold.
        static let keys = 10_000
    }

    static func run(_ options: Options) async -> Int32 {
        do {
            let none = try await series("no limit", limits: "[]", logins: options.logins)
            let route = try await series(
                "a limit per route",
                limits: #"[{"name": "per-route", "requests": 1000000, "window": "1h"}]"#,
                logins: options.logins
            )
            let user = try await series(
                "a limit per user, a new user each login",
                limits: #"[{"name": "per-user", "requests": 1000000, "window": "1h", "per": "user"}]"#,
                logins: options.logins
            )
            let base = Double(max(none.cpu.percentile(0.5), 1))
            var failures: [String] = []
            for (what, timings) in [("per route", route), ("per user", user)] {
                let ratio = Double(timings.cpu.percentile(0.5)) / base
                print(String(format: "  median CPU, %@ / no limit: %.2f", what, ratio))
                if let bound = options.maxRatio, ratio > bound { failures.append(String(format: "%@: %.2f over %.2f", what, ratio, bound)) }
            }
            for failure in failures { FileHandle.standardError.write(Data("FAIL: \(failure)\n".utf8)) }
            return failures.isEmpty ? 0 : 1
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            return 1
        }
    }

    /// Serves the service with `limits`, times `logins` logins of new users and prints them.
    private static func series(_ what: String, limits: String, logins: Int) async throws -> TokenStoreBenchmark.Timings {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(service(limits: limits).utf8).write(to: folder.appendingPathComponent("service.json"))
        try Data(Self.login.utf8).write(to: folder.appendingPathComponent("login.json"))
        var options = AuthStubServer.Options(fixtures: [.directory(folder)])
        options.seed = 1
        let server = try AuthStubServer(options: options)
        var filling = TokenStoreBenchmark.Timings()
        var timings = TokenStoreBenchmark.Timings()
        for number in 0..<logins {
            let request = HTTPRequest(
                method: "POST",
                path: "/login",
                headers: HTTPHeaders([("Content-Type", "application/json")]),
                body: Array(#"{"username": "user\#(number)", "password": "wrong"}"#.utf8)
            )
            let began = TokenStoreBenchmark.Timings.Instant()
            let action = server.respond(to: request)
            if number < Options.keys { filling.add(since: began) } else { timings.add(since: began) }
            guard case .respond(let response) = action, response.status == 401 else { throw TokenStoreBenchmark.LoginRefused(action: action) }
        }
        print("\(what):")
        print("  the first \(Options.keys) logins: \(filling.summary)")
        print("  the next \(logins - Options.keys): \(timings.summary)")
        return timings
    }

    private static func service(limits: String) -> String {
        """
        { "kind": "service", "name": "bench", "credentials": { "scheme": "jsonBody" }, "token": { "scheme": "bearer" },
          "users": [ { "username": "ada", "password": "lovelace" } ],
          "errors": { "mediaType": "application/json", "body": { "error": "{{message}}" } },
          "rateLimits": \(limits) }
        """
    }

    private static let login = """
        { "kind": "endpoint", "name": "login", "method": "POST", "path": "/login", "role": "login",
          "responses": [ { "name": "ok", "when": "success", "status": 200, "body": { "token": "{{token}}" } } ] }
        """
}
