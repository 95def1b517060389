/// Compares a response body with a documented example by shape: the same keys and the same
/// JSON types, whatever the values.
enum BodyShape {
    /// Every difference, as `body.code: string, expected number`; empty when the shapes agree.
    static func drifts(expected: JSONValue, actual: JSONValue, at path: String = "body") -> [String] {
        let expectedType = typeName(ofTemplate: expected)
        guard expectedType == actual.typeName else { return ["\(path): \(actual.typeName), expected \(expectedType)"] }
        switch (expected, actual) {
        case (.object(let expectedObject), .object(let actualObject)):
            var drifts: [String] = []
            for member in expectedObject {
                if let value = actualObject[member.key] {
                    drifts += Self.drifts(expected: member.value, actual: value, at: "\(path).\(member.key)")
                } else {
                    drifts.append("\(path): missing key \"\(member.key)\"")
                }
            }
            for key in actualObject.keys where expectedObject[key] == nil {
                drifts.append("\(path): unexpected key \"\(key)\"")
            }
            return drifts
        case (.array(let expectedElements), .array(let actualElements)):
            guard let model = expectedElements.first else { return [] }
            return actualElements.enumerated().flatMap { index, element in
                Self.drifts(expected: model, actual: element, at: "\(path)[\(index)]")
            }
        default:
            return []
        }
    }

    /// The JSON type a fixture value stands for once its placeholders are filled in:
    /// `"{{status}}"` becomes a number, every other placeholder a string.
    static func typeName(ofTemplate value: JSONValue) -> String {
        if case .string(let text) = value, case .success(let template) = TemplateText.parse(text),
            template.soloPlaceholder == .status
        {
            return JSONValue.number("0").typeName
        }
        return value.typeName
    }
}
