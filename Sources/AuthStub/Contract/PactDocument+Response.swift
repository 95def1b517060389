import StubHTTP

extension PactDocument {
    /// The documented response (or the service's error shape when no example documents the
    /// refusal), its placeholders filled from the journal entry, matched by type: values may
    /// differ, keys and JSON types may not. Headers whose values are live match any value.
    static func response(_ entry: JournalEntry, status: HTTPStatus, example: ResponseExample?, service: ServiceFixture) -> JSONValue {
        let templateHeaders =
            example?.headers
            ?? [HeaderTemplate(name: "Content-Type", value: service.errors.mediaType)] + service.errors.headers
        let body = example.map(\.body) ?? (status >= 400 ? service.errors.body : nil)
        var headers = JSONObject()
        var headerRules = JSONObject()
        for header in templateHeaders {
            guard case .success(let template) = TemplateText.parse(header.value) else { continue }
            headers[header.name] = .string(fill(template, entry: entry, status: status))
            if template.pieces.contains(where: { if case .placeholder = $0 { true } else { false } }) {
                headerRules[header.name] = .object(["matchers": .array([.object(["match": .string("regex"), "regex": .string(".+")])])])
            }
        }
        var response: JSONObject = ["status": .int(status.code), "headers": .object(headers)]
        var rules = JSONObject()
        if let body, status != 204 {
            response["body"] = filled(body, entry: entry, status: status)
            rules["body"] = .object(["$": .object(["matchers": .array([.object(["match": .string("type")])])])])
        }
        if !headerRules.isEmpty { rules["header"] = .object(headerRules) }
        if !rules.isEmpty { response["matchingRules"] = .object(rules) }
        return .object(response)
    }

    /// A body template with its placeholders replaced by the entry's values.
    private static func filled(_ value: JSONValue, entry: JournalEntry, status: HTTPStatus) -> JSONValue {
        switch value {
        case .string(let text):
            guard case .success(let template) = TemplateText.parse(text) else { return value }
            if template.soloPlaceholder == .status { return .int(status.code) }
            return .string(fill(template, entry: entry, status: status))
        case .object(let object):
            var result = JSONObject()
            for member in object { result[member.key] = filled(member.value, entry: entry, status: status) }
            return .object(result)
        case .array(let elements):
            return .array(elements.map { filled($0, entry: entry, status: status) })
        default:
            return value
        }
    }

    private static func fill(_ template: TemplateText, entry: JournalEntry, status: HTTPStatus) -> String {
        let requestBody = (try? JSONValue.parse(entry.body))?.objectValue
        return template.pieces.map { piece in
            switch piece {
            case .literal(let text): text
            case .placeholder(.token): entry.token ?? "00000000-0000-4000-8000-000000000000"
            case .placeholder(.now): entry.timeText
            case .placeholder(.user): entry.user ?? "user"
            case .placeholder(.status): status.description
            case .placeholder(.message): entry.reason ?? "refused"
            case .placeholder(.credentials): ""
            case .placeholder(.tokenTime), .placeholder(.refreshTokenTime), .placeholder(.refreshToken): ""  // the journal keeps neither
            case .placeholder(.userField): ""  // nor user data
            case .placeholder(.csrfToken): ""  // nor CSRF values
            case .placeholder(.issuer), .placeholder(.jwks), .placeholder(.idToken): ""  // nor the issuer, keys and ID tokens
            case .placeholder(.client), .placeholder(.scope), .placeholder(.code), .placeholder(.redirect): ""  // nor OAuth 2.0 grants
            case .placeholder(.retryAfter): entry.responseHeaders.first { $0.name == "Retry-After" }?.value ?? ""
            case .placeholder(.request(let selector)): selector.source == .body ? requestBody?[selector.name]?.stringValue ?? "" : ""
            }
        }.joined()
    }
}
