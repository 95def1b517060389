import Foundation
import Testing

@testable import AuthStub

/// Token key `lifetime` (counted from issue, beside `idleTimeout`) and the
/// `{{token.expiresAt}}` family of placeholders, on the virtual clock through a real socket.
@Suite("Token lifetime and expiry placeholders")
struct TokenLifetimeTests {
    static let loginBody = """
        { "token": "{{token}}", "expires_in": "{{token.expiresIn}}", "expiry": "{{token.expiresAt}}",
          "expiry_unix": "{{token.expiresAtUnix}}", "created": "{{token.issuedAt}}", "created_unix": "{{token.issuedAtUnix}}" }
        """

    static func files(token: String) -> [String: String] {
        [
            "api/service.json": TokenFixture.service(token: token),
            "api/login.json": TokenFixture.login(body: loginBody),
            "api/me.json": TokenFixture.profile(),
        ]
    }

    @Test("a 10h lifetime: the login shows its end as RFC 3339, Unix seconds and seconds left; the token ends at 10h though used")
    func lifetimeFromIssue() async throws {
        let files = Self.files(token: #"{ "scheme": "bearer", "lifetime": "10h", "idleTimeout": "8h" }"#)
        try await TokenFixture.serve(files) { stub in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            _ = try await stub.freezeClock(at: start)
            let login = try await stub.apiLogin()
            #expect(login.status == 200)
            let json = try #require(login.json)
            // The idle end (8h) comes first while the token is not used.
            #expect(json["expires_in"] as? Int == 8 * 3600)
            #expect(json["expiry_unix"] as? Int == 1_800_000_000 + 8 * 3600)
            #expect(json["expiry"] as? String == "2027-01-15T16:00:00+00:00")
            #expect(json["created"] as? String == "2027-01-15T08:00:00+00:00")
            #expect(json["created_unix"] as? Int == 1_800_000_000)
            let bearer = ["Authorization": "Bearer \(try #require(json["token"] as? String))"]

            for _ in 0..<3 {
                _ = try await stub.advanceClock(by: .seconds(3 * 3600))
                #expect(try await stub.send("GET", "/me", headers: bearer).status == 200, "used every 3h: never idle for 8h")
            }
            _ = try await stub.advanceClock(by: .seconds(3600 - 1))
            #expect(try await stub.send("GET", "/me", headers: bearer).status == 200, "9h59m59s after issue")
            _ = try await stub.advanceClock(by: .seconds(1))
            let late = try await stub.send("GET", "/me", headers: bearer)
            #expect(late.status == 401, "10h after issue, though used a second ago")
            #expect(stub.lastEntry?.reason == "past expirationTime")
            let info = try #require(try await stub.tokens().first)
            #expect(info.state == .expired)
        }
    }

    @Test("no lifetime and no idle timeout: the expiry members are left out; the control API's mint honours the lifetime")
    func noEndLeavesMembersOut() async throws {
        try await TokenFixture.serve(Self.files(token: #"{ "scheme": "bearer" }"#)) { stub in
            let json = try #require(try await stub.apiLogin().json)
            #expect(json["expires_in"] == nil && json["expiry"] == nil && json["expiry_unix"] == nil)
            #expect(json["created_unix"] is Int)
        }
        try await TokenFixture.serve(Self.files(token: #"{ "scheme": "bearer", "lifetime": "30d" }"#)) { stub in
            let json = try #require(try await stub.apiLogin().json)
            #expect(json["expires_in"] as? Int == 30 * 86400)
            let minted = try await stub.mintToken(service: "api", user: "ada")
            #expect(minted.expiresAt == minted.issuedAt.addingTimeInterval(30 * 86400))
        }
    }

    @Test("a bad lifetime or an unknown token placeholder is refused at load with its JSON path")
    func badLifetimeRefused() throws {
        var reader = FixtureReader(file: "service.json")
        _ = reader.service(try JSONValue.parse(TokenFixture.service(token: #"{ "scheme": "bearer", "lifetime": "10 hours" }"#)), directory: "api")
        #expect(reader.problems.map(\.path) == ["$.token.lifetime"])
        var endpoint = FixtureReader(file: "login.json")
        _ = endpoint.endpoint(try JSONValue.parse(TokenFixture.login(body: #"{ "t": "{{token.expiresSoon}}" }"#)))
        #expect(endpoint.problems.map(\.path) == ["$.responses[0].body.t"])
    }
}
