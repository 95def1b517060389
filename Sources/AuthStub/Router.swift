import StubHTTP

/// Sends each request to the control API or (once fixtures exist) to the fixture engine.
/// For now only the control `status` route exists; everything else is 404.
struct Router: Sendable {
    let controlPrefix: String

    func handle(_ request: HTTPRequest) async -> HTTPAction {
        if request.path == controlPrefix + "/status" || request.path == controlPrefix {
            guard request.method == "GET" || request.method == "HEAD" else {
                return .respond(methodNotAllowed(allow: "GET, HEAD"))
            }
            return .respond(status())
        }
        return .respond(.error(status: 404, message: "no route for \(request.method) \(request.path)"))
    }

    private func status() -> HTTPResponse {
        let now = RFC3339.string(epochSeconds: wallClockSeconds())
        let body = "{\"version\":\(JSONText.quoted(AuthStubVersion.current)),\"services\":[],\"fixtures\":0,"
            + "\"clock\":{\"now\":\(JSONText.quoted(now)),\"frozen\":false,\"offsetSeconds\":0}}"
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], text: body)
    }

    private func methodNotAllowed(allow: String) -> HTTPResponse {
        var response = HTTPResponse.error(status: 405, message: "method not allowed")
        response.headers.add(name: "Allow", value: allow)
        return response
    }
}
