import StubHTTP

/// The requests the soak sends: the bundled services' logins and logouts, and the control
/// API's calls. Each is one keep-alive HTTP/1.1 request.
enum SoakRequests {
    /// `user:secret` in Base64, for `usertoken`'s Basic login.
    static let basicCredentials = "dXNlcjpzZWNyZXQ="

    /// A request with a JSON `body`, if any.
    static func request(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: String? = nil) -> HTTPClientRequest {
        var request = HTTPClientRequest(method: method, target: path, headers: headers)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = Array(body.utf8)
        }
        return request
    }

    /// `wice`'s login at one of its two base paths.
    static func wiceLogin(base: String) -> HTTPClientRequest {
        request("POST", base + "/v1/auth/login", headers: ["Accept": "application/json"], body: #"{"username":"user","password":"secret"}"#)
    }

    /// `wice`'s logout: `DELETE`, or the deprecated `POST`.
    static func wiceLogout(base: String, token: String, deprecated: Bool) -> HTTPClientRequest {
        request(deprecated ? "POST" : "DELETE", base + "/v1/auth/logout", headers: ["auth-token": token])
    }

    /// `usertoken`'s login; with `expiresAt` (RFC 3339), a token that ends at that time.
    static func userTokenLogin(expiresAt: String?) -> HTTPClientRequest {
        let headers: HTTPHeaders = ["Authorization": "Basic \(basicCredentials)", "Accept": "application/json"]
        guard let expiresAt else { return request("POST", "/auth/login", headers: headers) }
        return request("POST", "/auth/login", headers: headers, body: #"{"note":"soak","expirationTime":"\#(expiresAt)"}"#)
    }

    /// `usertoken`'s bump or logout.
    static func userToken(_ action: String, token: String) -> HTTPClientRequest {
        request("POST", "/auth/\(action)", headers: ["Authorization": "Bearer \(token)"])
    }
}
