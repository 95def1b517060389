import AuthStub
import AuthStubTesting
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `withAuthStub` over a real socket with `URLSession.shared`: login, then an 8 h advance expires the token.
@Suite("withAuthStub over a socket")
struct WithAuthStubSocketTests {
    @Test func loginThenExpiredToken() async throws {
        try await withAuthStub { stub in
            var login = URLRequest(url: stub.baseURL.appendingPathComponent("m2m/v1/auth/login"))
            login.httpMethod = "POST"
            login.setValue("application/json", forHTTPHeaderField: "Content-Type")
            login.httpBody = Data(#"{"username":"user","password":"secret"}"#.utf8)
            let (_, response) = try await URLSession.shared.data(for: login)
            let token = try #require((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "auth-token"))

            try await stub.advanceClock(by: .seconds(8 * 3600))  // WICE tokens expire after 8 h unused

            var logout = URLRequest(url: stub.baseURL.appendingPathComponent("m2m/v1/auth/logout"))
            logout.httpMethod = "DELETE"
            logout.setValue(token, forHTTPHeaderField: "auth-token")
            let (_, refused) = try await URLSession.shared.data(for: logout)
            #expect((refused as? HTTPURLResponse)?.statusCode == 401)
            #expect(stub.journal.last?.reason == "token idle for 8h0m (limit 8h)")
        }
    }
}

/// The Control API article's "fail twice, then succeed" example, verbatim (DocSnippetTests
/// checks it), with a minimal client that retries a 503 as its `MyAuthClient` stands for.
@Suite("Control API article examples")
struct ControlAPIExampleTests {
    @Test func retriesAfter503() async throws {
        try await withAuthStub { stub in
            try await stub.addFault(
                .status(503, headers: [HTTPHeaderField("Retry-After", "0")]),
                match: FaultMatch(method: "POST", path: "/m2m/v1/auth/login"),
                times: 2
            )

            let token = try await MyAuthClient(baseURL: stub.baseURL).login(user: "user", password: "secret")

            #expect(!token.isEmpty)
            #expect(try await stub.countRequests(JournalFilter(path: "/m2m/v1/auth/login")) == 3)
            #expect(try await stub.faults().first?.remaining == 0)
        }
    }
}

/// An app's login client: retries a 503 up to three times.
private struct MyAuthClient {
    let baseURL: URL

    func login(user: String, password: String) async throws -> String {
        var request = URLRequest(url: baseURL.appendingPathComponent("m2m/v1/auth/login"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"username":"\#(user)","password":"\#(password)"}"#.utf8)
        for _ in 0..<3 {
            let (_, response) = try await URLSession(configuration: .ephemeral).data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            if http.statusCode == 503 { continue }
            return try #require(http.value(forHTTPHeaderField: "auth-token"))
        }
        throw URLError(.badServerResponse)
    }
}
