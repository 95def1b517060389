/// Fills the placeholders of a fixture example.
enum TemplateRenderer {
    /// The example with every placeholder replaced. A string that is exactly one placeholder
    /// becomes that value (a number stays a number); an object member whose sole placeholder
    /// has no value is left out; elsewhere a missing value is `null`.
    static func render(_ template: JSONValue, with values: TemplateValues) -> JSONValue {
        switch template {
        case .string(let text):
            return renderString(text, with: values) ?? .null
        case .array(let elements):
            return .array(elements.map { render($0, with: values) })
        case .object(let object):
            var members: [JSONObject.Member] = []
            members.reserveCapacity(object.count)
            for member in object {
                if case .string(let text) = member.value {
                    guard let rendered = renderString(text, with: values) else { continue }
                    members.append(JSONObject.Member(key: member.key, value: rendered))
                } else {
                    members.append(JSONObject.Member(key: member.key, value: render(member.value, with: values)))
                }
            }
            return .object(JSONObject(members))
        case .null, .bool, .number:
            return template
        }
    }

    /// A header value or other text with its placeholders filled in.
    static func render(_ text: String, with values: TemplateValues) -> String {
        guard text.contains("{{"), case .success(let template) = TemplateText.parse(text) else { return text }
        return interpolate(template, with: values)
    }

    /// nil when the string is a sole placeholder without a value.
    private static func renderString(_ text: String, with values: TemplateValues) -> JSONValue? {
        guard text.contains("{{"), case .success(let template) = TemplateText.parse(text) else { return .string(text) }
        if let solo = template.soloPlaceholder { return values.value(of: solo) }
        return .string(interpolate(template, with: values))
    }

    private static func interpolate(_ template: TemplateText, with values: TemplateValues) -> String {
        var out = ""
        for piece in template.pieces {
            switch piece {
            case .literal(let text): out += text
            case .placeholder(let placeholder): out += values.text(of: placeholder)
            }
        }
        return out
    }
}
