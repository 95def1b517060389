import Foundation
import TestSupport
import Testing

@testable import AuthStub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The two implementations of `AuthStubControl` the shared control tests run against: the
/// in-process server itself (no HTTP hop), and `ControlClient` speaking the HTTP control API of
/// that same server.
enum ControlTransport: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case inProcess
    case http

    var testDescription: String { rawValue }
}

/// Starts a server (the bundled fixtures, or `options`), hands the test the server and the
/// control implementation for `transport`, and always stops the server.
func withControl<Result: Sendable>(
    _ transport: ControlTransport,
    _ options: AuthStubServer.Options = AuthStubServer.Options(),
    _ body: (_ stub: AuthStubServer, _ control: any AuthStubControl) async throws -> Result
) async throws -> Result {
    try await withStub(options) { stub in
        let control: any AuthStubControl =
            switch transport {
            case .inProcess: stub
            case .http: stub.controlClient()
            }
        return try await body(stub, control)
    }
}

extension AuthStubServer {
    /// A `ControlClient` for this server over 127.0.0.1 (also when it is bound to every
    /// address), with the server's control token unless `token` says otherwise.
    func controlClient(token: String?? = .none) -> ControlClient {
        ControlClient(baseURL: controlLoopbackURL, controlToken: token ?? controlToken, session: makeTestSession())
    }

    /// `http://127.0.0.1:port`, which reaches the server whatever address it is bound to.
    var controlLoopbackURL: URL {
        URL(string: "http://127.0.0.1:\(port ?? 0)") ?? baseURL
    }

    /// Sends one request over a raw socket (`Connection: close`) and reads its answer: for
    /// responses Linux's URLSession never hands back (a 401 with a Basic challenge).
    func controlRawSend(_ method: String, _ path: String, headers: [String: String] = [:], body: String = "") async throws -> RawResponse {
        let connection = try await RawConnection.connect(port: try #require(port))
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.utf8.count)\r\n\r\n"
        try await connection.send(head + body)
        let response = try await connection.response()
        await connection.close()
        return response
    }

    /// Logs in to `wice` as `username` / `password` over HTTP; the whole response.
    func controlWiceLogin(_ username: String, _ password: String) async throws -> StubResponse {
        try await send(
            "POST",
            "/m2m/v1/auth/login",
            headers: ["Content-Type": "application/json", "Accept": "application/json"],
            body: #"{"username":"\#(username)","password":"\#(password)"}"#
        )
    }

    /// `DELETE /m2m/v1/auth/logout` with `token`: 204 while the token is good, 401 otherwise.
    func controlWiceLogout(_ token: String) async throws -> StubResponse {
        try await send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
    }

    /// `POST /auth/bump` with `Authorization: Bearer token`.
    func controlBump(_ token: String) async throws -> StubResponse {
        try await send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"])
    }

    /// Logs in to `usertoken` with HTTP Basic as `username` / `password`, over a raw socket so
    /// that a 401 (with its Basic challenge) comes back too.
    func controlUserTokenLogin(_ username: String, _ password: String) async throws -> RawResponse {
        let credentials = Data("\(username):\(password)".utf8).base64EncodedString()
        return try await controlRawSend("POST", "/auth/login", headers: ["Authorization": "Basic \(credentials)", "Accept": "application/json"])
    }
}

extension StubResponse {
    /// The body as Foundation JSON of any shape (a fault's body may be a string or an array).
    var anyJSON: Any? { try? JSONSerialization.jsonObject(with: body, options: .fragmentsAllowed) }
}

extension RawResponse {
    /// The body as a JSON object (Foundation's parser).
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }
}

/// Fixture documents for run-time additions, in the fixture file format.
enum ControlFixtureDocuments {
    /// `GET /v1/me` for `wice`: needs the wice token, answers with the token's user.
    static let wiceMe: JSONValue = parse(
        """
        { "kind": "endpoint", "name": "me", "summary": "Who the token belongs to.",
          "method": "GET", "path": "/v1/me", "role": "requiresToken",
          "responses": [ { "name": "profile", "when": "success", "status": 200,
                           "headers": { "Content-Type": "application/json" },
                           "body": { "user": "{{user}}" } } ] }
        """
    )

    /// A new service `acme` (JSON-body login at `/acme/login`, bearer token).
    static let acmeService: JSONValue = parse(
        """
        { "kind": "service", "name": "acme", "title": "ACME auth",
          "credentials": { "scheme": "jsonBody", "usernameField": "login", "passwordField": "pass" },
          "token": { "scheme": "bearer", "idleTimeout": "8h", "challenge": "Bearer realm=\\"acme\\"" },
          "users": [ { "username": "ada", "password": "lovelace" } ],
          "errors": { "mediaType": "application/json", "body": { "status": "{{status}}", "error": "{{message}}" } } }
        """
    )

    static let acmeLogin: JSONValue = parse(
        """
        { "kind": "endpoint", "name": "login", "method": "POST", "path": "/acme/login", "role": "login",
          "responses": [ { "name": "ok", "when": "success", "status": 200,
                           "headers": { "Content-Type": "application/json" },
                           "body": { "accessToken": "{{token}}", "user": "{{user}}" } } ] }
        """
    )

    static let acmeMe: JSONValue = parse(
        """
        { "kind": "endpoint", "name": "me", "method": "GET", "path": "/acme/me", "role": "requiresToken",
          "responses": [ { "name": "profile", "when": "success", "status": 200,
                           "headers": { "Content-Type": "application/json" },
                           "body": { "name": "{{user}}" } } ] }
        """
    )

    /// An endpoint with an unknown role and no responses.
    static let broken: JSONValue = parse(
        """
        { "kind": "endpoint", "name": "broken", "method": "GET", "path": "/v1/broken", "role": "admin" }
        """
    )

    static func parse(_ text: String) -> JSONValue {
        (try? JSONValue.parse(Array(text.utf8))) ?? .null
    }
}

/// The package's own `fixtures/` folder (this file is `Tests/AuthStubTests/Control/…`).
let controlPackageFixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures")

extension Duration {
    /// The duration in seconds, fractions included.
    var controlSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Whether `date` falls between `before` and `after` (moved by `offset` seconds), with 1 ms
/// for rounding: a check on "now" that holds however slowly a loaded machine answers.
func controlIsBetween(_ date: Date, _ before: Date, _ after: Date, offset: TimeInterval = 0) -> Bool {
    date.timeIntervalSince(before) >= offset - 0.001 && date.timeIntervalSince(after) <= offset + 0.001
}
