/// The flags of `authstub verify`.
struct VerifyOptions: Equatable {
    var baseURL: String
    /// Fixture folders, as for `serve`; empty: the bundled fixtures.
    var fixtures: [String] = []
    var username: String?
    var password: String?
    /// Where to write JUnit XML, if anywhere.
    var junitFile: String?
    /// The services to check (`--service`, repeatable); empty: those verified by default.
    var services: [String] = []
}

extension CommandLineParser {
    /// `verify` flags; `AUTHSTUB_VERIFY_BASE_URL`, `AUTHSTUB_VERIFY_USERNAME` and
    /// `AUTHSTUB_VERIFY_PASSWORD` stand in for flags that are not given.
    static func parseVerify(_ arguments: ArraySlice<String>, environment: [String: String]) throws(UsageError) -> VerifyOptions {
        func variable(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        var options = VerifyOptions(
            baseURL: variable("AUTHSTUB_VERIFY_BASE_URL") ?? "",
            username: variable("AUTHSTUB_VERIFY_USERNAME"),
            password: variable("AUTHSTUB_VERIFY_PASSWORD")
        )
        var rest = arguments
        while let argument = rest.popFirst() {
            let (flag, inlineValue) = splitInlineValue(argument)
            func value() throws(UsageError) -> String {
                try flagValue(flag, inline: inlineValue, rest: &rest)
            }
            switch flag {
            case "--base-url": options.baseURL = try value()
            case "--fixtures": options.fixtures.append(try value())
            case "--username": options.username = try value()
            case "--password": options.password = try value()
            case "--junit": options.junitFile = try value()
            case "--service": options.services.append(try value())
            default: throw UsageError(message: "unknown option '\(argument)' for verify (see 'authstub --help')")
            }
        }
        guard !options.baseURL.isEmpty else { throw UsageError(message: "verify needs --base-url <url> (or AUTHSTUB_VERIFY_BASE_URL)") }
        guard options.baseURL.hasPrefix("http://") || options.baseURL.hasPrefix("https://") else {
            throw UsageError(message: "--base-url must start with http:// or https://, not '\(options.baseURL)'")
        }
        if (options.username == nil) != (options.password == nil) {
            throw UsageError(message: "--username and --password go together")
        }
        return options
    }
}

extension CommandLineParser {
    /// `openapi` takes `--fixtures <dir>`, repeatable, or `--control` alone: the control API's
    /// document does not depend on fixtures, so the two together are a usage error.
    static func parseOpenAPI(_ arguments: ArraySlice<String>) throws(UsageError) -> Command {
        var folders: [String] = []
        var control = false
        var rest = arguments
        while let argument = rest.popFirst() {
            let (flag, inlineValue) = splitInlineValue(argument)
            if flag == "--control", inlineValue == nil {
                control = true
                continue
            }
            guard flag == "--fixtures" else { throw UsageError(message: "unknown option '\(argument)' for openapi (see 'authstub --help')") }
            if let inlineValue, !inlineValue.isEmpty {
                folders.append(inlineValue)
            } else if inlineValue == nil, let next = rest.popFirst(), !next.hasPrefix("--") {
                folders.append(next)
            } else {
                throw UsageError(message: "--fixtures needs a value")
            }
        }
        guard control else { return .openapi(folders) }
        guard folders.isEmpty else {
            throw UsageError(message: "openapi --control describes the control API, which does not depend on fixtures: leave out --fixtures")
        }
        return .controlOpenAPI
    }
}
