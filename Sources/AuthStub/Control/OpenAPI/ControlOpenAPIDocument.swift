import StubHTTP

/// The control API as an OpenAPI 3.1 document, made from the same declarations the server
/// routes by (`ControlRoutes.all`) and the models' member schemas (`ControlSchema`), so the two
/// cannot drift. `GET /__control/openapi.json` serves it and `authstub openapi --control`
/// prints it; the two differ only in `servers`.
///
/// Every operation lists its success status and every refusal it can give: its declared
/// `refusals`, 401 (a control token is set and the request lacks it) and 403 (a foreign `Host` or
/// browser `Origin`, refused before the control API sees the request). A 405 answers only
/// methods that are not operations, and a 404 for an unknown path belongs to no operation.
public enum ControlOpenAPIDocument {
    /// The document, its one server `serverURL`: the control API's URL with its prefix,
    /// `http://127.0.0.1:8080/__control`.
    public static func make(serverURL: String, version: String = AuthStubVersion.current) -> JSONValue {
        var paths = JSONObject()
        for route in ControlRoutes.all {
            let path = route.path.segments.isEmpty ? "/" : route.path.description
            var item = paths[path]?.objectValue ?? JSONObject()
            item[route.method.rawValue.lowercased()] = .object(operation(route))
            paths[path] = .object(item)
        }
        return .object([
            "openapi": .string("3.1.0"),
            "info": .object([
                "title": .string("AuthStub control API"),
                "version": .string(version),
                "description": .string(
                    "Controls a running AuthStub server: faults, tokens, the clock, the journal, fixtures and users. "
                        + "Generated from the server's declared routes."
                ),
            ]),
            "servers": .array([.object(["url": .string(serverURL)])]),
            // Open without a control token; with one, every call needs it.
            "security": .array([.object([:]), .object([securityScheme: .array([])])]),
            "paths": .object(paths),
            "components": .object([
                "schemas": .object([errorSchema: .object(ControlSchema.object(ControlError.Field.self, title: errorSchema))]),
                "securitySchemes": .object([
                    securityScheme: .object([
                        "type": .string("http"),
                        "scheme": .string("bearer"),
                        "description": .string("The server's control token (`authstub serve --control-token`), when it has one."),
                    ])
                ]),
            ]),
        ])
    }

    private static let securityScheme = "controlToken"
    private static let errorSchema = "ControlError"

    /// What each refusal means, for every route that declares it.
    private static let refusalDescriptions: [HTTPStatus: String] = [
        400: "Bad input: `error` says what is wrong and `field` names the field or query parameter at fault.",
        401: "The server has a control token and the request did not carry it as `Authorization: Bearer <token>`.",
        403: "The request named another host in `Host`, or came from a browser origin that may not control this server.",
        404: "What the request names (an id, a token, a service, a user) does not exist, or the server is not doing what it asks about.",
        409: "The server's state stands in the way; `error` says how.",
        422: "The fixtures have problems, each listed in `problems`.",
    ]

    private static func operation(_ route: AnyControlRoute) -> JSONObject {
        var operation: JSONObject = [
            "operationId": .string(operationID(route)),
            "tags": .array([.string(tag(route.path))]),
        ]
        var parameters: [JSONValue] = route.path.segments.compactMap { segment in
            guard case .parameter(let name) = segment else { return nil }
            return .object([
                "name": .string(name), "in": .string("path"), "required": .bool(true), "schema": .object(["type": .string("string")]),
            ])
        }
        for parameter in route.query {
            parameters.append(
                .object([
                    "name": .string(parameter.name), "in": .string("query"), "required": .bool(parameter.schema.isRequired),
                    // A query parameter is text when sent, never null.
                    "schema": .object(parameter.schema.value),
                ])
            )
        }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let schema = route.bodySchema {
            operation["requestBody"] = .object([
                "required": .bool(route.body == .required),
                "content": .object(["application/json": .object(["schema": .object(schema)])]),
            ])
        }
        var responses = JSONObject()
        responses[String(route.statuses.first?.code ?? 200)] = .object(success(route))
        for status in route.statuses.dropFirst() + [401, 403] {
            responses[String(status.code)] = .object(refusal(status))
        }
        operation["responses"] = .object(responses)
        return operation
    }

    private static func success(_ route: AnyControlRoute) -> JSONObject {
        var response: JSONObject = ["description": .string(route.answerSchema == nil ? "Done; no body." : "The answer.")]
        guard let schema = route.answerSchema else { return response }
        var content: JSONObject = ["application/json": .object(["schema": .object(schema)])]
        // The control root answers a browser (`Accept: text/html`) with the dashboard page.
        if route.path.segments.isEmpty {
            content["text/html"] = .object(["schema": .object(["type": .string("string"), "description": .string("The dashboard page.")])])
        }
        response["content"] = .object(content)
        // A route that reads `after` is a paged listing.
        if route.query.contains(where: { $0.name == "after" }) {
            response["headers"] = .object([
                "Link": .object([
                    "description": .string("`<…&after=…>; rel=\"next\"` (RFC 8288) when more pages follow."),
                    "schema": .object(["type": .string("string")]),
                ])
            ])
        }
        return response
    }

    private static func refusal(_ status: HTTPStatus) -> JSONObject {
        var response: JSONObject = [
            "description": .string(refusalDescriptions[status] ?? "Refused."),
            "content": .object(["application/json": .object(["schema": .object(["$ref": .string("#/components/schemas/\(errorSchema)")])])]),
        ]
        if status == 401 {
            response["headers"] = .object([
                "WWW-Authenticate": .object(["required": .bool(true), "schema": .object(["type": .string("string")])])
            ])
        }
        return response
    }

    /// The path's first segment, which groups operations: `tokens`, `status` for the root.
    private static func tag(_ path: ControlPath) -> String {
        guard case .literal(let first)? = path.segments.first else { return "status" }
        return OpenAPINames.lowerCamelCase(OpenAPINames.words(first))
    }

    /// `getTokensByToken`, `postClientsRedirectUris`, `getRoot` for the control root.
    private static func operationID(_ route: AnyControlRoute) -> String {
        let words = route.path.segments.flatMap { segment in
            switch segment {
            case .literal(let literal): OpenAPINames.words(literal)
            case .parameter(let name): ["by"] + OpenAPINames.words(name)
            }
        }
        return OpenAPINames.lowerCamelCase(OpenAPINames.words(route.method.rawValue) + (words.isEmpty ? ["root"] : words))
    }
}
