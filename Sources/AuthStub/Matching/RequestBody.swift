import StubHTTP

/// Reads a request's body in one of the formats an endpoint takes.
enum RequestBody {
    /// The body as an object, with the format its `Content-Type` named: nil when it is empty
    /// and not `required`; 415 when its `Content-Type` is none of `accepts` (the message lists
    /// them); 400 when it is empty but required, or does not parse, or (JSON) is not an object.
    static func read(
        _ request: HTTPRequest,
        accepts: [RequestBodyType],
        required: Bool
    ) -> Result<(object: JSONObject, format: RequestBodyType)?, Refusal> {
        if request.body.isEmpty && !required { return .success(nil) }
        let contentType = request.headers["Content-Type"]
        guard let contentType, let format = accepts.first(where: { $0.matches(contentType: contentType) }) else {
            let given = contentType.map { "'\($0)'" } ?? "none"
            let expected = accepts.map(\.mediaType).joined(separator: " or ")
            return .failure(Refusal(.unsupportedMediaType, "Content-Type must be \(expected), not \(given)"))
        }
        guard !request.body.isEmpty else { return .failure(Refusal(.badRequest, "the request body is empty")) }
        if format == .form { return FormBody.parse(request.body).map { ($0, format) } }
        let value: JSONValue
        do {
            value = try JSONValue.parse(request.body)
        } catch {
            return .failure(Refusal(.badRequest, "the request body is not JSON: \(error)"))
        }
        guard case .object(let object) = value else {
            return .failure(Refusal(.badRequest, "the request body must be a JSON object (found \(value.typeName))"))
        }
        return .success((object, format))
    }
}
