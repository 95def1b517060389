import Foundation
import StubHTTP

extension OpenAPIDocument {
    /// Adds the 502 and 504 a forward can answer to an operation of a service with a `"proxy"`
    /// whose route can leave a request unmatched (an endpoint with `match`), in AuthStub's own
    /// `{"error": …}` shape.
    static func addProxyAnswers(_ route: [EndpointFixture], of service: ServiceFixture, to responses: inout JSONObject) {
        guard service.proxy != nil, route.contains(where: { $0.match != nil }) else { return }
        let errorShape: JSONValue = .object([
            "type": .string("object"), "required": .array([.string("error")]),
            "properties": .object(["error": .object(["type": .string("string")])]),
        ])
        let answers: [(HTTPStatus, String)] = [
            (.badGateway, "a request no endpoint matches was forwarded to the service's proxy, which gave no usable answer"),
            (504, "a request no endpoint matches was forwarded to the service's proxy, which gave no complete answer in time"),
        ]
        for (status, description) in answers where responses[status.description] == nil {
            responses[status.description] = .object([
                "description": .string(description + " (AuthStub's own error shape)"),
                "content": .object(["application/json": .object(["schema": errorShape])]),
            ])
        }
    }

    /// The tags of the services with a `"proxy"`, each saying where its unmatched requests go.
    static func proxyTags(_ services: [ServiceFixture]) -> [JSONValue] {
        services.compactMap { service in
            guard let proxy = service.proxy else { return nil }
            let bases = service.basePaths.map { $0.isEmpty ? "/" : $0 }.joined(separator: ", ")
            return .object([
                "name": .string(service.name),
                "description": .string("Requests under \(bases) that no fixture matches are forwarded to \(proxy.absoluteString)."),
            ])
        }
    }
}
