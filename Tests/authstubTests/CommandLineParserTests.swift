import Testing

@testable import authstub

/// The argument parser is a pure function: every flag, default and error without a process.
@Suite("CLI: argument parsing")
struct CommandLineParserTests {
    @Test("No arguments and plain `serve` serve 127.0.0.1:8080")
    func defaults() throws {
        #expect(try CommandLineParser.parse([]) == .serve(ServeOptions()))
        #expect(try CommandLineParser.parse(["serve"]) == .serve(ServeOptions(host: "127.0.0.1", port: 8080)))
    }

    @Test("--host and --port, spaced or with =")
    func hostAndPort() throws {
        #expect(try CommandLineParser.parse(["serve", "--host", "::1", "--port", "0"]) == .serve(ServeOptions(host: "::1", port: 0)))
        #expect(try CommandLineParser.parse(["--port=9000", "--host=0.0.0.0"]) == .serve(ServeOptions(host: "0.0.0.0", port: 9000)))
    }

    @Test("PORT and AUTHSTUB_* stand in for flags; flags win")
    func environment() throws {
        #expect(try CommandLineParser.parse([], environment: ["PORT": "7000"]) == .serve(ServeOptions(port: 7000)))
        #expect(try CommandLineParser.parse([], environment: ["PORT": "7000", "AUTHSTUB_PORT": "7001"]) == .serve(ServeOptions(port: 7001)))
        #expect(
            try CommandLineParser.parse(["--port", "1"], environment: ["AUTHSTUB_PORT": "7001", "AUTHSTUB_HOST": "::1"])
                == .serve(ServeOptions(host: "::1", port: 1))
        )
    }

    @Test("serve's fixture, seed, log and example flags")
    func serveFlags() throws {
        var expected = ServeOptions()
        expected.fixtures = ["bundled", "./mine"]
        expected.seed = 42
        expected.logFormat = .json
        expected.quiet = true
        expected.exampleHeader = false
        #expect(
            try CommandLineParser.parse([
                "serve", "--fixtures", "bundled", "--fixtures=./mine", "--seed", "42",
                "--log-format", "json", "--quiet", "--no-example-header",
            ]) == .serve(expected)
        )
        var fromEnvironment = ServeOptions()
        fromEnvironment.fixtures = ["a", "b"]
        fromEnvironment.seed = 7
        fromEnvironment.quiet = true
        #expect(
            try CommandLineParser.parse([], environment: ["AUTHSTUB_FIXTURES": "a:b", "AUTHSTUB_SEED": "7", "AUTHSTUB_QUIET": "1"])
                == .serve(fromEnvironment)
        )
    }

    @Test("validate takes folders")
    func validate() throws {
        #expect(try CommandLineParser.parse(["validate"]) == .validate([]))
        #expect(try CommandLineParser.parse(["validate", "a", "b"]) == .validate(["a", "b"]))
        #expect(throws: UsageError(message: "unknown option '--x' for validate (see 'authstub --help')")) {
            try CommandLineParser.parse(["validate", "--x"])
        }
    }

    @Test("--help and --version win over everything else")
    func helpAndVersion() throws {
        #expect(try CommandLineParser.parse(["serve", "--port", "1", "--help"]) == .help)
        #expect(try CommandLineParser.parse(["-h"]) == .help)
        #expect(try CommandLineParser.parse(["--version"]) == .version)
    }

    @Test(
        "Usage errors name the problem",
        arguments: [
            (["--port"], "--port needs a value"),
            (["--port", "--host", "x"], "--port needs a value"),
            (["--port", "65536"], "--port must be a port number from 0 to 65535, not '65536'"),
            (["--port", "-1"], "--port must be a port number from 0 to 65535, not '-1'"),
            (["--port", "+80"], "--port must be a port number from 0 to 65535, not '+80'"),
            (["--port", "99999999999999999999"], "--port must be a port number from 0 to 65535, not '99999999999999999999'"),
            (["--bogus"], "unknown option '--bogus' (see 'authstub --help')"),
            (["frobnicate"], "unknown command 'frobnicate' (see 'authstub --help')"),
            (["--host="], "--host needs a value"),
            (["--seed", "-3"], "--seed must be a whole number from 0 to 18446744073709551615, not '-3'"),
            (["--seed", "1.5"], "--seed must be a whole number from 0 to 18446744073709551615, not '1.5'"),
            (["--seed", "18446744073709551616"], "--seed must be a whole number from 0 to 18446744073709551615, not '18446744073709551616'"),
            (["--log-format", "xml"], "--log-format must be 'text' or 'json', not 'xml'"),
        ]
    )
    func usageErrors(arguments: [String], message: String) {
        #expect(throws: UsageError(message: message)) { try CommandLineParser.parse(arguments) }
    }

    @Test("--control-token, spaced or with =, or AUTHSTUB_CONTROL_TOKEN; the flag wins")
    func controlToken() throws {
        var expected = ServeOptions()
        expected.controlToken = "T"
        #expect(try CommandLineParser.parse(["serve", "--control-token", "T"]) == .serve(expected))
        #expect(try CommandLineParser.parse(["--control-token=T"]) == .serve(expected))
        #expect(try CommandLineParser.parse([], environment: ["AUTHSTUB_CONTROL_TOKEN": "T"]) == .serve(expected))
        #expect(try CommandLineParser.parse(["--control-token", "T"], environment: ["AUTHSTUB_CONTROL_TOKEN": "E"]) == .serve(expected))
        #expect(try CommandLineParser.parse([], environment: ["AUTHSTUB_CONTROL_TOKEN": ""]) == .serve(ServeOptions()))
        #expect(throws: UsageError(message: "--control-token needs a value")) { try CommandLineParser.parse(["--control-token"]) }
        #expect(throws: UsageError(message: "--control-token needs a value")) { try CommandLineParser.parse(["--control-token="]) }
        // Given as a separate argument, an empty token used to be taken, and refused every control call.
        #expect(throws: UsageError(message: "--control-token must not be empty")) { try CommandLineParser.parse(["--control-token", ""]) }
        #expect(throws: UsageError(message: "--control-token must not be empty")) {
            try CommandLineParser.parse(["serve", "--control-token", "", "--quiet"], environment: ["AUTHSTUB_CONTROL_TOKEN": "E"])
        }
    }

    @Test("--cors-origin repeats, or AUTHSTUB_CORS_ORIGIN comma-separated; flags replace the variable")
    func corsOrigins() throws {
        var expected = ServeOptions()
        expected.corsOrigins = ["http://a.test", "https://b.test"]
        #expect(try CommandLineParser.parse(["--cors-origin", "http://a.test", "--cors-origin=https://b.test"]) == .serve(expected))
        #expect(try CommandLineParser.parse([], environment: ["AUTHSTUB_CORS_ORIGIN": "http://a.test,https://b.test"]) == .serve(expected))
        expected.corsOrigins = ["http://c.test"]
        #expect(
            try CommandLineParser.parse(["--cors-origin", "http://c.test"], environment: ["AUTHSTUB_CORS_ORIGIN": "http://a.test"])
                == .serve(expected)
        )
        #expect(throws: UsageError(message: "--cors-origin needs a value")) { try CommandLineParser.parse(["--cors-origin"]) }
    }

    @Test("--watch")
    func watch() throws {
        var expected = ServeOptions()
        expected.watch = true
        #expect(try CommandLineParser.parse(["serve", "--watch"]) == .serve(expected))
    }

    @Test("--keep-secrets, or AUTHSTUB_KEEP_SECRETS set to anything but 0 or false")
    func keepSecrets() throws {
        var expected = ServeOptions()
        expected.keepSecrets = true
        #expect(try CommandLineParser.parse(["serve", "--keep-secrets"]) == .serve(expected))
        #expect(try CommandLineParser.parse([], environment: ["AUTHSTUB_KEEP_SECRETS": "1"]) == .serve(expected))
        #expect(try CommandLineParser.parse([], environment: ["AUTHSTUB_KEEP_SECRETS": "false"]) == .serve(ServeOptions()))
        #expect(CommandLineParser.helpText.contains("--keep-secrets"))
    }

    @Test("--journal-entries, --journal-bytes and --journal-entry-bytes (sizes in bytes, KiB or MiB), or AUTHSTUB_JOURNAL_*")
    func journalBounds() throws {
        var expected = ServeOptions()
        expected.journalEntries = 500
        expected.journalBytes = 2 * 1024 * 1024
        expected.journalEntryBytes = 4096
        let flags = ["--journal-entries", "500", "--journal-bytes=2MiB", "--journal-entry-bytes", "4KiB"]
        #expect(try CommandLineParser.parse(flags) == .serve(expected))
        let environment = ["AUTHSTUB_JOURNAL_ENTRIES": "500", "AUTHSTUB_JOURNAL_BYTES": "2097152", "AUTHSTUB_JOURNAL_ENTRY_BYTES": "4KiB"]
        #expect(try CommandLineParser.parse([], environment: environment) == .serve(expected))
        #expect(throws: UsageError(message: "--journal-entries must be a whole number of at least 1, not '0'")) {
            try CommandLineParser.parse(["--journal-entries", "0"])
        }
        #expect(throws: UsageError(message: "--journal-bytes must be a size in bytes (e.g. 16MiB, 64KiB, 65536) of at least 0, not '9GB'")) {
            try CommandLineParser.parse(["--journal-bytes", "9GB"])
        }
        #expect(
            throws: UsageError(message: "--journal-entry-bytes must be a size in bytes (e.g. 16MiB, 64KiB, 65536) of at least 0, not '99999999MiB'")
        ) {
            try CommandLineParser.parse(["--journal-entry-bytes", "99999999MiB"])
        }
        for flag in ["--journal-entries", "--journal-bytes", "--journal-entry-bytes"] { #expect(CommandLineParser.helpText.contains(flag)) }
    }

    @Test("--token-limit and --token-limit-per-user, or their variables; out of range is a usage error")
    func tokenLimits() throws {
        var expected = ServeOptions()
        expected.tokenLimit = 1_000_000
        expected.tokenLimitPerUser = 5
        #expect(try CommandLineParser.parse(["serve", "--token-limit", "1000000", "--token-limit-per-user=5"]) == .serve(expected))
        let environment = ["AUTHSTUB_TOKEN_LIMIT": "1000000", "AUTHSTUB_TOKEN_LIMIT_PER_USER": "5"]
        #expect(try CommandLineParser.parse([], environment: environment) == .serve(expected))
        for bad in ["0", "-1", "100000001", "1e6"] {
            #expect(throws: UsageError(message: "--token-limit must be a whole number from 1 to 100000000, not '\(bad)'")) {
                try CommandLineParser.parse(["--token-limit", bad])
            }
        }
        #expect(CommandLineParser.helpText.contains("--token-limit-per-user"))
    }

    @Test("--issuer or AUTHSTUB_ISSUER: an http(s) URL kept as written; anything else is a usage error")
    func issuer() throws {
        var expected = ServeOptions()
        expected.issuer = "https://auth.example.test/tenant"
        #expect(try CommandLineParser.parse(["serve", "--issuer", "https://auth.example.test/tenant"]) == .serve(expected))
        #expect(try CommandLineParser.parse([], environment: ["AUTHSTUB_ISSUER": "https://auth.example.test/tenant"]) == .serve(expected))
        for bad in ["auth.example.test", "ftp://auth.example.test", "https://auth.example.test/?a=1", "https://auth.example.test/#x", "https://"] {
            #expect(
                throws: UsageError(
                    message: "--issuer must be an http or https URL without query or fragment, like https://auth.example.test, not '\(bad)'"
                )
            ) {
                try CommandLineParser.parse(["--issuer", bad])
            }
        }
        #expect(CommandLineParser.helpText.contains("--issuer <url>"))
    }

    @Test("A bad PORT in the environment is a usage error naming the variable")
    func badEnvironmentPort() {
        #expect(throws: UsageError(message: "PORT must be a port number from 0 to 65535, not 'http'")) {
            try CommandLineParser.parse([], environment: ["PORT": "http"])
        }
    }
}
