import Foundation
import Testing

@testable import AuthStub

/// A one-service fixture folder for the token-side tests of issue 16: a service `api` whose
/// `token` object the test gives, a JSON-body login for `ada`/`lovelace` and whatever endpoint
/// files the test adds.
enum TokenFixture {
    /// `service.json` with `token` as its token object and `extra` members appended.
    static func service(name: String = "api", token: String, extra: String = "") -> String {
        """
        { "kind": "service", "name": "\(name)",
          "credentials": { "scheme": "jsonBody" },
          "token": \(token),
          "users": [ { "username": "ada", "password": "lovelace" } ],
          "errors": { "mediaType": "application/json", "body": { "status": "{{status}}", "error": "{{message}}" } }\(extra) }
        """
    }

    /// A login at `POST /login` answering `body` (JSON text) with status 200.
    static func login(body: String, headers: String = #"{ "Content-Type": "application/json" }"#) -> String {
        """
        { "kind": "endpoint", "name": "login", "method": "POST", "path": "/login", "role": "login",
          "responses": [ { "name": "ok", "when": "success", "status": 200, "headers": \(headers), "body": \(body) } ] }
        """
    }

    /// `GET /me` requiring the token, answering `{"user": …}`, with `more` responses after the
    /// success one.
    static func profile(more: String = "") -> String {
        """
        { "kind": "endpoint", "name": "me", "method": "GET", "path": "/me", "role": "requiresToken",
          "responses": [ { "name": "profile", "when": "success", "status": 200,
                           "headers": { "Content-Type": "application/json" }, "body": { "user": "{{user}}" } }\(more) ] }
        """
    }

    /// Writes `files` (name → text) under `folder/api` and serves them with a seed on a
    /// frozen clock.
    static func serve<Result: Sendable>(
        _ files: [String: String],
        _ body: (AuthStubServer) async throws -> Result
    ) async throws -> Result {
        try await withTemporaryFolder { folder in
            var services: Set<String> = []
            for (name, text) in files {
                try write(text, to: name, in: folder)
                if let service = name.split(separator: "/").first { services.insert(String(service)) }
            }
            let locations = services.sorted().map { AuthStubServer.FixtureLocation.directory(folder.appendingPathComponent($0)) }
            var options = AuthStubServer.Options(fixtures: locations)
            options.seed = 16
            return try await withStub(options) { stub in
                _ = try await stub.freezeClock()
                return try await body(stub)
            }
        }
    }

    /// The problems loading `files` reports, as `<file> <path>: <reason>`; fails the test when
    /// they load.
    static func loadProblems(_ files: [String: String]) async throws -> [String] {
        try await withTemporaryFolder { folder in
            var services: Set<String> = []
            for (name, text) in files {
                try write(text, to: name, in: folder)
                if let service = name.split(separator: "/").first { services.insert(String(service)) }
            }
            let locations = services.sorted().map { folder.appendingPathComponent($0) }
            let error = try #require(throws: FixtureLoadError.self) { try FixtureLoader.load(from: locations) }
            return error.problems.map { "\(($0.file as NSString).lastPathComponent) \($0.path): \($0.reason)" }
        }
    }
}

extension AuthStubServer {
    /// Logs `ada` in at `/login` with a JSON body.
    func apiLogin() async throws -> StubResponse {
        try await send("POST", "/login", headers: ["Content-Type": "application/json"], body: #"{"username":"ada","password":"lovelace"}"#)
    }
}
