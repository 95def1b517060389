import AuthStub
import FuzzSupport
import StubHTTP

/// Serves a fixture file that read without problems: adds it at run time through the control API
/// of an in-process server (never started: no socket), calls the routes it added, then resets.
/// Adding at run time must succeed exactly when loading the same set from disk would.
enum FixtureServing {
    static let server: AuthStubServer = {
        var options = AuthStubServer.Options()
        options.seed = 1
        do {
            return try AuthStubServer(options: options)
        } catch {
            fatalError("the bundled fixtures do not load: \(error)")
        }
    }()

    /// The endpoints a fuzzed `service.json` is served with: a login and a route behind its token,
    /// whose bodies use every placeholder.
    static let endpointDocuments: [JSONValue] = [
        #"{"kind": "endpoint", "name": "login", "method": "POST", "path": "/login", "role": "login", "responses": ["#
            + #"{"name": "ok", "when": "success", "status": 200, "body": {"token": "{{token}}", "user": "{{user}}", "#
            + #""at": "{{now}}", "note": "{{request.body.note}}"}}, "#
            + #"{"name": "denied", "when": "badCredentials", "status": 401, "body": {"message": "{{message}} {{credentials}}"}}]}"#,
        #"{"kind": "endpoint", "name": "me", "method": "GET", "path": "/me", "role": "requiresToken", "responses": ["#
            + #"{"name": "ok", "when": "success", "status": 200, "body": {"user": "{{user}}", "status": "{{status}}"}}, "#
            + #"{"name": "expired", "when": "badToken", "status": 401, "body": {"message": "{{message}}"}}]}"#,
    ].map { text in
        do {
            return try JSONValue.parse(text)
        } catch {
            fatalError("an inline endpoint is not JSON: \(error)")
        }
    }

    static let endpoints: [EndpointFixture] = endpointDocuments.map { document in
        let read = FixtureLoader.readEndpoint(document.serializedBytes(), file: "inline")
        guard let endpoint = read.endpoint else { fatalError("an inline endpoint does not read: \(read.problems)") }
        return endpoint
    }

    /// Adds `document` as a new service with `endpoints`, then logs in and calls the token route.
    static func add(service: ServiceFixture, document: JSONValue, expectAdded: Bool) {
        let body = JSONValue.object(["service": document, "endpoints": .array(endpointDocuments)])
        guard add(body, expectAdded: expectAdded) else { return }
        for base in service.basePaths {
            let login = call("POST", base + "/login", body: #"{"username": "u", "password": "p", "note": "n"}"#)
            var token = "unknown"
            if case .respond(let response) = login, let issued = (try? JSONValue.parse(response.body))?["token"]?.stringValue {
                token = issued
            }
            var tokenHeader: String?
            if let name = service.token.carrier.headerName { tokenHeader = name }
            call("GET", base + "/me", token: token, tokenHeader: tokenHeader)
        }
        reset()
    }

    /// Adds `document` as an endpoint of `service`, then calls it under each base path.
    static func add(endpoint: EndpointFixture, document: JSONValue, to service: ServiceFixture, expectAdded: Bool) {
        guard add(.object(["service": .string(service.name), "endpoint": document]), expectAdded: expectAdded) else { return }
        let body = endpoint.request?.body.map { String(decoding: $0.serializedBytes(), as: UTF8.self) }
        for base in service.basePaths {
            call(endpoint.method, base + endpoint.path, body: body ?? #"{"username": "user", "password": "secret"}"#)
        }
        reset()
    }

    private static func add(_ body: JSONValue, expectAdded: Bool) -> Bool {
        guard case .respond(let response) = control("POST", "fixtures", body: body.serializedBytes()) else {
            fatalError("invariant broken: POST /__control/fixtures was not answered")
        }
        require(
            response.status == (expectAdded ? 201 : 400),
            "loading from disk \(expectAdded ? "works" : "fails"), adding at run time answers \(response.status): "
                + String(decoding: response.body, as: UTF8.self)
        )
        return response.status == 201
    }

    private static func reset() {
        guard case .respond(let response) = control("POST", "reset", body: []), response.status == 204 else {
            fatalError("invariant broken: reset failed")
        }
    }

    private static func control(_ method: HTTPMethod, _ route: String, body: [UInt8]) -> HTTPAction {
        server.respond(
            to: HTTPRequest(
                method: method,
                path: "/__control/" + route,
                headers: ["Host": "127.0.0.1", "Content-Type": "application/json"],
                body: body
            )
        )
    }

    /// Calls an API route with every kind of credential and token, and checks the answer.
    @discardableResult
    private static func call(
        _ method: HTTPMethod,
        _ path: String,
        body: String? = nil,
        token: String = "unknown",
        tokenHeader: String? = nil
    ) -> HTTPAction {
        let headers: HTTPHeaders = [
            "Host": "127.0.0.1", "Content-Type": "application/json", "Accept": "*/*",
            "Authorization": "Basic dTpw", "auth-token": token, "X-Token": token,
        ]
        var request = HTTPRequest(method: method, path: path, headers: headers, body: Array((body ?? "").utf8))
        if body == nil { request.headers.set(name: "Authorization", value: "Bearer " + token) }
        if let tokenHeader { request.headers.set(name: tokenHeader, value: token) }
        let action = server.respond(to: request)
        if case .respond(let response) = action {
            require((100...599).contains(response.status), "\(method) \(path) answered \(response.status)")
            if !response.status.permitsBody {
                require(response.body.isEmpty, "\(method) \(path) answered \(response.status) with a body")
            }
        }
        return action
    }
}
