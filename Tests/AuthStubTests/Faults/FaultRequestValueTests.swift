import Foundation
import Testing

@testable import AuthStub

/// A fault's `match` on request values (issue 16's selectors, and `grant` for a token request's
/// `grant_type`), over a real socket: the login and the refresh share nothing but the service,
/// so a fault scoped to the grant fails exactly the next refresh.
@Suite("Faults: matching request values")
struct FaultRequestValueTests {
    static let files = RefreshTokenTests.files(reuse: "refuse")

    @Test("grant: refresh_token fails exactly the next refresh with invalid_grant; logins and later refreshes are untouched")
    func nextRefreshFails() async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let body: JSONValue = .object(["error": .string("invalid_grant")])
            let installed = try await stub.addFault(.status(400, body: .json(body)), match: FaultMatch(grant: "refresh_token"), times: 1)
            #expect(installed.fault.match.grant == "refresh_token")

            let login = try #require(try await stub.apiLogin().json)
            let refresh = try #require(login["refresh_token"] as? String)
            let failed = try await RefreshTokenTests.refresh(stub, refresh)
            #expect(failed.status == 400)
            #expect(failed.text == #"{"error":"invalid_grant"}"#)
            #expect(failed.header("X-AuthStub-Fault") == "f1")
            #expect(try await RefreshTokenTests.refresh(stub, refresh).status == 200, "the fault was spent; the refresh token was never used")
            #expect(stub.journal.map(\.fault) == [nil, "f1", nil])
        }
    }

    @Test("a selector in the control API's JSON (body.grant_type) scopes a 503 to refreshes; JSON bodies and other values do not match")
    func selectorOverHTTP() async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let client = stub.controlClient()
            let fault = try Fault.decode(
                JSONValue.parse(#"{"kind":"status","status":503,"match":{"body.grant_type":["refresh_token","password"],"header.X-Retry":false}}"#),
                strict: true
            )
            let installed = try await client.addFault(fault)
            #expect(
                installed.fault.match.values == [
                    "body.grant_type": .array([.string("refresh_token"), .string("password")]), "header.X-Retry": .bool(false),
                ]
            )
            #expect(installed.fault.json.serialized().contains(#""match":{"body.grant_type":["refresh_token","password"],"header.X-Retry":false}"#))

            let login = try #require(try await stub.apiLogin().json)
            let refresh = try #require(login["refresh_token"] as? String)
            #expect(try await RefreshTokenTests.refresh(stub, refresh).status == 503)
            let retried = try await stub.send(
                "POST",
                "/token/refresh",
                headers: ["Content-Type": "application/x-www-form-urlencoded", "X-Retry": "1"],
                body: "grant_type=refresh_token&refresh_token=\(refresh)"
            )
            #expect(retried.status == 200, "header.X-Retry: false holds only without the header")
        }
    }

    @Test("bundled oauth2: grant refresh_token makes exactly the next refresh a 503 in the service's error shape; the password grant is untouched")
    func oauth2RefreshDown() async throws {
        try await withStub { stub in
            try await stub.addFault(.status(503), match: FaultMatch(grant: "refresh_token"), times: 1)
            let client = "&client_id=client&client_secret=secret"
            let login = try await stub.oauthToken("grant_type=password&username=user&password=secret\(client)")
            #expect(login.status == 200)
            let refresh = try #require(login.json?["refresh_token"] as? String)
            let down = try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(refresh)\(client)")
            #expect(down.status == 503)
            #expect(down.header("Cache-Control") == "no-store")
            #expect(down.header("X-AuthStub-Fault") == "f1")
            #expect(try await stub.oauthToken("grant_type=refresh_token&refresh_token=\(refresh)\(client)").status == 200)
        }
    }

    @Test("a bad match is a 400 naming the entry: a key that is no selector, a value that is no expectation, grant beside body.grant_type")
    func badMatches() async throws {
        try await withStub { stub in
            let cases: [(String, String)] = [
                (#"{"kind":"drop","match":{"bogus.x":"1"}}"#, "match.bogus.x"),
                (#"{"kind":"drop","match":{"body.scope":[1]}}"#, "match.body.scope[0]"),
                (#"{"kind":"drop","match":{"body.scope":{}}}"#, "match.body.scope"),
                (#"{"kind":"drop","match":{"grant":"password","body.grant_type":"password"}}"#, "match.grant"),
                (#"{"kind":"drop","match":{"grant":""}}"#, "match.grant"),
            ]
            for (body, field) in cases {
                let response = try await stub.send("POST", "/__control/faults", headers: ["Content-Type": "application/json"], body: body)
                #expect(response.status == 400, "\(body)")
                #expect(response.json?["field"] as? String == field, "\(body): \(response.text)")
            }
            await #expect(throws: ControlError.self) {
                try await stub.addFault(.drop, match: FaultMatch(values: ["header.Bad Name": .bool(true)]))
            }
            #expect(try await stub.faults().isEmpty)
        }
    }
}
