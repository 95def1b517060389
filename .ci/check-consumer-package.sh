#!/usr/bin/env bash
# The cross-package proof: a throwaway package in a temporary folder depends on this checkout
# by path and runs `swift test` with one XCTest case and three Swift Testing tests that use the
# bundled fixtures, the `.authStub` trait, `startAuthStub()`, the socket-free transport, and the
# StubHTTP product on its own.
# Nothing is copied from this checkout but the dependency itself.
set -euo pipefail
checkout="$(cd "$(dirname "$0")/.." && pwd)"
identity="$(basename "$checkout" | tr '[:upper:]' '[:lower:]')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Consumer/Sources/LoginClient" "$work/Consumer/Tests/LoginClientTests"

cat > "$work/Consumer/Package.swift" <<EOF
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "$checkout")],
    targets: [
        .target(name: "LoginClient"),
        .testTarget(name: "LoginClientTests", dependencies: [
            "LoginClient",
            .product(name: "AuthStubTesting", package: "$identity"),
            .product(name: "StubHTTP", package: "$identity"),
        ]),
    ]
)
EOF

cat > "$work/Consumer/Sources/LoginClient/LoginClient.swift" <<'EOF'
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An app's client for the WICE login: retries a 503 once, keeps the token.
public struct LoginClient: Sendable {
    public let baseURL: URL
    public let session: URLSession

    public init(baseURL: URL, session: URLSession) {
        self.baseURL = baseURL
        self.session = session
    }

    public func login(user: String, password: String) async throws -> String {
        var request = URLRequest(url: baseURL.appendingPathComponent("m2m/v1/auth/login"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.httpBody = Data("{\"username\":\"\(user)\",\"password\":\"\(password)\"}".utf8)
        for _ in 0..<2 {
            let (_, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
            if http.statusCode == 503 { continue }
            guard http.statusCode == 201, let token = http.value(forHTTPHeaderField: "auth-token") else { throw URLError(.userAuthenticationRequired) }
            return token
        }
        throw URLError(.badServerResponse)
    }

    public func logout(token: String) async throws -> Int {
        var request = URLRequest(url: baseURL.appendingPathComponent("m2m/v1/auth/logout"))
        request.httpMethod = "DELETE"
        request.setValue(token, forHTTPHeaderField: "auth-token")
        let (_, response) = try await session.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
EOF

cat > "$work/Consumer/Tests/LoginClientTests/LoginClientXCTests.swift" <<'EOF'
import AuthStub
import AuthStubTesting
import Foundation
import LoginClient
import XCTest
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

final class LoginClientXCTests: XCTestCase {
    func testLoginThenExpiredTokenOverTheSocket() async throws {
        let stub = try await startAuthStub()
        let client = LoginClient(baseURL: stub.baseURL, session: URLSession(configuration: .ephemeral))
        let token = try await client.login(user: "user", password: "secret")
        try await stub.advanceClock(by: .seconds(8 * 3600))
        let status = try await client.logout(token: token)
        XCTAssertEqual(status, 401)
        try await stub.verify(.called("DELETE", "/m2m/v1/auth/logout", times: 1), .noDeprecatedCalls)
    }
}
EOF

cat > "$work/Consumer/Tests/LoginClientTests/LoginClientTests.swift" <<'EOF'
import AuthStub
import AuthStubTesting
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LoginClient
import StubHTTP
import Testing

@Test(.authStub) func retriesOnceAfter503WithoutASocket() async throws {
    let stub = try #require(AuthStubServer.current)
    try await stub.addFault(.status(503), match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)
    let client = LoginClient(baseURL: stub.baseURL, session: stub.makeInProcessSession())
    let token = try await client.login(user: "user", password: "secret")
    #expect(try await client.logout(token: token) == 204)
    try await stub.verify(.called("POST", "/m2m/v1/auth/login", times: 2), .noUnmatchedRequests)
}

@Test func stubHTTPServesOnItsOwnAndConfiguresAuthStub() async throws {
    var options = AuthStubServer.Options()
    options.http.requestTimeout = .seconds(5)
    let stub = try AuthStubServer(options: options)
    #expect(stub.options.http.requestTimeout == .seconds(5))
    let server = HTTPServer { request in .respond(HTTPResponse(status: 200, text: "hi \(request.path)")) }
    try await server.start()
    let port = try #require(server.port)
    let url = try #require(URL(string: "http://127.0.0.1:\(port)/x"))
    let (data, _) = try await URLSession(configuration: .ephemeral).data(from: url)
    await server.stop()
    #expect(String(decoding: data, as: UTF8.self) == "hi /x")
}

@Test func bundledFixturesAreServed() async throws {
    let stub = try AuthStubServer()
    #expect(stub.fixtures.services.map(\.name).sorted() == ["oauth2", "usertoken", "wice"])
    let token = try await LoginClient(baseURL: stub.baseURL, session: stub.makeInProcessSession()).login(user: "user", password: "secret")
    #expect(!token.isEmpty)
}
EOF

cd "$work/Consumer"
swift test
# The bundled fixtures reached the consumer as SwiftPM's copy of the resource, not by path.
if ! ls -d .build/debug/*AuthStubFixtures*.resources >/dev/null 2>&1 && ! ls -d .build/debug/*AuthStubFixtures*.bundle >/dev/null 2>&1; then
    echo "error: the consumer's build has no AuthStubFixtures resource bundle" >&2
    exit 1
fi
echo "consumer package: OK"
