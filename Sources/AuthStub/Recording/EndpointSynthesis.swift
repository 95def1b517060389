import Foundation

/// One recorded route as an endpoint document: one response per distinct status, media type
/// and refusal reason (from the first exchange that had it), its `when` from the role and status, a
/// response-level `match` for an answer no outcome reproduces, headers and bodies with tokens,
/// times and secrets replaced.
struct EndpointSynthesis {
    /// The route and its exchanges.
    let route: RecordedRoute
    /// Its inferred role.
    let role: EndpointRole
    /// The file it goes in.
    let file: String
    /// What every endpoint shares.
    let context: FixtureSynthesis.Context
    /// Token lifetimes (seconds) the route's answers showed.
    var lifetimes: [Int64] = []
    /// What was replaced, in sentences without the file name.
    private(set) var scrubbed: [String] = []
    /// What the endpoint's interpretations say beside its role.
    var notes: [String] = []
    /// Places where a token was replaced by its placeholder.
    var tokensReplaced = 0
    /// Places where a secret was replaced by `[scrubbed]`.
    var secretsReplaced = 0

    /// How far from the exchange's time a time in an answer may be and still be "now".
    static let nowTolerance: Int64 = 300_000
    /// The longest token lifetime an answer's expiry can set: 10 years, in seconds.
    static let longestLifetime: Int64 = 315_360_000
    /// Response headers that are the API's own and are kept (with any `X-…` and the token's
    /// header); the rest (`Date`, `Server`, framing, CORS) are the transport's.
    static let keptHeaders: Set<String> = [
        "content-type", "cache-control", "pragma", "expires", "www-authenticate", "location", "set-cookie", "vary", "deprecation",
        "sunset", "link", "retry-after", "allow", "content-language", "content-disposition",
    ]

    init(route: RecordedRoute, role: EndpointRole, file: String, context: FixtureSynthesis.Context) {
        self.route = route
        self.role = role
        self.file = file
        self.context = context
    }

    /// Whether answers on this route issue a token (so their times are the token's).
    var issuesTokens: Bool { role == .login || role == .refresh }

    /// The endpoint document; nil when no answer is a success.
    mutating func document(evidence: String) -> JSONValue? {
        var seen: Set<String> = []
        let shapes = route.exchanges.filter { exchange in
            let outcome = self.outcome(of: exchange)
            let shape = "\(exchange.original.status) \(exchange.responseMediaType ?? "") \(outcome.key)"
            return exchange.original.status >= 200 && seen.insert(shape).inserted
        }.sorted { ($0.succeeded ? 0 : 1, $0.index) < ($1.succeeded ? 0 : 1, $1.index) }
        var conditional: [JSONValue] = []
        var unconditional: [JSONValue] = []
        var taken: Set<String> = []
        var names: Set<String> = []
        var hasSuccess = false
        for exchange in shapes {
            let outcome = self.outcome(of: exchange)
            var key = outcome.key + (outcome.condition == .success ? " " + (exchange.responseMediaType ?? "") : "")
            var match: JSONObject?
            if taken.contains(key) || (!outcome.natural && hasSuccess) {
                guard let found = distinguishing(exchange) else {
                    notes.append(
                        "the \(exchange.original.status) answer to \(exchange.original.method) \(exchange.target.prefix(80)) is left out: "
                            + "no outcome gives it and no request value that is not secret tells it apart"
                    )
                    continue
                }
                match = found
                key += " " + found.serialized()
                guard !taken.contains(key) else { continue }
                notes.append(
                    "the \(exchange.original.status) answer is chosen by \(found.keys.joined(separator: ", ")), the request value only it was sent with"
                )
            }
            taken.insert(key)
            hasSuccess = hasSuccess || outcome.condition == .success
            let response = self.response(exchange, outcome: outcome, match: match, names: &names)
            if match == nil { unconditional.append(response) } else { conditional.append(response) }
        }
        guard hasSuccess, let first = route.exchanges.first else { return nil }
        var document: JSONObject = [
            "kind": .string("endpoint"), "name": .string(String(file.dropLast(".json".count))), "source": source(first),
            "method": .string(route.method), "path": .string(route.path), "role": .string(role.rawValue),
        ]
        if let grant = route.grantType { document["match"] = .object(["body.grant_type": .string(grant)]) }
        if role == .login, let accepts = loginFormats() { document["accepts"] = accepts }
        if role == .login, let checks = ownCredentialChecks() { document["credentials"] = checks }
        if role == .refresh, let carrier = context.trail.refresh?.carrier { document["refreshToken"] = .string(carrier.selector) }
        if let request = requestExample() { document["request"] = .object(request) }
        document["responses"] = .array(conditional + unconditional)
        notes = notes.map(context.scrubber.text)
        document["interpretations"] = .array(([context.scrubber.text(evidence)] + notes).map(JSONValue.string))
        if tokensReplaced > 0 {
            scrubbed.append("tokens in \(tokensReplaced) \(tokensReplaced == 1 ? "place" : "places") → {{token}} or {{refreshToken}}")
        }
        if secretsReplaced > 0 {
            scrubbed.append("secret values in \(secretsReplaced) \(secretsReplaced == 1 ? "place" : "places") → \(SecretScrubber.placeholder)")
        }
        return .object(document)
    }

    /// A login's credential checks when they differ from the service's (a client credentials
    /// grant beside a password grant, say); nil when they are the same.
    private func ownCredentialChecks() -> JSONValue? {
        guard let exchange = route.exchanges.first(where: { $0.succeeded && $0.carriesCredentials }) else { return nil }
        let own = FixtureSynthesis.credentialChecks(user: LoginCredentials(exchange), client: ClientCredentials(exchange))
        let service = FixtureSynthesis.credentialChecks(user: context.credentials, client: context.client)
        guard own != service, !own.isEmpty else { return nil }
        return own.count == 1 ? own[0] : .array(own)
    }

    // MARK: Outcomes

    /// What the engine would answer a recorded request with.
    struct Outcome {
        /// The condition (`when`).
        var condition: ResponseCondition
        /// Its refusal reasons (`reason`).
        var reasons: [String] = []
        /// The credential check that refused it (`check`), for a login with a client and a user.
        var check: String? = nil
        /// Whether the condition gives the recorded status (false: only a `match` can).
        var natural = true

        /// What tells two outcomes' responses apart.
        var key: String { "\(condition) \(reasons.sorted()) \(check ?? "")" }
    }

    /// The outcome the engine would answer `exchange`'s request with.
    private func outcome(of exchange: RecordedExchange) -> Outcome {
        let status = exchange.original.status
        if status == 406 { return Outcome(condition: .notAcceptable) }
        if exchange.succeeded { return Outcome(condition: .success) }
        switch role {
        case .login:
            let sent = exchange.carriesCredentials
            switch status {
            case 401, 403:
                guard sent else {
                    let bodyFirst = context.client == nil && context.credentials?.scheme == .body
                    return Outcome(condition: bodyFirst ? .badRequest : .badCredentials, reasons: ["missing"])
                }
                return Outcome(condition: .badCredentials, reasons: ["wrong"], check: failedCheck(exchange))
            case 400, 422:
                return sent ? Outcome(condition: .badCredentials, reasons: ["wrong"], check: failedCheck(exchange)) : Outcome(condition: .badRequest)
            case 415: return Outcome(condition: .unsupportedMediaType)
            default: break
            }
        case .requiresToken, .logout, .refresh:
            if status == 401 || status == 403 || (role == .refresh && status == 400) {
                return Outcome(condition: .badToken, reasons: tokenReason(exchange))
            }
        default:
            break
        }
        return Outcome(condition: .success, natural: false)
    }

    /// On a login that takes a client: `client` when the request named another client or
    /// secret than the first successful login (or the login takes no user), else `user`; nil
    /// without a client.
    private func failedCheck(_ exchange: RecordedExchange) -> String? {
        guard let client = context.client else { return nil }
        let sent = ClientCredentials(exchange)
        let takesUser = route.exchanges.contains { $0.succeeded && LoginCredentials($0) != nil }
        guard sent?.id == client.id, sent?.secret == client.secret, takesUser else { return "client" }
        return "user"
    }

    /// Why the token `exchange` sent was refused, as far as the trail shows.
    private func tokenReason(_ exchange: RecordedExchange) -> [String] {
        let token = role == .refresh ? context.trail.refresh : context.trail.access
        guard let token, let sent = TokenTrail.value(sentBy: exchange, in: token.carrier) else { return ["missing"] }
        if let loggedOut = context.loggedOut[sent], loggedOut < exchange.index { return ["revoked"] }
        return token.values.contains(sent) ? [] : ["unknown"]
    }

    /// A request value (a path parameter, a query parameter, a body field) that `exchange` sent
    /// and no request that got another answer sent, and that is not secret; nil when none.
    private func distinguishing(_ exchange: RecordedExchange) -> JSONObject? {
        func values(_ exchange: RecordedExchange) -> [(selector: String, value: String)] {
            route.parameters(of: exchange).map { ("path.\($0.name)", $0.value) }
                + exchange.query.map { ("query.\($0.name)", $0.value) }
                + (exchange.requestFields ?? [:]).compactMap { member in member.value.stringValue.map { ("body.\(member.key)", $0) } }
        }
        let shape = { (other: RecordedExchange) in "\(other.original.status) \(other.responseMediaType ?? "")" }
        for candidate in values(exchange) where context.scrubber.text(candidate.value) == candidate.value {
            guard !context.scrubber.isSecretField(String(candidate.selector.split(separator: ".").last ?? "")) else { continue }
            let shared = route.exchanges.contains { other in
                shape(other) != shape(exchange) && values(other).contains { $0.selector == candidate.selector && $0.value == candidate.value }
            }
            if !shared { return [candidate.selector: .string(candidate.value)] }
        }
        return nil
    }

    // MARK: Responses

    /// One response document.
    private mutating func response(
        _ exchange: RecordedExchange,
        outcome: Outcome,
        match: JSONObject?,
        names: inout Set<String>
    ) -> JSONValue {
        var name = "\(exchange.original.status)" + (outcome.reasons.first.map { "-" + $0 } ?? "") + (outcome.check.map { "-" + $0 } ?? "")
        if match != nil { name += "-match" }
        var unique = name
        var suffix = 2
        while !names.insert(unique).inserted {
            unique = "\(name)-\(suffix)"
            suffix += 1
        }
        var response: JSONObject = ["name": .string(unique), "when": .string(outcome.condition.rawValue)]
        if !outcome.reasons.isEmpty { response["reason"] = .array(outcome.reasons.map(JSONValue.string)) }
        if let check = outcome.check { response["check"] = .string(check) }
        if let match { response["match"] = .object(match) }
        response["source"] = source(exchange)
        response["status"] = .int(exchange.original.status)
        let headers = self.headers(of: exchange)
        if !headers.isEmpty { response["headers"] = .object(headers) }
        if let body = body(of: exchange) {
            let status = exchange.original.status
            response[status == 204 || status == 304 ? "documentedBody" : "body"] = body
        }
        return .object(response)
    }

    /// `{"seed": "recorded from …", "quote": "GET /x at <time> → 200"}`, secrets left out.
    private func source(_ exchange: RecordedExchange) -> JSONValue {
        let target = context.scrubber.text(exchange.target).replacingOccurrences(of: "{{", with: "{ {")
        return .object([
            "seed": .string(context.seed),
            "quote": .string("\(exchange.original.method) \(target) at \(ServerTime.text(exchange.original.time)) → \(exchange.original.status)"),
        ])
    }

    /// The API's own headers, secrets replaced; `Location` to the upstream made `{{issuer}}`,
    /// cookies made fit for a browser on this server. One value per name: repeated fields
    /// are joined with `, `, except `Set-Cookie`, where the token's cookie (else the first) is kept.
    private mutating func headers(of exchange: RecordedExchange) -> JSONObject {
        var headers = JSONObject()
        var keys: [String: String] = [:]
        let tokenHeader = context.trail.access.flatMap { access -> String? in
            if case .header(let name) = access.carrier { return name.lowercased() }
            return access.spots.values.compactMap { spot -> String? in
                if case .header(let name) = spot { return name.lowercased() }
                return nil
            }.first
        }
        for field in exchange.original.responseHeaders {
            let lower = field.name.lowercased()
            guard Self.keptHeaders.contains(lower) || lower.hasPrefix("x-") || lower == tokenHeader else { continue }
            let raw = field.value.replacingOccurrences(of: "{{", with: "{ {")
            let value: String
            switch lower {
            case "location": value = scrub(relocated(raw))
            case "set-cookie":
                guard var cookie = SetCookie(raw)?.forThisServer else { continue }
                cookie.value = scrubbedCookie(cookie)
                value = cookie.text
            default:
                value = context.scrubber.isSecretField(field.name) && lower != tokenHeader ? SecretScrubber.placeholder : scrub(raw)
            }
            guard let key = keys[lower], let existing = headers[key]?.stringValue else {
                keys[lower] = field.name
                headers[field.name] = .string(value)
                continue
            }
            if lower == "set-cookie" {
                if value.contains("{{token}}"), !existing.contains("{{token}}") { headers[key] = .string(value) }
                notes.append(
                    "only one Set-Cookie per answer can be written: the \(existing.contains("{{token}}") ? "token's" : "first") cookie is kept"
                )
            } else {
                headers[key] = .string(existing + ", " + value)
            }
        }
        return headers
    }

    /// A `Location` to the upstream's origin (and base path) as `{{issuer}}` and the path.
    private func relocated(_ location: String) -> String {
        guard let scheme = context.upstream.scheme, let host = context.upstream.host else { return location }
        let origin = "\(scheme)://\(host)" + (context.upstream.port.map { ":\($0)" } ?? "")
        guard location.lowercased().hasPrefix(origin.lowercased()) else { return location }
        var rest = String(location.dropFirst(origin.count))
        let base = context.upstream.path
        if !base.isEmpty, base != "/", rest.hasPrefix(base) { rest = String(rest.dropFirst(base.count)) }
        return "{{issuer}}" + rest
    }

    /// A set cookie's value as written: the token's placeholder, empty (a cookie being
    /// cleared), or scrubbed.
    private mutating func scrubbedCookie(_ cookie: SetCookie) -> String {
        guard !cookie.value.isEmpty else { return "" }
        let value = context.scrubber.text(cookie.value)
        if value == "{{token}}" || value == "{{refreshToken}}" {
            tokensReplaced += 1
            return value
        }
        secretsReplaced += 1
        return SecretScrubber.placeholder
    }

    /// `text` with tokens and secrets replaced, counted.
    mutating func scrub(_ text: String) -> String {
        let result = context.scrubber.text(text)
        guard result != text else { return text }
        if result.contains("{{token}}") || result.contains("{{refreshToken}}") { tokensReplaced += 1 }
        if result.contains(SecretScrubber.placeholder) { secretsReplaced += 1 }
        return result
    }
}
