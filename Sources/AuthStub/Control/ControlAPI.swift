import StubHTTP
import Synchronization

/// The control endpoint under its prefix (`/__control`). Control requests are never journaled.
/// This release answers `status`; the rest of the control API builds on it.
struct ControlAPI: Sendable {
    let prefix: String
    let engine: Engine

    func handles(_ path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + "/")
    }

    func handle(_ request: HTTPRequest) -> HTTPAction {
        let route = String(request.path.dropFirst(prefix.count))
        switch route {
        case "", "/", "/status":
            guard request.method == "GET" || request.method == "HEAD" else {
                return .respond(ControlResponse.methodNotAllowed(allow: "GET, HEAD"))
            }
            return .respond(ControlResponse.json(200, status()))
        default:
            return .respond(ControlResponse.error(404, "no control route \(request.method) \(request.path)"))
        }
    }

    private func status() -> JSONValue {
        let real = wallClockMilliseconds()
        let fixtures = engine.fixtures
        let clock = engine.state.withLock { $0.clock }
        let services: [JSONValue] = fixtures.services.map { service in
            .object([
                "name": .string(service.name),
                "title": service.title.map(JSONValue.string) ?? .null,
                "basePaths": .array(service.basePaths.map(JSONValue.string)),
                "endpoints": .int(service.endpoints.count),
            ])
        }
        return .object([
            "version": .string(AuthStubVersion.current),
            "services": .array(services),
            "fixtures": .int(fixtures.endpointCount),
            "clock": .object([
                "now": .string(RFC3339.string(epochSeconds: Int(clock.now(real: real) / 1000))),
                "frozen": .bool(clock.isFrozen),
                "offsetSeconds": .int(Int(clock.offsetMilliseconds / 1000)),
            ]),
        ])
    }
}

/// JSON answers of the control API.
enum ControlResponse {
    static func json(_ status: Int, _ body: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body.serializedBytes())
    }

    /// `{"error": message, "field": field}`.
    static func error(_ status: Int, _ message: String, field: String? = nil) -> HTTPResponse {
        var body: JSONObject = ["error": .string(message)]
        if let field { body["field"] = .string(field) }
        return json(status, .object(body))
    }

    static func methodNotAllowed(allow: String) -> HTTPResponse {
        var response = error(405, "method not allowed")
        response.headers.add(name: "Allow", value: allow)
        return response
    }
}
