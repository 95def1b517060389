import StubHTTP

/// The control API over HTTP, under its prefix (`/__control`): JSON in, typed engine
/// operations, JSON out. Control requests are never journaled and never hit by faults.
struct ControlAPI: Sendable {
    let prefix: String
    let engine: Engine
    /// When set, every control request needs `Authorization: Bearer <token>`.
    let controlToken: String?

    func handles(_ path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + "/")
    }

    func handle(_ request: HTTPRequest) -> HTTPAction {
        let isRoot = request.path == prefix || request.path == prefix + "/"
        var response = answer(request, isRoot: isRoot)
        // The root answers a GET with the page or the JSON status (or the 401 guarding it) by
        // Accept, so caches must key those answers on it (RFC 9110 §12.5.5).
        if isRoot, request.method == .get || request.method == .head { response.addVary("Accept") }
        return .respond(response)
    }

    private func answer(_ request: HTTPRequest, isRoot: Bool) -> HTTPResponse {
        // The page holds no data (it asks for the control token itself when one is needed).
        if isRoot, Dashboard.wants(request) { return Dashboard.response }
        if let refusal = authorize(request) { return refusal }
        do {
            return try route(request)
        } catch {
            return Self.response(error)
        }
    }

    /// A 401 unless the request carries the control token (when one is required).
    private func authorize(_ request: HTTPRequest) -> HTTPResponse? {
        guard let controlToken else { return nil }
        let presented = Engine.token(in: request, carrier: .bearer)
        if let presented, ControlToken.matches(presented, controlToken) { return nil }
        var response = Self.response(
            ControlError(
                status: 401,
                message: presented == nil
                    ? "control requests to this server need Authorization: Bearer <control token>"
                    : "the control token is wrong",
                field: "Authorization"
            )
        )
        response.headers.add(name: "WWW-Authenticate", value: "Bearer realm=\"authstub-control\"")
        return response
    }

    /// Finds the declared route for the request's path and method and lets it answer.
    private func route(_ request: HTTPRequest) throws(ControlError) -> HTTPResponse {
        let rest = request.path.dropFirst(prefix.count)
        let segments = rest.split(separator: "/").map { PercentDecoding.decode($0) }
        let noRoute = ControlError.notFound("no control route \(request.method) \(request.path)")
        // An empty segment (`/faults/`, `/tokens//expire`) is no route: skipping it would turn
        // "remove fault <empty id>" into "remove every fault".
        if rest != "/", rest.split(separator: "/", omittingEmptySubsequences: false).dropFirst().contains(where: \.isEmpty) {
            throw noRoute
        }
        let candidates = ControlRoutes.routes(at: segments)
        guard !candidates.isEmpty else { throw noRoute }
        let lookup = request.method == .head ? .get : request.method
        guard let (route, parameters) = candidates.first(where: { $0.route.method == lookup }) else {
            var allowed = candidates.map(\.route.method.rawValue)
            if allowed.contains("GET") { allowed.append("HEAD") }
            var response = Self.response(
                ControlError(status: 405, message: "\(request.path) answers \(allowed.joined(separator: ", ")), not \(request.method)")
            )
            response.headers.add(name: "Allow", value: allowed.joined(separator: ", "))
            return response
        }
        let message = ControlMessage(
            parameters: parameters,
            query: PercentDecoding.parameters(request.query),
            body: try Self.body(request, route.body),
            controlURL: request.headers["Host"].map { "http://\($0)\(prefix)" } ?? prefix
        )
        let answer = try route.respond(engine, message)
        var response = answer.body.map { Self.json(answer.status, bytes: $0) } ?? HTTPResponse(status: answer.status)
        if let next = answer.next { response.headers.add(name: "Link", value: NextLink.value(for: request, after: next)) }
        return response
    }

    /// The request's JSON body, as the route reads it.
    private static func body(_ request: HTTPRequest, _ use: ControlBody) throws(ControlError) -> JSONValue? {
        switch use {
        case .none: return nil
        case .optional where request.body.isEmpty: return nil
        case .required, .optional:
            guard !request.body.isEmpty else { throw .badInput("the request body is empty; send a JSON object", field: nil) }
            do {
                return try JSONValue.parse(request.body)
            } catch {
                throw .badInput("the request body is not JSON: \(error)", field: nil)
            }
        }
    }

    static func json(_ status: HTTPStatus, _ body: JSONValue) -> HTTPResponse {
        json(status, bytes: body.serializedBytes())
    }

    /// A JSON answer already serialized.
    static func json(_ status: HTTPStatus, bytes: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json", "Cache-Control": "no-store"], body: bytes)
    }

    static func response(_ error: ControlError) -> HTTPResponse {
        json(error.status, error.json)
    }
}
