/// Where a login example puts the token it issues (`{{token}}` in a header, as the whole body,
/// or as a top-level body field), and reading it back from a real answer.
enum TokenLocation {
    static func issues(_ example: ResponseExample) -> Bool {
        example.headers.contains { isToken($0.value) } || bodyIssuesToken(example.body)
    }

    static func issuedToken(by example: ResponseExample, in response: ContractResponse) -> String? {
        for header in example.headers where isToken(header.value) {
            if let value = response.header(header.name), !value.isEmpty { return value }
        }
        guard let template = example.body, bodyIssuesToken(template),
            let body = try? JSONValue.parse(response.body)
        else { return nil }
        if case .string(let text) = template, isToken(text) { return body.stringValue }
        for member in template.objectValue ?? [:] {
            if case .string(let text) = member.value, isToken(text) { return body[member.key]?.stringValue }
        }
        return nil
    }

    private static func bodyIssuesToken(_ body: JSONValue?) -> Bool {
        switch body {
        case .string(let text): isToken(text)
        case .object(let object): object.values.contains { $0.stringValue.map(isToken) ?? false }
        default: false
        }
    }

    private static func isToken(_ text: String) -> Bool {
        if case .success(let template) = TemplateText.parse(text) { template.soloPlaceholder == .token } else { false }
    }
}
