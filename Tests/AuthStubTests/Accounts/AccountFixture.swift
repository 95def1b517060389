import Foundation
import Testing

@testable import AuthStub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A service `api` with a lockout after 3 wrong passwords for 15 minutes, users `ada` and
/// `bob`, a login documenting only its locked answer, and `GET /me` requiring the token.
enum AccountFixture {
    static func files(lockout: String = #"{ "after": 3, "for": "15m" }"#) -> [String: String] {
        [
            "api/service.json": """
            { "kind": "service", "name": "api",
              "credentials": { "scheme": "jsonBody" },
              "token": { "scheme": "bearer" },
              "users": [ { "username": "ada", "password": "lovelace" }, { "username": "bob", "password": "builder" } ],
              "lockout": \(lockout),
              "errors": { "mediaType": "application/json", "body": { "status": "{{status}}", "error": "{{message}}" } } }
            """,
            "api/login.json": """
            { "kind": "endpoint", "name": "login", "method": "POST", "path": "/login", "role": "login",
              "responses": [
                { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" }, "body": { "token": "{{token}}" } },
                { "name": "locked", "when": "accountLocked", "status": 423, "headers": { "Content-Type": "application/json" },
                  "body": { "error": "account_locked" } }
              ] }
            """,
            "api/me.json": TokenFixture.profile(),
        ]
    }

    /// Serves the files (seeded, clock frozen, `lockout` replacing the default) and reaches the
    /// server through `transport`: its socket, or the socket-free transport.
    static func serve(_ transport: TransportUnderTest, lockout: String? = nil, _ body: (TransportClient) async throws -> Void) async throws {
        try await TokenFixture.serve(lockout.map { files(lockout: $0) } ?? files()) { stub in
            let client = TransportClient(transport: transport, stub: stub, session: TransportClient.session(for: transport, stub))
            defer { client.session.finishTasksAndInvalidate() }
            try await body(client)
        }
    }
}

extension TransportClient {
    /// Logs `user` in at `/login` with `password`.
    func login(_ password: String, user: String = "ada") async throws -> StubResponse {
        try await send("POST", "/login", headers: ["Content-Type": "application/json"], body: #"{"username":"\#(user)","password":"\#(password)"}"#)
    }
}

extension AuthStubControl {
    /// The listed user `name` of service `api`.
    func apiUser(_ name: String) async throws -> ServiceUser {
        try #require(try await users().first { $0.service == "api" && $0.username == name })
    }
}
