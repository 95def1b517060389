// The Swift Testing quick start of AuthStubTesting's Getting Started article, verbatim:
// DocSnippetTests checks that the article still matches, so it cannot drift from what works.
import AuthStub
import AuthStubTesting
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Each test gets its own server (`.authStub`) and talks to it without a socket.
@Suite(.authStub)
struct AuthFlowTests {
    @Test func expiredTokenIsRefused() async throws {
        let stub = try #require(AuthStubServer.current)
        let session = stub.makeInProcessSession()
        let token = try await logIn(to: stub, with: session)

        try await stub.advanceClock(by: .seconds(8 * 3600))  // WICE tokens expire after 8 h unused

        #expect(try await logOut(token, from: stub, with: session) == 401)
        try await stub.verify(.called("DELETE", "/m2m/v1/auth/logout", times: 1))
    }

    @Test func logoutNeverUsesTheDeprecatedRoute() async throws {
        let stub = try #require(AuthStubServer.current)
        try await stub.setDeprecation(DeprecationChange(method: "POST", path: "/m2m/v1/auth/logout", phase: .removed))
        let session = stub.makeInProcessSession()
        let token = try await logIn(to: stub, with: session)

        #expect(try await logOut(token, from: stub, with: session) == 204)
        try await stub.verify(.noDeprecatedCalls)
    }

    @Test func loginIsRetriedAfter503() async throws {
        let stub = try #require(AuthStubServer.current)
        try await stub.addFault(.status(503, headers: [HTTPHeaderField("Retry-After", "0")]), times: 1)

        let token = try await logIn(to: stub, with: stub.makeInProcessSession(), attempts: 2)

        #expect(!token.isEmpty)
        try await stub.verify(.called("POST", "/m2m/v1/auth/login", times: 2))
    }
}

/// Stand-ins for your app's client: WICE's login (token in `auth-token`) and logout.
func logIn(to stub: AuthStubServer, with session: URLSession, attempts: Int = 1) async throws -> String {
    var request = URLRequest(url: stub.baseURL.appendingPathComponent("m2m/v1/auth/login"))
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = Data(#"{"username":"user","password":"secret"}"#.utf8)
    for _ in 0..<attempts {
        let (_, response) = try await session.data(for: request)
        if let token = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "auth-token") { return token }
    }
    throw URLError(.userAuthenticationRequired)
}

func logOut(_ token: String, from stub: AuthStubServer, with session: URLSession) async throws -> Int {
    var request = URLRequest(url: stub.baseURL.appendingPathComponent("m2m/v1/auth/logout"))
    request.httpMethod = "DELETE"
    request.setValue(token, forHTTPHeaderField: "auth-token")
    let (_, response) = try await session.data(for: request)
    return (response as? HTTPURLResponse)?.statusCode ?? 0
}
