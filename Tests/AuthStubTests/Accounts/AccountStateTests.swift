import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// Account states a test sets through the control API, each with its own answer.
@Suite("Account states")
struct AccountStateTests {
    @Test(
        "passwordExpired answers a right password only; disabled refuses any and ends the user's tokens; locked holds until unlocked or its time; active again logs in",
        arguments: TransportUnderTest.startedPair
    )
    func states(transport: TransportUnderTest) async throws {
        try await AccountFixture.serve(transport) { client in
            let stub = client.stub
            _ = try await stub.setAccountState(AccountStateChange(service: "api", username: "ada", state: .passwordExpired))
            #expect(try await client.login("wrong").status == 401)
            #expect(stub.lastEntry?.refusal == .badCredentials)
            let expired = try await client.login("lovelace")
            #expect(expired.status == 403)
            #expect(expired.json?["error"] as? String == "the password has expired")
            #expect(stub.lastEntry?.refusal == .passwordExpired)
            #expect(stub.lastEntry?.reason == "the password of account ada has expired")

            _ = try await stub.setAccountState(AccountStateChange(service: "api", username: "ada", state: .active))
            let token = try #require(try await client.login("lovelace").json?["token"] as? String)
            #expect(try await client.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"]).status == 200)

            let disabled = try await stub.setAccountState(AccountStateChange(service: "api", username: "ada", state: .disabled))
            #expect(disabled.state == .disabled)
            for password in ["lovelace", "wrong"] {
                let refused = try await client.login(password)
                #expect(refused.status == 403)
                #expect(refused.json?["error"] as? String == "the account is disabled")
                #expect(stub.lastEntry?.refusal == .accountDisabled)
                #expect(stub.lastEntry?.reason == "account ada is disabled")
            }
            #expect(try await client.send("GET", "/me", headers: ["Authorization": "Bearer \(token)"]).status == 401)
            #expect(stub.lastEntry?.refusalReason == .revoked)

            let until = stub.now.addingTimeInterval(60)
            let locked = try await stub.setAccountState(AccountStateChange(service: "api", username: "ada", state: .locked, lockedUntil: until))
            #expect(locked.lockedUntil == until && locked.failedLogins == 0)
            #expect(try await client.login("lovelace").status == 423)
            #expect(
                stub.lastEntry?.reason
                    == "account ada is locked until \(RFC3339.string(milliseconds: Int64(until.timeIntervalSince1970 * 1000))) by the control API"
            )
            _ = try await stub.advanceClock(by: .seconds(60))
            #expect(try await client.login("lovelace").status == 200)
        }
    }

    @Test("the states through the HTTP control API; POST /users sets a state too, and replacing a user sets it afresh")
    func http() async throws {
        try await AccountFixture.serve(.socket) { client in
            let control = client.stub.controlClient()
            let set = try await control.setAccountState(AccountStateChange(service: "api", username: "bob", state: .locked))
            #expect(set.state == .locked && set.lockedUntil == nil)
            #expect(try await control.apiUser("bob").state == .locked)
            #expect(try await client.login("builder", user: "bob").status == 423)
            #expect(client.stub.lastEntry?.reason == "account bob is locked until unlocked by the control API")

            let added = try await control.setUser(ServiceUser(service: "api", username: "cy", password: "pw", state: .disabled))
            #expect(added.state == .disabled)
            #expect(try await client.login("pw", user: "cy").status == 403)
            _ = try await control.setUser(ServiceUser(service: "api", username: "cy", password: "pw", failedLogins: 2))
            let listed = try await control.apiUser("cy")
            #expect(listed.state == .active && listed.failedLogins == 2)
            #expect(try await client.login("wrong", user: "cy").status == 401)
            #expect(try await control.apiUser("cy").state == .locked)
        }
    }

    @Test("bad calls: 400 naming the field, 404 for an unknown service or user")
    func refusals() async throws {
        try await AccountFixture.serve(.socket) { client in
            let stub = client.stub
            let cases: [(String, HTTPStatus, String)] = [
                (#"{"service":"nope","username":"ada","state":"locked"}"#, 404, "service"),
                (#"{"service":"api","username":"zed","state":"locked"}"#, 404, "username"),
                (#"{"service":"api","username":"ada","state":"frozen"}"#, 400, "state"),
                (#"{"service":"api","username":"ada"}"#, 400, "state"),
                (#"{"service":"api","username":"ada","state":"disabled","lockedUntil":"2030-01-01T00:00:00Z"}"#, 400, "lockedUntil"),
                (#"{"service":"api","username":"ada","state":"locked","lockedUntil":"2000-01-01T00:00:00Z"}"#, 400, "lockedUntil"),
                (#"{"service":"api","username":"ada","state":"locked","lockedUntil":"soon"}"#, 400, "lockedUntil"),
                (#"{"service":"api","username":"ada","state":"locked","until":"x"}"#, 400, "until"),
            ]
            for (body, status, field) in cases {
                let response = try await stub.controlRawSend(
                    "POST",
                    "/__control/users/state",
                    headers: ["Content-Type": "application/json"],
                    body: body
                )
                #expect(response.status == status, "\(body)")
                #expect(response.json?["field"] as? String == field, "\(body): \(response.text)")
            }
            for count in [-1, 1001] {
                let refused = try await stub.controlRawSend(
                    "POST",
                    "/__control/users",
                    headers: ["Content-Type": "application/json"],
                    body: #"{"service":"api","username":"ada","password":"x","failedLogins":\#(count)}"#
                )
                #expect(refused.status == 400)
                #expect(refused.json?["field"] as? String == "failedLogins")
            }
            // Nothing the refused calls said was kept.
            let ada = try await stub.apiUser("ada")
            #expect(ada.state == .active && ada.failedLogins == 0 && ada.lockedUntil == nil)
        }
    }
}
