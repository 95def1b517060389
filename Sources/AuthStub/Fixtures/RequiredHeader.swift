import StubHTTP

/// A request header a service (or one endpoint) requires before anything else, like Supabase's
/// `apikey`: missing or wrong, the request is refused with `"when": "badHeader"`.
public struct RequiredHeader: Sendable, Equatable {
    /// The header's name, compared case-insensitively (RFC 9110 §5.1).
    public var name: String
    /// The values it accepts, compared exactly; empty: any non-empty value.
    public var values: [String]
}

extension RequiredHeader {
    /// The refusal for the first of `headers`' requirements that `request` misses: `missing`
    /// when it sends no value (or an empty one), `wrong` when it sends one not listed.
    static func refusal(_ required: [RequiredHeader], in request: HTTPHeaders) -> Refusal? {
        for header in required {
            guard let value = request[header.name], !value.isEmpty else {
                return Refusal(.badHeader, "the \(header.name) header is required", reason: "missing header \(header.name)", cause: .missing)
            }
            if !header.values.isEmpty, !header.values.contains(value) {
                return Refusal(.badHeader, "the \(header.name) header is not valid", reason: "wrong value of header \(header.name)", cause: .wrong)
            }
        }
        return nil
    }
}

extension FixtureReader {
    /// `"requiredHeaders": [{"name": "apikey", "values": ["…"]}]` of a service or an endpoint;
    /// nil when the key is absent.
    mutating func requiredHeaders(_ object: JSONObject, at path: String) -> [RequiredHeader]? {
        guard let elements = array(object, "requiredHeaders", at: path) else { return nil }
        let listPath = Self.path(path, "requiredHeaders")
        var headers: [RequiredHeader] = []
        for (index, element) in elements.enumerated() {
            let headerPath = Self.path(listPath, index)
            guard let header = self.object(element, at: headerPath, allowed: ["name", "values"], required: ["name"]),
                let name = nonEmptyString(header, "name", at: headerPath)
            else { continue }
            if !isToken(name) {
                report(Self.path(headerPath, "name"), "\"\(name)\" is not a valid header name")
            } else if headers.contains(where: { $0.name.lowercased() == name.lowercased() }) {
                report(Self.path(headerPath, "name"), "the header \"\(name)\" is listed twice")
            }
            let values = stringArray(header, "values", at: headerPath)
            if values?.isEmpty == true {
                report(Self.path(headerPath, "values"), "list at least one value, or leave \"values\" out to accept any non-empty value")
            }
            for (valueIndex, value) in (values ?? []).enumerated() where value.isEmpty || !value.utf8.allSatisfy(ASCII.isFieldValueByte) {
                report(Self.path(Self.path(headerPath, "values"), valueIndex), "a header value must not be empty or hold control characters")
            }
            headers.append(RequiredHeader(name: name, values: values ?? []))
        }
        return headers
    }
}
