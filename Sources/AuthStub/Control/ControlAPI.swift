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
        // The page holds no data (it asks for the control token itself when one is needed).
        if request.path == prefix || request.path == prefix + "/", Dashboard.wants(request) { return .respond(Dashboard.response) }
        if let refusal = authorize(request) { return .respond(refusal) }
        do {
            return .respond(try route(request))
        } catch {
            return .respond(Self.response(error))
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

    private func route(_ request: HTTPRequest) throws(ControlError) -> HTTPResponse {
        let rest = request.path.dropFirst(prefix.count)
        let segments = rest.split(separator: "/").map { PercentDecoding.decode($0) }
        let method = request.method
        // An empty segment (`/faults/`, `/tokens//expire`) is no route: skipping it would turn
        // "remove fault <empty id>" into "remove every fault".
        if rest != "/", rest.split(separator: "/", omittingEmptySubsequences: false).dropFirst().contains(where: \.isEmpty) {
            throw .notFound("no control route \(request.method) \(request.path)")
        }
        func on(_ handlers: [(String, () throws(ControlError) -> HTTPResponse)]) throws(ControlError) -> HTTPResponse {
            let lookup = method == "HEAD" ? "GET" : method
            guard let handler = handlers.first(where: { $0.0 == lookup })?.1 else {
                var allowed = handlers.map(\.0)
                if allowed.contains("GET") { allowed.append("HEAD") }
                var response = Self.response(
                    ControlError(status: 405, message: "\(request.path) answers \(allowed.joined(separator: ", ")), not \(method)")
                )
                response.headers.add(name: "Allow", value: allowed.joined(separator: ", "))
                return response
            }
            return try handler()
        }

        guard segments.count <= 3 else { throw .notFound("no control route \(request.method) \(request.path)") }
        let parts = (segments.first, segments.count > 1 ? segments[1] : nil, segments.count > 2 ? segments[2] : nil)
        switch parts {
        case (nil, nil, nil), ("status", nil, nil):
            return try on([("GET", { Self.ok(engine.status().json) })])
        case ("reset", nil, nil):
            return try on([
                (
                    "POST",
                    {
                        engine.reset()
                        return Self.noContent
                    }
                )
            ])
        case ("faults", nil, nil):
            return try on([
                ("GET", { Self.ok(.object(["faults": .array(engine.faults().map(\.json))])) }),
                (
                    "POST",
                    { () throws(ControlError) in
                        Self.created(try engine.addFault(try Fault.decode(try Self.body(request), strict: true)).json)
                    }
                ),
                (
                    "DELETE",
                    {
                        engine.clearFaults()
                        return Self.noContent
                    }
                ),
            ])
        case ("faults", let id?, nil):
            return try on([
                (
                    "GET",
                    { () throws(ControlError) in Self.ok(try engine.fault(id: id).json) }
                ),
                (
                    "DELETE",
                    { () throws(ControlError) in
                        try engine.removeFault(id: id)
                        return Self.noContent
                    }
                ),
            ])
        case ("tokens", nil, nil):
            return try on([
                ("GET", { Self.ok(.object(["tokens": .array(engine.tokens().map(\.json))])) }),
                (
                    "POST",
                    { () throws(ControlError) in
                        let request = try TokenRequest.decode(try Self.body(request), strict: true)
                        return Self.created(try engine.mintToken(service: request.service, user: request.user).json)
                    }
                ),
            ])
        case ("tokens", "expire", nil):
            return try on([("POST", { Self.ok(.object(["expired": .int(engine.expireAllTokens())])) })])
        case ("tokens", let token?, nil):
            return try on([
                (
                    "GET",
                    { () throws(ControlError) in Self.ok(try engine.tokenInfo(token).json) }
                ),
                (
                    "PATCH",
                    { () throws(ControlError) in
                        let enabling = try TokenEnabling.decode(try Self.body(request), strict: true)
                        return Self.ok(try engine.setToken(token, enabled: enabling.enabled).json)
                    }
                ),
            ])
        case ("tokens", let token?, "expire"):
            return try on([("POST", { () throws(ControlError) in Self.ok(try engine.expireToken(token).json) })])
        case ("clock", nil, nil):
            return try on([
                ("GET", { Self.ok(engine.clock().json) }),
                (
                    "POST",
                    { () throws(ControlError) in Self.ok(try engine.changeClock(try ClockChange.decode(try Self.body(request), strict: true)).json) }
                ),
            ])
        case ("requests", nil, nil):
            return try on([
                (
                    "GET",
                    { () throws(ControlError) in
                        let filter = try JournalFilter(ControlQuery(PercentDecoding.parameters(request.query), kind: JournalFilter.parameterKind))
                        let listing = engine.requestListing(filter)
                        return Self.json(200, bytes: listing.bytes)
                    }
                ),
                (
                    "DELETE",
                    {
                        engine.clearRequests()
                        return Self.noContent
                    }
                ),
            ])
        case ("requests", "count", nil):
            return try on([
                (
                    "POST",
                    { () throws(ControlError) in
                        let body = request.body.isEmpty ? JSONValue.object([:]) : try Self.body(request)
                        return Self.ok(.object(["count": .int(engine.countRequests(try JournalFilter.decode(body, strict: true)))]))
                    }
                )
            ])
        case ("deprecations", nil, nil):
            return try on([
                ("GET", { Self.ok(.object(["deprecations": .array(engine.deprecations().map(\.json))])) }),
                (
                    "PUT",
                    { () throws(ControlError) in
                        Self.ok(try engine.setDeprecation(try DeprecationChange.decode(try Self.body(request), strict: true)).json)
                    }
                ),
            ])
        case ("fixtures", nil, nil):
            return try on([
                ("GET", { Self.ok(.object(["fixtures": .array(engine.fixtureSummaries().map(\.json))])) }),
                (
                    "POST",
                    { () throws(ControlError) in
                        let added = try engine.addFixtures(try FixtureAddition.decode(try Self.body(request), strict: true))
                        return Self.created(.object(["fixtures": .array(added.map(\.json))]))
                    }
                ),
            ])
        case ("fixtures", "reload", nil):
            return try on([
                (
                    "POST",
                    { () throws(ControlError) in
                        Self.ok(.object(["fixtures": .array(try engine.reloadFixtures().map(\.json))]))
                    }
                )
            ])
        case ("users", nil, nil):
            return try on([
                ("GET", { Self.ok(.object(["users": .array(engine.users().map(\.json))])) }),
                (
                    "POST",
                    { () throws(ControlError) in Self.ok(try engine.setUser(try ServiceUser.decode(try Self.body(request), strict: true)).json) }
                ),
            ])
        case ("pact", nil, nil):
            return try on([
                (
                    "GET",
                    { () throws(ControlError) in
                        let names = try PactNames(ControlQuery(PercentDecoding.parameters(request.query), kind: PactNames.parameterKind))
                        return Self.ok(engine.pact(consumer: names.consumer, provider: names.provider))
                    }
                )
            ])
        case ("provider-states", nil, nil):
            return try on([
                (
                    "POST",
                    { () throws(ControlError) in
                        Self.ok(try engine.applyProviderState(try ProviderStateChange.decode(try Self.body(request), strict: true)).json)
                    }
                )
            ])
        default:
            throw .notFound("no control route \(request.method) \(request.path)")
        }
    }

    /// The request's JSON body.
    private static func body(_ request: HTTPRequest) throws(ControlError) -> JSONValue {
        guard !request.body.isEmpty else { throw .badInput("the request body is empty; send a JSON object", field: nil) }
        do {
            return try JSONValue.parse(request.body)
        } catch {
            throw .badInput("the request body is not JSON: \(error)", field: nil)
        }
    }

    private static func ok(_ body: JSONValue) -> HTTPResponse { json(200, body) }
    private static func created(_ body: JSONValue) -> HTTPResponse { json(201, body) }
    private static let noContent = HTTPResponse(status: 204)

    static func json(_ status: Int, _ body: JSONValue) -> HTTPResponse {
        json(status, bytes: body.serializedBytes())
    }

    /// A JSON answer already serialized.
    static func json(_ status: Int, bytes: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json", "Cache-Control": "no-store"], body: bytes)
    }

    static func response(_ error: ControlError) -> HTTPResponse {
        json(error.status, error.json)
    }
}
