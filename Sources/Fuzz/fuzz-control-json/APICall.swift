import AuthStub
import FuzzSupport
import StubHTTP

/// An API request (not a control one) and what any answer to it must satisfy, whatever faults,
/// fixtures, deprecations or clock the control API set up.
enum APICall {
    static let loginRequest = HTTPRequest(
        method: "POST",
        path: "/m2m/v1/auth/login",
        headers: ["Host": "127.0.0.1", "Content-Type": "application/json", "Accept": "application/json"],
        body: Array(#"{"username":"user","password":"secret"}"#.utf8)
    )

    static func login(_ server: AuthStubServer) {
        check(server.respond(to: loginRequest))
    }

    /// A status HTTP can send and, for a body cut short, a cut inside the body.
    static func check(_ action: HTTPAction) {
        switch action {
        case .respond(let response):
            require((100...599).contains(response.status), "status \(response.status)")
        case .truncated(let response, let bodyBytes):
            require((100...599).contains(response.status), "status \(response.status)")
            require(bodyBytes >= 0 && bodyBytes < response.body.count, "cut at \(bodyBytes) of \(response.body.count) bytes")
        case .delayed(let delay, let next):
            require(delay >= .zero, "a negative delay \(delay)")
            check(next)
        case .drop, .reset:
            break
        }
    }
}
