import StubHTTP

/// The body of `POST /__control/verify`: the checks to run; none named runs `AuthCheck.all`.
struct AuthCheckRequest: Sendable {
    var checks: [AuthCheck]
}

extension AuthCheckRequest: ControlModel {
    enum Field: String, ControlField {
        case checks

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .checks: .models(AuthCheck.self, "The checks to run, in order; left out or empty, every check with its defaults.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(checks: try fields.models(.checks, as: AuthCheck.self))
    }

    var object: ControlObject<Field> { [.checks: .array(checks.map(\.json))] }
}

extension AuthCheck: ControlModel {
    enum Field: String, ControlField {
        case check, window, atMost

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .check: .names(AuthCheck.names, "The check.").required
            case .window: .string("oneRefresh only: the window, a duration like `1s` or `30s` (default `1s`).")
            case .atMost: .integer("credentialRetries only: the retries allowed (default 3).", minimum: 0)
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        let name = try fields.requiredString(.check)
        let window = try fields.string(.window)
        let atMost = try fields.int(.atMost)
        if window != nil, name != "oneRefresh" { throw .badInput("\(fields.name(.window)) applies to oneRefresh only", field: fields.name(.window)) }
        if atMost != nil, name != "credentialRetries" {
            throw .badInput("\(fields.name(.atMost)) applies to credentialRetries only", field: fields.name(.atMost))
        }
        switch name {
        case "oneRefresh":
            guard let text = window else {
                self = .oneRefresh(within: .seconds(1))
                return
            }
            guard let milliseconds = DurationText.milliseconds(text) else {
                throw .badInput(
                    "\(fields.name(.window)) must be a duration like \"1s\", \"30s\" or \"500ms\", not \"\(text)\"",
                    field: fields.name(.window)
                )
            }
            self = .oneRefresh(within: .milliseconds(milliseconds))
        case "credentialRetries":
            guard (atMost ?? 0) >= 0 else { throw .badInput("\(fields.name(.atMost)) must be 0 or more", field: fields.name(.atMost)) }
            self = .credentialRetries(atMost: atMost ?? 3)
        default:
            guard let check = AuthCheck.all.first(where: { $0.name == name }) else {
                throw .badInput(
                    "\(fields.name(.check)) must be one of \(AuthCheck.names.joined(separator: ", ")), not \"\(name)\"",
                    field: fields.name(.check)
                )
            }
            self = check
        }
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [.check: .string(name)]
        switch rule {
        case .oneRefresh(let window): object[.window] = .string("\(window)ms")
        case .credentialRetries(let count): object[.atMost] = .int(count)
        default: break
        }
        return object
    }
}

extension AuthCheckReport: ControlModel {
    enum Field: String, ControlField {
        case passed, checked, dropped, results

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .passed: .boolean("Every check held.").required
            case .checked: .integer("How many journaled requests the checks read.").required
            case .dropped: .integer("Requests the journal had dropped; above 0, no check holds.").required
            case .results: .models(AuthCheckResult.self, "One per check, in the order asked.").required
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            results: try fields.models(.results, as: AuthCheckResult.self),
            dropped: try fields.int(.dropped) ?? 0,
            checked: try fields.int(.checked) ?? 0
        )
    }

    var object: ControlObject<Field> {
        [.passed: .bool(passed), .checked: .int(checked), .dropped: .int(dropped), .results: .array(results.map(\.json))]
    }
}

extension AuthCheckResult: ControlModel {
    enum Field: String, ControlField {
        case check, expected, held, failure, offending, requests

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .check: .names(AuthCheck.names, "The check.").required
            case .expected: .string("What it expects, in words.").required
            case .held: .boolean("Whether it held.").required
            case .failure: .string("Why it did not hold; null when it held.")
            case .offending: .integer("How many requests broke it.").required
            case .requests: .models(OffendingRequest.self, "The requests that broke it, oldest first (at most 100).").required
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            check: try fields.requiredString(.check),
            expected: try fields.string(.expected) ?? "",
            held: try fields.requiredBool(.held),
            failure: try fields.string(.failure),
            requests: try fields.models(.requests, as: OffendingRequest.self),
            offending: try fields.int(.offending) ?? 0
        )
    }

    var object: ControlObject<Field> {
        [
            .check: .string(check), .expected: .string(expected), .held: .bool(held), .failure: ControlJSON.string(failure),
            .offending: .int(offending), .requests: .array(requests.map(\.json)),
        ]
    }
}

extension OffendingRequest: ControlModel {
    enum Field: String, ControlField {
        case id, time, method, path, token, reason

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .id: .integer("Its journal id.").required
            case .time: .date("Server-clock time of arrival, to the second.").required
            case .method: .string("The request method.").required
            case .path: .string("The request path (a token in it shortened).").required
            case .token: .string("The token it presented, shortened; null when none.")
            case .reason: .string("Why it broke the check.").required
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            id: try fields.requiredInt(.id),
            time: try fields.requiredDate(.time),
            method: try fields.requiredMethod(.method),
            path: try fields.requiredString(.path),
            token: try fields.string(.token),
            reason: try fields.requiredString(.reason)
        )
    }

    var object: ControlObject<Field> {
        [
            .id: .int(id), .time: ControlJSON.date(time), .method: .string(method.rawValue), .path: .string(path),
            .token: ControlJSON.string(token), .reason: .string(reason),
        ]
    }
}
