import AuthStub
import Foundation

/// Turns arguments and environment into a `Command`. A pure function: no I/O, easy to test.
enum CommandLineParser {
    /// Parses `arguments` (without the program name). `PORT` and `AUTHSTUB_*` variables stand
    /// in for flags that are not given.
    static func parse(_ arguments: [String], environment: [String: String] = [:]) throws(UsageError) -> Command {
        var rest = arguments[...]
        if rest.contains("--help") || rest.contains("-h") || rest.first == "help" { return .help }
        if rest.contains("--version") { return .version }
        switch rest.first {
        case "serve":
            rest = rest.dropFirst()
        case "validate":
            let folders = Array(rest.dropFirst())
            if let flag = folders.first(where: { $0.hasPrefix("-") }) {
                throw UsageError(message: "unknown option '\(flag)' for validate (see 'authstub --help')")
            }
            return .validate(folders)
        case "verify":
            return .verify(try parseVerify(rest.dropFirst(), environment: environment))
        case "record":
            return .record(try parseRecord(rest.dropFirst(), environment: environment))
        case "openapi":
            return try parseOpenAPI(rest.dropFirst())
        case "schema":
            if let extra = rest.dropFirst().first { throw UsageError(message: "schema takes no arguments, not '\(extra)' (see 'authstub --help')") }
            return .schema
        case let first? where !first.hasPrefix("-"):
            throw UsageError(message: "unknown command '\(first)' (see 'authstub --help')")
        default:
            break
        }
        return .serve(try parseServe(rest, environment: environment))
    }

    /// A command's own flag among `serve`'s: given the flag and a way to take its value, true
    /// when it was the command's (`record` passes its own this way).
    typealias ExtraFlag = (_ flag: String, _ value: () throws(UsageError) -> String) throws(UsageError) -> Bool

    /// `serve`'s flags; `extraFlag` sees each flag first and takes those of a command built on
    /// `serve` (`record`).
    static func parseServe(
        _ arguments: ArraySlice<String>,
        environment: [String: String],
        extraFlag: ExtraFlag = { _, _ in false }
    ) throws(UsageError) -> ServeOptions {
        var options = try environmentDefaults(environment)
        var fixturesFromFlags: [String] = []
        var corsOriginsFromFlags: [String] = []
        var rest = arguments
        while let argument = rest.popFirst() {
            let (flag, inlineValue) = splitInlineValue(argument)
            func value() throws(UsageError) -> String {
                try flagValue(flag, inline: inlineValue, rest: &rest)
            }
            if try extraFlag(flag, value) { continue }
            switch flag {
            case "--host": options.host = try value()
            case "--port": options.port = try parsePort(try value(), source: "--port")
            case "--fixtures": fixturesFromFlags.append(try value())
            case "--seed": options.seed = try parseSeed(try value(), source: "--seed")
            case "--log-format": options.logFormat = try parseLogFormat(try value(), source: "--log-format")
            case "--quiet": options.quiet = true
            case "--no-example-header": options.exampleHeader = false
            case "--control-token":
                let token = try value()
                // An empty token could never be presented, so every control call would fail.
                guard !token.isEmpty else { throw UsageError(message: "--control-token must not be empty") }
                options.controlToken = token
            case "--cors-origin": corsOriginsFromFlags.append(try value())
            case "--watch": options.watch = true
            case "--keep-secrets": options.keepSecrets = true
            case "--journal-entries": options.journalEntries = try parseSize(try value(), source: "--journal-entries", minimum: 1, units: false)
            case "--journal-bytes": options.journalBytes = try parseSize(try value(), source: "--journal-bytes", minimum: 0, units: true)
            case "--journal-entry-bytes":
                options.journalEntryBytes = try parseSize(try value(), source: "--journal-entry-bytes", minimum: 0, units: true)
            case "--token-limit": options.tokenLimit = try parseTokenLimit(try value(), source: "--token-limit")
            case "--token-limit-per-user": options.tokenLimitPerUser = try parseTokenLimit(try value(), source: "--token-limit-per-user")
            case "--issuer": options.issuer = try parseIssuer(try value(), source: "--issuer")
            case "--proxy-unmatched": options.proxyUnmatched = try parseProxyURL(try value(), source: "--proxy-unmatched")
            case "--proxy-timeout": options.proxyTimeout = try parseProxyTimeout(try value(), source: "--proxy-timeout")
            default: throw UsageError(message: "unknown option '\(argument)' (see 'authstub --help')")
            }
        }
        if !fixturesFromFlags.isEmpty { options.fixtures = fixturesFromFlags }
        if !corsOriginsFromFlags.isEmpty { options.corsOrigins = corsOriginsFromFlags }
        return options
    }

    private static func environmentDefaults(_ environment: [String: String]) throws(UsageError) -> ServeOptions {
        var options = ServeOptions()
        func variable(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        /// A switch: set unless `0` or `false`.
        func isOn(_ name: String) -> Bool? {
            variable(name).map { $0 != "0" && $0.lowercased() != "false" }
        }
        if let host = variable("AUTHSTUB_HOST") { options.host = host }
        if let port = variable("AUTHSTUB_PORT") {
            options.port = try parsePort(port, source: "AUTHSTUB_PORT")
        } else if let port = variable("PORT") {
            options.port = try parsePort(port, source: "PORT")
        }
        if let fixtures = variable("AUTHSTUB_FIXTURES") {
            options.fixtures = fixtures.split(separator: ":").map(String.init)
        }
        if let seed = variable("AUTHSTUB_SEED") { options.seed = try parseSeed(seed, source: "AUTHSTUB_SEED") }
        if let format = variable("AUTHSTUB_LOG_FORMAT") { options.logFormat = try parseLogFormat(format, source: "AUTHSTUB_LOG_FORMAT") }
        if let origins = variable("AUTHSTUB_CORS_ORIGIN") {
            options.corsOrigins = origins.split(separator: ",").map(String.init)
        }
        if let token = variable("AUTHSTUB_CONTROL_TOKEN") { options.controlToken = token }
        if let quiet = isOn("AUTHSTUB_QUIET") { options.quiet = quiet }
        if let keepSecrets = isOn("AUTHSTUB_KEEP_SECRETS") { options.keepSecrets = keepSecrets }
        if let entries = variable("AUTHSTUB_JOURNAL_ENTRIES") {
            options.journalEntries = try parseSize(entries, source: "AUTHSTUB_JOURNAL_ENTRIES", minimum: 1, units: false)
        }
        if let bytes = variable("AUTHSTUB_JOURNAL_BYTES") {
            options.journalBytes = try parseSize(bytes, source: "AUTHSTUB_JOURNAL_BYTES", minimum: 0, units: true)
        }
        if let bytes = variable("AUTHSTUB_JOURNAL_ENTRY_BYTES") {
            options.journalEntryBytes = try parseSize(bytes, source: "AUTHSTUB_JOURNAL_ENTRY_BYTES", minimum: 0, units: true)
        }
        if let limit = variable("AUTHSTUB_TOKEN_LIMIT") { options.tokenLimit = try parseTokenLimit(limit, source: "AUTHSTUB_TOKEN_LIMIT") }
        if let limit = variable("AUTHSTUB_TOKEN_LIMIT_PER_USER") {
            options.tokenLimitPerUser = try parseTokenLimit(limit, source: "AUTHSTUB_TOKEN_LIMIT_PER_USER")
        }
        if let issuer = variable("AUTHSTUB_ISSUER") { options.issuer = try parseIssuer(issuer, source: "AUTHSTUB_ISSUER") }
        if let url = variable("AUTHSTUB_PROXY_UNMATCHED") { options.proxyUnmatched = try parseProxyURL(url, source: "AUTHSTUB_PROXY_UNMATCHED") }
        if let timeout = variable("AUTHSTUB_PROXY_TIMEOUT") {
            options.proxyTimeout = try parseProxyTimeout(timeout, source: "AUTHSTUB_PROXY_TIMEOUT")
        }
        return options
    }

    /// The value of `flag`: given inline (`--port=8080`) or as the next argument, which must
    /// not be another flag.
    static func flagValue(_ flag: String, inline: String?, rest: inout ArraySlice<String>) throws(UsageError) -> String {
        if let inline, !inline.isEmpty { return inline }
        guard inline == nil, let next = rest.popFirst(), !next.hasPrefix("--") else {
            throw UsageError(message: "\(flag) needs a value")
        }
        return next
    }

    /// `--port=8080` → (`--port`, `8080`).
    static func splitInlineValue(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private static func parsePort(_ text: String, source: String) throws(UsageError) -> Int {
        guard !text.isEmpty, text.count <= 5, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let port = Int(text), port <= 65_535
        else {
            throw UsageError(message: "\(source) must be a port number from 0 to 65535, not '\(text)'")
        }
        return port
    }

    private static func parseSeed(_ text: String, source: String) throws(UsageError) -> UInt64 {
        guard !text.isEmpty, text.count <= 20, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seed = UInt64(text) else {
            throw UsageError(message: "\(source) must be a whole number from 0 to 18446744073709551615, not '\(text)'")
        }
        return seed
    }

    /// A count (`10000`) or, with `units`, a size in bytes that may end in `KiB` or `MiB`
    /// (`64KiB`, `16MiB`); at least `minimum` and at most 2^40.
    static func parseSize(_ text: String, source: String, minimum: Int, units: Bool) throws(UsageError) -> Int {
        let multipliers = units ? [("KiB", 1024), ("MiB", 1024 * 1024)] : []
        let (digits, multiplier) = multipliers.first { text.hasSuffix($0.0) }.map { (String(text.dropLast($0.0.count)), $0.1) } ?? (text, 1)
        let limit = 1 << 40
        guard !digits.isEmpty, digits.count <= 13, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int(digits),
            number <= limit / multiplier, number * multiplier >= minimum
        else {
            let what = units ? "a size in bytes (e.g. 16MiB, 64KiB, 65536)" : "a whole number"
            throw UsageError(message: "\(source) must be \(what) of at least \(minimum), not '\(text)'")
        }
        return number * multiplier
    }

    /// A live-token limit from 1 to `AuthStubServer.Options.maximumTokenLimit`.
    private static func parseTokenLimit(_ text: String, source: String) throws(UsageError) -> Int {
        guard let limit = try? parseSize(text, source: source, minimum: 1, units: false), limit <= AuthStubServer.Options.maximumTokenLimit else {
            throw UsageError(message: "\(source) must be a whole number from 1 to \(AuthStubServer.Options.maximumTokenLimit), not '\(text)'")
        }
        return limit
    }

    /// An issuer URL: `http` or `https`, a host, no query or fragment (RFC 8414 §2), kept as
    /// written (a JWT's `iss` must equal it exactly).
    private static func parseIssuer(_ text: String, source: String) throws(UsageError) -> String {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host?.isEmpty == false, url.query == nil, url.fragment == nil
        else {
            throw UsageError(
                message: "\(source) must be an http or https URL without query or fragment, like https://auth.example.test, not '\(text)'"
            )
        }
        return text
    }

    /// A proxy target: an http or https URL with a host and an optional base path.
    static func parseProxyURL(_ text: String, source: String) throws(UsageError) -> URL {
        guard let url = URL(string: text) else {
            throw UsageError(message: "\(source) must be an http or https URL like https://staging.example.com/api, not '\(text)'")
        }
        if let problem = AuthStubServer.proxyProblem(url) { throw UsageError(message: "\(source): \(problem)") }
        return url
    }

    /// A forward's time limit as duration text (`10s`, `1m30s`, `500ms`), more than zero.
    private static func parseProxyTimeout(_ text: String, source: String) throws(UsageError) -> Duration {
        guard let milliseconds = DurationText.milliseconds(text), milliseconds > 0 else {
            throw UsageError(message: "\(source) must be a duration such as 10s, 1m30s or 500ms, not '\(text)'")
        }
        return .milliseconds(milliseconds)
    }

    private static func parseLogFormat(_ text: String, source: String) throws(UsageError) -> LogFormat {
        guard let format = LogFormat(rawValue: text) else {
            throw UsageError(message: "\(source) must be 'text' or 'json', not '\(text)'")
        }
        return format
    }

    /// The text of `authstub --help`.
    static let helpText = """
        OVERVIEW: A fake server for HTTP authentication APIs, for tests and local development.
        It replays the documented examples of the APIs in its fixture folders, with real token
        state on a controllable clock.

        USAGE: authstub [serve] [--host <host>] [--port <port>] [--fixtures <dir>]...
                        [--seed <n>] [--control-token <token>] [--log-format text|json]
                        [--cors-origin <origin>]... [--watch] [--quiet] [--no-example-header]
                        [--keep-secrets] [--journal-entries <n>] [--journal-bytes <size>]
                        [--journal-entry-bytes <size>] [--token-limit <n>] [--token-limit-per-user <n>]
                        [--issuer <url>] [--proxy-unmatched <url>] [--proxy-timeout <duration>]
               authstub record --target <url> [--out <dir>] [--service <name>] [--keep-credentials]
                               [--scrub <field>]... [--record-limit <size>] [serve's --host, --port,
                               --proxy-timeout, --log-format, --quiet, …]
               authstub validate [<dir>]...
               authstub verify --base-url <url> [--fixtures <dir>]... [--username <u> --password <p>]
                               [--junit <file>] [--service <name>]...
               authstub openapi [--fixtures <dir>]... | authstub openapi --control
               authstub schema
               authstub --help | --version

        COMMANDS:
          serve (default)         Serve the fixtures until SIGINT or SIGTERM.
          record                  Forward every request to --target (http or https, optionally with
                                  a base path), answer with its response, and on SIGINT, SIGTERM,
                                  SIGHUP or POST /__control/recording/save write what went by as a
                                  fixture folder <out>/<service> (--out default: recorded;
                                  --service default: the target's host). Secrets are never
                                  written: users get new passwords, printed when it is saved
                                  (--keep-credentials keeps the ones seen); --scrub <field>
                                  replaces more fields (repeatable); --record-limit <size> bounds
                                  what the recording holds (default: 64MiB, 10000 exchanges).
          validate                Check fixture folders (default: the bundled ones); list every
                                  problem with file, JSON path and reason. Exit 1 if any.
          verify                  Replay each fixture's documented request against a real server
                                  and compare status, headers, content type and body shape; exit 1
                                  on any drift (env AUTHSTUB_VERIFY_BASE_URL, _USERNAME, _PASSWORD).
                                  --junit <file> also writes JUnit XML. --service <name> checks
                                  only that service (repeatable); without it, every service but
                                  those whose fixture says "verifyByDefault": false.
          openapi                 Print an OpenAPI 3.1 document (JSON) of the fixtures; with
                                  --control (and no --fixtures), of the control API instead, its
                                  server http://127.0.0.1:8080/__control (GET /__control/openapi.json
                                  serves the same document naming the server asked).
          schema                  Print the fixture JSON Schema (for editor checks of fixtures).

        OPTIONS:
          --host <host>           Address to bind (default: 127.0.0.1; env AUTHSTUB_HOST).
          --port <port>           Port, 0 for any free port (default: 8080; env AUTHSTUB_PORT or PORT).
          --fixtures <dir>        A service folder or a folder of them; repeat for more. 'bundled'
                                  names the fixtures that ship with AuthStub (the default when no
                                  --fixtures is given; env AUTHSTUB_FIXTURES, ':'-separated).
          --seed <n>              Seed token generation: with a frozen clock, responses repeat
                                  byte for byte (env AUTHSTUB_SEED).
          --control-token <token> Require 'Authorization: Bearer <token>' on control requests
                                  (env AUTHSTUB_CONTROL_TOKEN; empty counts as unset). Bound to an
                                  address other than loopback, the server makes one up and prints
                                  it if none is given.
          --cors-origin <origin>  Allow only this browser origin on API routes (default: any origin
                                  is reflected) and also on control routes (which always allow
                                  loopback origins); repeat for more (env AUTHSTUB_CORS_ORIGIN,
                                  ','-separated).
          --watch                 Reload the fixture folders when a change in them has settled
                                  (a second without further change); an invalid edit keeps the
                                  previous fixtures and prints why, a deleted file is named.
          --log-format <format>   One line per request as 'text' (default) or 'json'
                                  (env AUTHSTUB_LOG_FORMAT).
          --quiet                 Print no request lines (env AUTHSTUB_QUIET=1).
          --no-example-header     Do not send X-AuthStub-Example.
          --keep-secrets          Keep passwords, credentials, cookies and full tokens in the
                                  journal, the dashboard and Pact exports (default: shown as
                                  [redacted], tokens by their first four characters; env
                                  AUTHSTUB_KEEP_SECRETS=1). Request lines never show them.
          --journal-entries <n>   Requests the journal keeps before dropping the oldest
                                  (default: 10000; env AUTHSTUB_JOURNAL_ENTRIES).
          --journal-bytes <size>  Bytes the journal keeps before dropping the oldest requests
                                  (default: 16MiB; env AUTHSTUB_JOURNAL_BYTES).
          --journal-entry-bytes <size>
                                  Bytes of header values and body one journal entry keeps; the
                                  rest is cut and marked (default: 16KiB; env
                                  AUTHSTUB_JOURNAL_ENTRY_BYTES).
          --token-limit <n>       Live tokens the server holds at most (default: 100000; env
                                  AUTHSTUB_TOKEN_LIMIT); past it a login evicts the least
                                  recently used token, whose next use is refused as evicted.
          --token-limit-per-user <n>
                                  The same for one user of one service (default: 10000; env
                                  AUTHSTUB_TOKEN_LIMIT_PER_USER).
          --issuer <url>          The issuer OAuth 2.0 metadata and JWTs name, an http or https
                                  URL without query or fragment (default: the server's URL as
                                  bound, e.g. http://127.0.0.1:8080; env AUTHSTUB_ISSUER).
          --proxy-unmatched <url> Forward requests no fixture matches to this http or https URL
                                  (with an optional base path, e.g. https://staging.example.com/api)
                                  and answer with its response; a service's "proxy" takes those
                                  under its base paths (env AUTHSTUB_PROXY_UNMATCHED).
          --proxy-timeout <duration>
                                  How long one forward may take before the client gets a 504
                                  (default: 30s; env AUTHSTUB_PROXY_TIMEOUT).
          -h, --help              Show this help.
          --version               Show the version.

        The control API answers under /__control on the same port, e.g. GET /__control/status,
        POST /__control/faults {"kind": "unauthorized", "times": 1}.
        """
}
