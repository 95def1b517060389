/// The raw requests the soak sends: the bundled services' logins and logouts, and the control
/// API's calls. Each is one keep-alive HTTP/1.1 request.
enum SoakRequests {
    /// `user:secret` in Base64, for `usertoken`'s Basic login.
    static let basicCredentials = "dXNlcjpzZWNyZXQ="

    static func request(_ method: String, _ path: String, headers: [String] = [], body: String? = nil) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for header in headers { head += header + "\r\n" }
        if let body {
            head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
        } else {
            head += method == "POST" ? "Content-Length: 0\r\n\r\n" : "\r\n"
        }
        return Array(head.utf8)
    }

    /// `wice`'s login at one of its two base paths.
    static func wiceLogin(base: String) -> [UInt8] {
        request("POST", base + "/v1/auth/login", headers: ["Accept: application/json"], body: #"{"username":"user","password":"secret"}"#)
    }

    /// `wice`'s logout: `DELETE`, or the deprecated `POST`.
    static func wiceLogout(base: String, token: String, deprecated: Bool) -> [UInt8] {
        request(deprecated ? "POST" : "DELETE", base + "/v1/auth/logout", headers: ["auth-token: \(token)"])
    }

    /// `usertoken`'s login; with `expiresAt` (RFC 3339), a token that ends at that time.
    static func userTokenLogin(expiresAt: String?) -> [UInt8] {
        let headers = ["Authorization: Basic \(basicCredentials)", "Accept: application/json"]
        guard let expiresAt else { return request("POST", "/auth/login", headers: headers) }
        return request("POST", "/auth/login", headers: headers, body: #"{"note":"soak","expirationTime":"\#(expiresAt)"}"#)
    }

    /// `usertoken`'s bump or logout.
    static func userToken(_ action: String, token: String) -> [UInt8] {
        request("POST", "/auth/\(action)", headers: ["Authorization: Bearer \(token)"])
    }
}
