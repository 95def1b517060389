extension OpenAPIDocument {
    /// The query parameters a route's role reads (OAuth 2.0's authorization request, RFC 6749
    /// §4.1.1 with RFC 7636 §4.3; OpenID Connect RP-Initiated Logout §2), so that a generated
    /// client can send them; required when a request without one cannot succeed.
    static func queryParameters(_ endpoint: EndpointFixture) -> [JSONValue] {
        let names: [(name: String, required: Bool)]
        switch endpoint.role {
        case .authorize:
            names = [
                ("response_type", true), ("client_id", true), ("redirect_uri", false), ("scope", false), ("state", false),
                ("code_challenge", false), ("code_challenge_method", false), ("nonce", false),
            ]
        case .endSession:
            names = [("id_token_hint", true), ("client_id", false), ("post_logout_redirect_uri", false), ("state", false)]
        default:
            names = []
        }
        return names.map { name, required in
            .object([
                "name": .string(name), "in": .string("query"), "required": .bool(required),
                "schema": JSONSchemaInference.type("string"),
            ])
        }
    }
}
