/// Turns arguments and environment into a `Command`. A pure function: no I/O, easy to test.
enum CommandLineParser {
    /// Parses `arguments` (without the program name). `PORT`, `AUTHSTUB_HOST` and
    /// `AUTHSTUB_PORT` stand in for flags that are not given.
    static func parse(_ arguments: [String], environment: [String: String] = [:]) throws(UsageError) -> Command {
        var rest = arguments[...]
        if rest.contains("--help") || rest.contains("-h") || rest.first == "help" { return .help }
        if rest.contains("--version") { return .version }
        if rest.first == "serve" { rest = rest.dropFirst() }
        else if let first = rest.first, !first.hasPrefix("-") {
            throw UsageError(message: "unknown command '\(first)' (see 'authstub --help')")
        }
        return .serve(try parseServe(rest, environment: environment))
    }

    private static func parseServe(_ arguments: ArraySlice<String>, environment: [String: String]) throws(UsageError) -> ServeOptions {
        var options = ServeOptions()
        if let host = environment["AUTHSTUB_HOST"], !host.isEmpty { options.host = host }
        if let port = environment["AUTHSTUB_PORT"] ?? environment["PORT"], !port.isEmpty {
            options.port = try parsePort(port, source: environment["AUTHSTUB_PORT"] != nil ? "AUTHSTUB_PORT" : "PORT")
        }
        var rest = arguments
        while let argument = rest.popFirst() {
            let (flag, inlineValue) = splitInlineValue(argument)
            func value() throws(UsageError) -> String {
                if let inlineValue { return inlineValue }
                guard let next = rest.popFirst(), !next.hasPrefix("--") else {
                    throw UsageError(message: "\(flag) needs a value")
                }
                return next
            }
            switch flag {
            case "--host":
                let host = try value()
                guard !host.isEmpty else { throw UsageError(message: "--host needs a value") }
                options.host = host
            case "--port":
                options.port = try parsePort(try value(), source: "--port")
            default:
                throw UsageError(message: "unknown option '\(argument)' (see 'authstub --help')")
            }
        }
        return options
    }

    /// `--port=8080` → (`--port`, `8080`).
    private static func splitInlineValue(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private static func parsePort(_ text: String, source: String) throws(UsageError) -> Int {
        guard !text.isEmpty, text.count <= 5, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let port = Int(text), port <= 65_535 else {
            throw UsageError(message: "\(source) must be a port number from 0 to 65535, not '\(text)'")
        }
        return port
    }

    /// The text of `authstub --help`.
    static let helpText = """
        OVERVIEW: A fake server for HTTP authentication APIs, for tests and local development.

        USAGE: authstub [serve] [--host <host>] [--port <port>]
               authstub --help | --version

        COMMANDS:
          serve (default)         Listen and serve until SIGINT or SIGTERM.

        OPTIONS:
          --host <host>           Address to bind (default: 127.0.0.1; env AUTHSTUB_HOST).
          --port <port>           Port to bind, 0 for any free port (default: 8080; env AUTHSTUB_PORT or PORT).
          -h, --help              Show this help.
          --version               Show the version.

        The control API answers under /__control on the same port, e.g. GET /__control/status.
        """
}
