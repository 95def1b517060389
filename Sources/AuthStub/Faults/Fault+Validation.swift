import StubHTTP

extension Fault {
    /// The longest `delay` a fault may hold an answer back.
    static let longestDelay = Duration.seconds(600)

    /// The fault as the server keeps it (method in upper case), or a 400 naming the field at
    /// fault. The same checks run for Swift callers and the HTTP control API.
    func validated() throws(ControlError) -> Fault {
        var fault = self
        if let times, times < 1 {
            throw .badInput("times must be 1 or more (leave it out for a fault that lasts until removed)", field: "times")
        }
        if let method = match.method {
            guard method.isValid else {
                throw .badInput("\"\(method)\" is not an HTTP method", field: "match.method")
            }
            fault.match.method = method.uppercased
        }
        if let path = match.path, !path.hasPrefix("/") && path != "*" {
            throw .badInput("a path starts with \"/\" (\"*\" stands for any characters), not \"\(path)\"", field: "match.path")
        }
        if let token = match.token, token.isEmpty {
            throw .badInput("the token is empty", field: "match.token")
        }
        _ = try match.requestMatch()
        switch kind {
        case .status(let status, let headers, let body):
            try Self.check(status: status, headers: headers, body: body)
        case .delay(let duration):
            guard duration >= .zero, duration <= Self.longestDelay else {
                throw .badInput("a delay runs from 0 to 600000 ms", field: "delayMs")
            }
        case .unauthorized, .tokenExpired, .deprecatedRemoved, .drop, .reset, .malformed:
            break
        }
        return fault
    }

    private static func check(status: HTTPStatus, headers: [HTTPHeaderField], body: FaultBody?) throws(ControlError) {
        guard (200...599).contains(status) else {
            throw .badInput("status must be from 200 to 599, not \(status)", field: "status")
        }
        for header in headers {
            guard !header.name.isEmpty, header.name.utf8.allSatisfy(ASCII.isTokenByte) else {
                throw .badInput("\"\(header.name)\" is not a valid header name", field: "headers")
            }
            guard !FinishedResponse.isSetFromBody(header.name) else {
                throw .badInput("\(header.name) is set by AuthStub from the body", field: "headers.\(header.name)")
            }
            guard header.value.utf8.allSatisfy(ASCII.isFieldValueByte) else {
                throw .badInput("a header value must not contain CR, LF, NUL or other control characters", field: "headers.\(header.name)")
            }
        }
        if body != nil, !status.permitsBody {
            throw .badInput("a \(status) response has no body", field: "body")
        }
    }
}

extension FaultMatch {
    /// The selector `grant` stands for.
    static let grantSelector = ValueSelector(.body, "grant_type")

    /// The request values it asks for (`values` and `grant`) as one `RequestMatch`; nil when it
    /// asks for none. A 400 naming the entry at fault for a key that is no selector, a value
    /// that is no expectation, an empty `grant`, or `grant` beside `body.grant_type`.
    func requestMatch() throws(ControlError) -> RequestMatch? {
        guard !values.isEmpty || grant != nil else { return nil }
        var conditions: Set<RequestMatch.Condition> = []
        var seen: Set<ValueSelector> = []
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            let field = "match.\(key)"
            guard let selector = ValueSelector(key) else {
                throw .badInput("\"\(key)\" is not a selector (\(ValueSelector.syntax))", field: field)
            }
            guard seen.insert(selector).inserted else {
                throw .badInput("\(selector) is named twice (header names are case-insensitive)", field: field)
            }
            switch RequestMatch.Expectation.reading(value, describe: \.typeName) {
            case .success(let expectation): conditions.insert(RequestMatch.Condition(selector: selector, expectation: expectation))
            case .failure(let problem): throw .badInput("\(field): \(problem.reason)", field: problem.index.map { "\(field)[\($0)]" } ?? field)
            }
        }
        if let grant {
            guard !grant.isEmpty else { throw .badInput("the grant type is empty", field: "match.grant") }
            guard !seen.contains(Self.grantSelector) else {
                throw .badInput("grant stands for \(Self.grantSelector); give one or the other", field: "match.grant")
            }
            conditions.insert(RequestMatch.Condition(selector: Self.grantSelector, expectation: .oneOf([grant])))
        }
        return RequestMatch(conditions: conditions)
    }
}
