import Foundation
import Testing

@testable import AuthStub

/// `lockout`: wrong passwords in a row lock a known user's account on the server clock.
@Suite("Account lockout")
struct AccountLockoutTests {
    @Test(
        "a success resets the count; the Nth wrong password locks; the lock holds on a frozen clock and ends when the clock passes it",
        arguments: TransportUnderTest.startedPair
    )
    func lockAndExpire(transport: TransportUnderTest) async throws {
        try await AccountFixture.serve(transport) { client in
            let stub = client.stub
            for _ in 0..<2 { #expect(try await client.login("wrong").status == 401) }
            #expect(try await stub.apiUser("ada").failedLogins == 2)
            #expect(try await client.login("lovelace").status == 200)
            #expect(try await stub.apiUser("ada").failedLogins == 0)

            for _ in 0..<2 { #expect(try await client.login("wrong").status == 401) }
            let third = try await client.login("wrong")
            #expect(third.status == 401)
            #expect(stub.lastEntry?.refusal == .badCredentials)
            #expect(stub.lastEntry?.refusalReason == .wrong)
            let until = RFC3339.string(milliseconds: Int64(stub.now.timeIntervalSince1970 * 1000) + 900_000)
            #expect(stub.lastEntry?.reason == #"wrong password for user "ada"; account ada is now locked until \#(until) after 3 wrong passwords"#)

            let locked = try await client.login("lovelace")
            #expect(locked.status == 423)
            #expect(locked.json?["error"] as? String == "account_locked")
            #expect(stub.lastEntry?.refusal == .accountLocked)
            #expect(stub.lastEntry?.reason == "account ada is locked until \(until) after 3 wrong passwords")
            let listed = try await stub.apiUser("ada")
            #expect(listed.state == .locked)
            #expect(listed.failedLogins == 3)
            #expect(listed.lockedUntil == stub.now.addingTimeInterval(900))

            // A wrong password while locked is not checked: same answer, the lock is not extended.
            #expect(try await client.login("wrong").status == 423)
            #expect(try await stub.apiUser("ada").lockedUntil == listed.lockedUntil)
            // Another user is not touched.
            #expect(try await client.login("builder", user: "bob").status == 200)

            _ = try await stub.advanceClock(by: .seconds(899))
            #expect(try await client.login("lovelace").status == 423)
            _ = try await stub.advanceClock(by: .seconds(1))
            #expect(try await client.login("lovelace").status == 200)
            let after = try await stub.apiUser("ada")
            #expect(after.state == .active && after.failedLogins == 0 && after.lockedUntil == nil)
        }
    }

    @Test("a control call unlocks; without \"for\" a lock holds until then; reset forgets counts and locks", arguments: ControlTransport.allCases)
    func unlockAndReset(transport: ControlTransport) async throws {
        try await AccountFixture.serve(.inProcess, lockout: #"{ "after": 2 }"#) { client in
            let control: any AuthStubControl = transport == .http ? client.stub.controlClient() : client.stub
            for _ in 0..<2 { _ = try await client.login("wrong") }
            _ = try await control.advanceClock(by: .seconds(365 * 24 * 3600))
            #expect(try await client.login("lovelace").status == 423)
            #expect(client.stub.lastEntry?.reason == "account ada is locked until unlocked after 2 wrong passwords")

            let unlocked = try await control.unlockUser(service: "api", username: "ada")
            #expect(unlocked.state == .active && unlocked.failedLogins == 0)
            #expect(unlocked.password == "[redacted]")
            #expect(try await client.login("lovelace").status == 200)

            for _ in 0..<2 { _ = try await client.login("wrong") }
            _ = try await client.login("wrong", user: "bob")
            try await control.reset()
            #expect(try await control.apiUser("bob").failedLogins == 0)
            #expect(try await client.login("lovelace").status == 200)
        }
    }

    @Test("unknown usernames are not counted: they have no account to lock")
    func unknownUsers() async throws {
        try await AccountFixture.serve(.inProcess) { client in
            for _ in 0..<5 { #expect(try await client.login("x", user: "nobody").status == 401) }
            #expect(client.stub.lastEntry?.reason == #"no such user "nobody""#)
            let users = try await client.stub.users()
            #expect(users.filter { $0.service == "api" }.allSatisfy { $0.failedLogins == 0 && $0.state == .active })
        }
    }

    @Test(
        "the counts per service stop at the cap: users past it are not counted until room is freed; a lock that ends returns to the state before it"
    )
    func cap() {
        var standings = AccountStandings(maximumCounted: 2)
        let rule = LockoutRule(after: 3, lockMilliseconds: 1_000)
        for user in ["a", "b", "c"] { _ = standings.recordWrongPassword(service: "api", user: user, rule: rule, now: 0) }
        #expect(standings.count(service: "api") == 2)

        // A lockout of an account whose password expired ends with the password still expired.
        var expired = AccountStandings()
        expired.set(.passwordExpired, lockedUntil: nil, failedLogins: 2, service: "api", user: "a")
        #expect(expired.recordWrongPassword(service: "api", user: "a", rule: rule, now: 0).state == .locked)
        #expect(expired.standing(service: "api", user: "a", now: 1_000) == AccountStandings.Standing(state: .passwordExpired))
        #expect(standings.standing(service: "api", user: "c", now: 0).failedLogins == 0)
        #expect(standings.recordWrongPassword(service: "api", user: "a", rule: rule, now: 0).failedLogins == 2)
        #expect(standings.recordWrongPassword(service: "other", user: "c", rule: rule, now: 0).failedLogins == 1)
        standings.recordSuccess(service: "api", user: "b", now: 0)
        #expect(standings.recordWrongPassword(service: "api", user: "c", rule: rule, now: 0).failedLogins == 1)
        // Full again (a and c); a's third wrong password locks it until 1000, after which its room is given back.
        #expect(standings.recordWrongPassword(service: "api", user: "a", rule: rule, now: 0).state == .locked)
        #expect(standings.recordWrongPassword(service: "api", user: "d", rule: rule, now: 999).failedLogins == 0)
        #expect(standings.recordWrongPassword(service: "api", user: "d", rule: rule, now: 1_000).failedLogins == 1)
        #expect(standings.count(service: "api") == 2)
        #expect(AccountStandings.maximumCounted == 10_000)
    }

    @Test("fixture problems name the file, the JSON path and the reason")
    func problems() async throws {
        let cases: [(String, [String])] = [
            (
                #"{ "after": 0, "for": "soon" }"#,
                [
                    #"service.json $.lockout.after: must be from 1 to 1000, not 0"#,
                    #"service.json $.lockout.for: "soon" is not a duration like "8h", "30m" or "1h30m""#,
                ]
            ),
            (
                #"{ "for": "0s", "limit": 3 }"#,
                ["service.json $.lockout.limit: unknown key", #"service.json $.lockout.after: missing required key "after""#]
            ),
            (
                #"{ "after": "5", "for": "0s" }"#,
                ["service.json $.lockout.after: expected a whole number", "service.json $.lockout.for: a lock must last longer than 0s"]
            ),
            (#"true"#, ["service.json $.lockout: expected an object"]),
        ]
        for (lockout, expected) in cases {
            let problems = try await TokenFixture.loadProblems(AccountFixture.files(lockout: lockout))
            for prefix in expected {
                #expect(problems.contains { $0.hasPrefix(prefix) }, "\(lockout): \(problems)")
            }
        }
    }
}

/// `authstub openapi`'s account answers on logins.
@Suite("Account states in OpenAPI")
struct AccountOpenAPITests {
    @Test(
        "a login documents the locked answer it has, and the service's error shape for a disabled account and an expired password, merged under 403"
    )
    func answers() async throws {
        try await withTemporaryFolder { folder in
            for (name, text) in AccountFixture.files() { try write(text, to: name, in: folder) }
            let fixtures = try FixtureLoader.load(from: [folder.appendingPathComponent("api")])
            let document = OpenAPIDocument.make(fixtures)
            let responses = try #require(document["paths"]?["/login"]?["post"]?["responses"]?.objectValue)
            #expect(responses["423"]?["description"]?.stringValue == "locked")
            #expect(
                responses["423"]?["content"]?["application/json"]?["examples"]?["locked"]?["value"] == .object(["error": .string("account_locked")])
            )
            let forbidden = try #require(responses["403"]?["description"]?.stringValue)
            #expect(forbidden.hasPrefix("accountDisabled: the control API disabled the account"), "\(forbidden)")
            #expect(forbidden.contains("; passwordExpired: the password is right but the control API expired it"), "\(forbidden)")
            let examples = try #require(responses["403"]?["content"]?["application/json"]?["examples"]?.objectValue)
            #expect(Set(examples.keys) == ["accountDisabled", "passwordExpired"])
            #expect(examples["accountDisabled"]?["value"]?["status"] == .int(403))
            // A route that takes a token has no account answers.
            #expect(document["paths"]?["/me"]?["get"]?["responses"]?["423"] == nil)
        }
    }
}
