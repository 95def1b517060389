import AuthStub
import AuthStubTesting
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The README's Swift example, verbatim, so the README cannot drift from what works.
@Suite("README examples")
struct ReadmeExampleTests {
    @Test func loginThenExpiredToken() async throws {
        try await withAuthStub { stub in
            var login = URLRequest(url: stub.baseURL.appendingPathComponent("m2m/v1/auth/login"))
            login.httpMethod = "POST"
            login.setValue("application/json", forHTTPHeaderField: "Content-Type")
            login.httpBody = Data(#"{"username":"user","password":"secret"}"#.utf8)
            let (_, response) = try await URLSession.shared.data(for: login)
            let token = try #require((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "auth-token"))

            try await stub.advanceClock(by: .seconds(8 * 3600))          // WICE tokens expire after 8 h unused

            var logout = URLRequest(url: stub.baseURL.appendingPathComponent("m2m/v1/auth/logout"))
            logout.httpMethod = "DELETE"
            logout.setValue(token, forHTTPHeaderField: "auth-token")
            let (_, refused) = try await URLSession.shared.data(for: logout)
            #expect((refused as? HTTPURLResponse)?.statusCode == 401)
            #expect(stub.journal.last?.reason == "token idle for 8h0m (limit 8h)")
        }
    }
}
