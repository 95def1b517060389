import Foundation

extension EndpointSynthesis {
    /// The body as a fixture writes it: JSON as JSON with tokens, times and secrets replaced;
    /// other UTF-8 text as a JSON string (which the server sends quoted, as JSON); nil when
    /// empty, content-encoded or binary (said in the interpretations).
    mutating func body(of exchange: RecordedExchange) -> JSONValue? {
        let bytes = exchange.original.responseBody
        guard !bytes.isEmpty else { return nil }
        if let encoding = exchange.responseHeaders("Content-Encoding").first, encoding.lowercased() != "identity" {
            noteOnce("the \(exchange.original.status) answer's body was \(encoding)-encoded, which fixtures cannot hold: it is left out")
            return nil
        }
        if let json = exchange.responseJSON { return replaced(json, key: nil, in: exchange) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            noteOnce("the \(exchange.original.status) answer's body is not text: it is left out")
            return nil
        }
        noteOnce(
            "the \(exchange.original.status) answer's \(exchange.responseMediaType ?? "untyped") body is written as a JSON string, which the server sends quoted"
        )
        return .string(scrub(text.replacingOccurrences(of: "{{", with: "{ {")))
    }

    /// `value` with tokens, the user, times and secrets replaced; `key` is the member holding it.
    private mutating func replaced(_ value: JSONValue, key: String?, in exchange: RecordedExchange) -> JSONValue {
        if let key, context.scrubber.isScrubField(key), !value.isNull, value.stringValue == nil {
            secretsReplaced += 1
            return .string(SecretScrubber.placeholder)
        }
        switch value {
        case .string(let text):
            return .string(replaced(text, key: key, in: exchange))
        case .number:
            return number(value, key: key, in: exchange)
        case .array(let elements):
            return .array(elements.map { replaced($0, key: key, in: exchange) })
        case .object(let object):
            return .object(JSONObject(object.members.map { JSONObject.Member(key: $0.key, value: replaced($0.value, key: $0.key, in: exchange)) }))
        case .null, .bool:
            return value
        }
    }

    /// A string of an answer: a time near the exchange is `{{now}}`, a later one on a token
    /// answer `{{token.expiresAt}}`; the login's username `{{user}}`; then tokens and secrets.
    private mutating func replaced(_ text: String, key: String?, in exchange: RecordedExchange) -> String {
        let place = key.map { "body member \"\($0)\"" } ?? "a body string"
        if let time = RFC3339.milliseconds(from: text), let sent = ServerTime.instant(exchange.original.time) {
            let ahead = time - sent
            if abs(ahead) <= Self.nowTolerance {
                noteOnce("\(place): a time at the exchange → {{now}}")
                return "{{now}}"
            }
            if issuesTokens, ahead > Self.nowTolerance {
                addLifetime((ahead + 500) / 1000)
                noteOnce("\(place): a time \((ahead + 500) / 1000) s after the exchange → {{token.expiresAt}}")
                return "{{token.expiresAt}}"
            }
        }
        if role == .login, let user = LoginCredentials(exchange)?.username, user.count >= 3, text == user {
            noteOnce("\(place): the username that logged in → {{user}}")
            return "{{user}}"
        }
        return scrub(text.replacingOccurrences(of: "{{", with: "{ {"))
    }

    /// A number of an answer: `expires_in` is `{{token.expiresIn}}`; on a token answer, Unix
    /// seconds at the exchange are `{{token.issuedAtUnix}}` and later ones `{{token.expiresAtUnix}}`.
    private mutating func number(_ value: JSONValue, key: String?, in exchange: RecordedExchange) -> JSONValue {
        guard let number = value.intValue, let key, role != .public else { return value }
        let normal = String(decoding: Redaction.normalized(key), as: UTF8.self)
        if normal == "expiresin", number > 0 {
            if issuesTokens { addLifetime(Int64(number)) }
            noteOnce("body member \"\(key)\": seconds the token has left → {{token.expiresIn}}")
            return .string("{{token.expiresIn}}")
        }
        guard issuesTokens, (1_000_000_000..<100_000_000_000).contains(number), let sent = ServerTime.instant(exchange.original.time) else {
            return value
        }
        let ahead = Int64(number) * 1000 - sent
        if abs(ahead) <= Self.nowTolerance {
            noteOnce("body member \"\(key)\": Unix seconds at the exchange → {{token.issuedAtUnix}}")
            return .string("{{token.issuedAtUnix}}")
        }
        guard ahead > Self.nowTolerance else { return value }
        addLifetime((ahead + 500) / 1000)
        noteOnce("body member \"\(key)\": Unix seconds \((ahead + 500) / 1000) s after the exchange → {{token.expiresAtUnix}}")
        return .string("{{token.expiresAtUnix}}")
    }

    /// The request the route's first successful exchange sent, as an example: `Content-Type`
    /// and `Accept`, the credentials or token as placeholders, a JSON body with secrets
    /// replaced.
    func requestExample() -> JSONObject? {
        guard let exchange = route.exchanges.first(where: \.succeeded) ?? route.exchanges.first else { return nil }
        var headers = JSONObject()
        for name in ["Content-Type", "Accept"] {
            if let value = exchange.requestHeader(name) { headers[name] = .string(context.scrubber.text(value)) }
        }
        if let credentials = LoginCredentials(exchange), credentials.scheme == .basic {
            headers["Authorization"] = .string("Basic {{credentials}}")
        }
        if let access = context.trail.access, TokenTrail.value(sentBy: exchange, in: access.carrier) != nil {
            switch access.carrier {
            case .authorization(let scheme): headers["Authorization"] = .string("\(scheme) {{token}}")
            case .header(let name): headers[name] = .string("{{token}}")
            case .cookie(let name): headers["Cookie"] = .string("\(name)={{token}}")
            case .body, .query: break
            }
        }
        var request: JSONObject = [:]
        if !headers.isEmpty { request["headers"] = .object(headers) }
        if !exchange.requestIsForm, let fields = exchange.requestFields {
            request["body"] = scrubbedRequestValue(.object(fields), key: nil)
        }
        return request.isEmpty ? nil : request
    }

    /// A request body value with secret members `[scrubbed]` and tokens and secrets in strings
    /// replaced, at any depth.
    private func scrubbedRequestValue(_ value: JSONValue, key: String?) -> JSONValue {
        if let key, context.scrubber.isSecretField(key), !value.isNull {
            let text = value.stringValue.map(context.scrubber.text)
            return text.map { $0.hasPrefix("{{") ? .string($0) : .string(SecretScrubber.placeholder) } ?? .string(SecretScrubber.placeholder)
        }
        switch value {
        case .string(let text): return .string(context.scrubber.text(text.replacingOccurrences(of: "{{", with: "{ {")))
        case .array(let elements): return .array(elements.map { scrubbedRequestValue($0, key: key) })
        case .object(let object):
            return .object(JSONObject(object.members.map { JSONObject.Member(key: $0.key, value: scrubbedRequestValue($0.value, key: $0.key)) }))
        case .null, .bool, .number: return value
        }
    }

    /// A login's `accepts` when its requests sent forms: `["form"]`, or with JSON too both;
    /// nil for JSON only (the default).
    func loginFormats() -> JSONValue? {
        let bodies = route.exchanges.filter { !$0.original.requestBody.isEmpty && $0.requestFields != nil }
        guard bodies.contains(where: \.requestIsForm) else { return nil }
        return .array((bodies.contains { !$0.requestIsForm } ? ["json", "form"] : ["form"]).map(JSONValue.string))
    }

    /// Keeps a token lifetime an answer showed, when it is 1 s to `longestLifetime`.
    private mutating func addLifetime(_ seconds: Int64) {
        if (1...Self.longestLifetime).contains(seconds) { lifetimes.append(seconds) }
    }

    /// Adds `note` to the interpretations unless it is there.
    private mutating func noteOnce(_ note: String) {
        if !notes.contains(note) { notes.append(note) }
    }
}
