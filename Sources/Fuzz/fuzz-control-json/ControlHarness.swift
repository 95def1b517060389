import AuthStub
import FuzzSupport
import StubHTTP

/// Sends one input to the control API of an in-process server (never started: no socket) and
/// checks the answer. A login goes to the API before and after it, so that filters and the Pact
/// export have a journal to read and added faults, fixtures and clock changes are applied; the
/// server is reset after every input.
///
/// Input layout: byte 0 picks a route that takes a JSON body (`bodyRoutes`) and the rest is the
/// body; from `bodyRoutes.count` up, byte 0 picks a method and the rest is the path after
/// `/__control/`, with an optional `?query`.
enum ControlHarness {
    static let bodyRoutes: [(method: HTTPMethod, path: String)] = [
        ("POST", "faults"), ("POST", "clock"), ("PUT", "deprecations"), ("POST", "fixtures"), ("POST", "users"),
        ("POST", "tokens"), ("PATCH", "tokens/t"), ("POST", "requests/count"), ("POST", "provider-states"),
    ]
    static let methods: [HTTPMethod] = ["GET", "POST", "DELETE", "PATCH", "PUT", "HEAD"]
    static let statuses: Set<HTTPStatus> = [200, 201, 204, 400, 404, 405, 409, 422]

    static let server: AuthStubServer = {
        var options = AuthStubServer.Options()
        options.seed = 1
        do {
            return try AuthStubServer(options: options)
        } catch {
            fatalError("the bundled fixtures do not load: \(error)")
        }
    }()

    static func run(_ input: [UInt8]) {
        guard let selector = input.first else { return }
        let rest = Array(input.dropFirst())
        let choice = Int(selector) % (bodyRoutes.count + methods.count)
        APICall.login(server)
        if choice < bodyRoutes.count {
            JSONRoundTrip.check(rest)
            let route = bodyRoutes[choice]
            let response = send(route.method, route.path, body: rest)
            if route.path == "faults" || route.path == "users", response.status.kind == .successful {
                checkResent(route.path, response)
            }
        } else {
            let target = String(decoding: rest, as: UTF8.self).split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            send(methods[choice - bodyRoutes.count], String(target.first ?? ""), query: target.dropFirst().first.map(String.init), body: [])
        }
        APICall.login(server)
        let reset = send("POST", "reset", body: [])
        require(reset.status == 204, "reset answered \(reset.status)")
    }

    /// Sends a control request and checks the answer: a known status, JSON (an `error` string
    /// on refusals) unless it is a 204.
    @discardableResult
    static func send(_ method: HTTPMethod, _ path: String, query: String? = nil, body: [UInt8]) -> HTTPResponse {
        let request = HTTPRequest(
            method: method,
            path: "/__control/" + path,
            query: query,
            headers: ["Host": "127.0.0.1", "Content-Type": "application/json"],
            body: body
        )
        guard case .respond(let response) = server.respond(to: request) else {
            fatalError("invariant broken: \(method) /__control/\(path) was not answered with a response")
        }
        require(statuses.contains(response.status), "\(method) /__control/\(path) answered \(response.status)")
        guard response.status != 204 else {
            require(response.body.isEmpty, "a 204 with a body")
            return response
        }
        guard case .object(let object)? = try? JSONValue.parse(response.body) else {
            fatalError("invariant broken: \(method) /__control/\(path) answered \(response.status) without a JSON object")
        }
        if response.status.isError {
            require(object["error"]?.stringValue?.isEmpty == false, "a \(response.status) without an error message")
        }
        return response
    }

    /// What a route accepted and answered with, sent again (without the members the server adds),
    /// is accepted again and answered the same way: decoding and encoding agree.
    static func checkResent(_ path: String, _ response: HTTPResponse) {
        guard case .object(var object)? = try? JSONValue.parse(response.body) else { return }
        for key in ["id", "remaining", "applied"] { object[key] = nil }
        let again = send("POST", path, body: JSONValue.object(object).serializedBytes())
        require(again.status == response.status, "resent, \(object) answered \(again.status), not \(response.status)")
        guard case .object(var first)? = try? JSONValue.parse(response.body),
            case .object(var second)? = try? JSONValue.parse(again.body)
        else { return }
        // A fault comes back with a new id.
        first["id"] = nil
        second["id"] = nil
        require(first == second, "resent, \(first) came back as \(second)")
    }
}
