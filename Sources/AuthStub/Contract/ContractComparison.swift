/// What `verify` compares between a documented example and a real answer: status, the
/// example's headers (present, values not compared), content type, and body shape.
enum ContractComparison {
    static func drifts(expected example: ResponseExample, actual response: ContractResponse) -> [String] {
        var drifts: [String] = []
        if response.status != example.status {
            drifts.append("status \(response.status), expected \(example.status)")
        }
        for header in example.headers where header.name.lowercased() != "content-type" {
            if response.header(header.name) == nil { drifts.append("missing header \(header.name)") }
        }
        guard let expectedBody = example.body else {
            if !response.body.isEmpty { drifts.append("a body of \(response.body.count) bytes, expected none") }
            return drifts
        }
        if let expectedType = example.mediaType {
            let actualType = response.header("Content-Type")
            if actualType.map(essence) != essence(expectedType) {
                drifts.append("content type \(actualType ?? "(none)"), expected \(expectedType)")
            }
        }
        do {
            let actualBody = try JSONValue.parse(response.body)
            drifts += BodyShape.drifts(expected: expectedBody, actual: actualBody)
        } catch {
            drifts.append("body is not JSON (\(error))")
        }
        return drifts
    }

    /// `application/json` for `Application/JSON; charset=utf-8`.
    static func essence(_ mediaType: String) -> String {
        (mediaType.split(separator: ";").first ?? "").trimmingSpaces().lowercased()
    }
}
