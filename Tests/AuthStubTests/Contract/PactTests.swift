import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// `GET /__control/pact` and `POST /__control/provider-states`.
@Suite("Contract: Pact")
struct PactTests {
    @Test("The journal's matched requests become Pact v3 interactions with provider states from token state")
    func pactFromJournal() async throws {
        try await withStub { stub in
            let token = try await stub.wiceLogin()
            _ = try await stub.controlRawSend("POST", "/__control/clock", body: #"{"advance": "9h"}"#)
            #expect(try await stub.controlWiceLogout(token).status == 401)
            let fresh = try await stub.wiceLogin()
            #expect(try await stub.controlWiceLogout(fresh).status == 204)
            _ = try await stub.send("GET", "/nowhere")  // unmatched: left out

            let answer = try await stub.controlRawSend("GET", "/__control/pact?consumer=web%20app&provider=auth")
            #expect(answer.status == 200)
            let pact = try JSONValue.parse(answer.body)
            #expect(pact["consumer"]?["name"]?.stringValue == "web app")
            #expect(pact["provider"]?["name"]?.stringValue == "auth")
            #expect(pact["metadata"]?["pactSpecification"]?["version"]?.stringValue == "3.0.0")
            let interactions = try #require(pact["interactions"]?.arrayValue)
            try #require(interactions.count == 4)
            let states = interactions.map { $0["providerStates"]?.arrayValue?.first?["name"]?.stringValue }
            #expect(states == ["the user exists", "the token has expired", "the user exists", "a valid token exists"])
            let expired = interactions[1]
            // The token is shown by its first characters; the provider state makes that stand-in valid.
            #expect(expired["providerStates"]?.arrayValue?.first?["params"]?["token"]?.stringValue == Redaction.shortened(token))
            let sent = expired["request"]?["headers"]?.objectValue?.first { $0.key.lowercased() == "auth-token" }
            #expect(sent?.value.stringValue == Redaction.shortened(token))
            #expect(expired["response"]?["status"]?.intValue == 401)
            #expect(expired["response"]?["body"]?["code"]?.intValue == 401)
            let login = interactions[0]
            #expect(login["request"]?["body"]?["username"]?.stringValue == "user")
            #expect(login["response"]?["headers"]?["auth-token"]?.stringValue == Redaction.shortened(token))
            #expect(login["response"]?["matchingRules"]?["header"]?["auth-token"] != nil)
            #expect(login["response"]?["matchingRules"]?["body"]?["$"]?["matchers"]?.arrayValue?.first?["match"]?.stringValue == "type")
            #expect(interactions[3]["response"]?["body"] == nil)  // 204

            let bad = try await stub.controlRawSend("GET", "/__control/pact?consumer=a&color=red")
            #expect(bad.status == 400)
            #expect(try JSONValue.parse(bad.body)["field"]?.stringValue == "color")
        }
    }

    /// Replays `pact` against `stub` as a Pact verifier would: each interaction's provider state
    /// through the control API, then its request; returns the statuses that came back.
    static func replay(_ pact: JSONValue, against stub: AuthStubServer) async throws -> [HTTPStatus] {
        var statuses: [HTTPStatus] = []
        for interaction in pact["interactions"]?.arrayValue ?? [] {
            for state in interaction["providerStates"]?.arrayValue ?? [] {
                let change = JSONValue.object([
                    "state": state["name"] ?? .null, "params": state["params"] ?? .object([:]), "action": .string("setup"),
                ])
                #expect(try await stub.controlRawSend("POST", "/__control/provider-states", body: change.serialized()).status == 200)
            }
            let request = try #require(interaction["request"])
            var headers: [String: String] = [:]
            for member in request["headers"]?.objectValue ?? JSONObject() { headers[member.key] = member.value.stringValue }
            let body = request["body"].map { $0.stringValue ?? $0.serialized() } ?? ""
            let path = try #require(request["path"]?.stringValue)
            statuses.append(try await stub.controlRawSend(try #require(request["method"]?.stringValue), path, headers: headers, body: body).status)
        }
        return statuses
    }

    @Test("A cut entry is left out of the Pact, and metadata counts it and the entries the journal dropped")
    func pactMarksGaps() async throws {
        var options = AuthStubServer.Options()
        options.journalCapacity = 3
        options.journalEntryBytes = 300
        try await withStub(options) { stub in
            let token = try await stub.wiceLogin()
            #expect(try await stub.controlWiceLogout(token).status == 204)
            _ = try await stub.wiceLogin()
            let padded = #"{"username":"user","password":"secret","pad":""# + String(repeating: "p", count: 400) + #""}"#
            _ = try await stub.send("POST", "/m2m/v1/auth/login", headers: ["Content-Type": "application/json"], body: padded)

            let pact = try await stub.pact(consumer: "app", provider: "auth")
            let marks = try #require(pact["metadata"]?["authstub"])
            #expect(marks["journalDropped"]?.intValue == 1)
            #expect(marks["truncatedLeftOut"]?.intValue == 1)
            let interactions = try #require(pact["interactions"]?.arrayValue)
            #expect(interactions.count == 2, "the logout and the second login; the first login was dropped, the padded one cut")
            #expect(interactions.allSatisfy { $0["description"]?.stringValue?.contains("(request 4)") == false })
        }
        try await withStub { stub in
            _ = try await stub.wiceLogin()
            let marks = try await stub.pact(consumer: "app", provider: "auth")["metadata"]?["authstub"]
            #expect(marks?["journalDropped"]?.intValue == 0 && marks?["truncatedLeftOut"]?.intValue == 0)
        }
    }

    @Test("The Pact holds no password, Basic value or full token, and still replays: logins get states that recreate their users")
    func pactHoldsNoSecret() async throws {
        let pact = try await withStub { stub in
            let wice = try await stub.wiceLogin()
            let basic = try await stub.controlUserTokenLogin("user", "secret")
            let bearer = try #require(try JSONValue.parse(basic.body)["token"]?.stringValue)
            #expect(try await stub.controlUserTokenLogin("user", "nope").status == 401)
            #expect(try await stub.controlWiceLogin("user", "nope").status == 401)
            #expect(try await stub.controlBump(bearer).status == 200)
            #expect(try await stub.controlWiceLogout(wice).status == 204)

            let answer = try await stub.controlRawSend("GET", "/__control/pact")
            for secret in ["secret", "dXNlcjpzZWNyZXQ=", "dXNlcjpub3Bl", wice, bearer] {
                #expect(!answer.text.contains(secret), "the Pact shows \(secret)")
            }
            let pact = try JSONValue.parse(answer.body)
            let interactions = try #require(pact["interactions"]?.arrayValue)
            try #require(interactions.count == 6)
            let states = interactions.map { $0["providerStates"]?.arrayValue?.first }
            #expect(
                states.map { $0?["name"]?.stringValue } == [
                    "the user exists", "the user exists", "no user has the credentials shown",
                    "no user has the credentials shown", "a valid token exists", "a valid token exists",
                ]
            )
            #expect(states[0]?["params"] == .object(["service": .string("wice"), "user": .string("user")]))
            #expect(states[4]?["params"]?["token"]?.stringValue == "\(bearer.prefix(4))…")
            #expect(interactions[0]["request"]?["body"] == .object(["username": .string("user"), "password": .string("[redacted]")]))
            #expect(interactions[1]["request"]?["headers"]?["Authorization"]?.stringValue == Redaction.basicStandIn(user: "user"))
            #expect(interactions[2]["request"]?["headers"]?["Authorization"]?.stringValue == "Basic [redacted]")
            return pact
        }
        // A fresh server answers every interaction as recorded, the passwords never given.
        let expected = pact["interactions"]?.arrayValue?.compactMap { $0["response"]?["status"]?.intValue.map(HTTPStatus.init(code:)) }
        #expect(try await withStub { try await Self.replay(pact, against: $0) } == expected)
        #expect(expected == [201, 200, 401, 401, 200, 204])
    }

    @Test("keepSecrets: the Pact has the real credentials, and logins need no state")
    func pactKeepingSecrets() async throws {
        var options = AuthStubServer.Options()
        options.keepSecrets = true
        let pact = try await withStub(options) { stub in
            let token = try await stub.wiceLogin()
            #expect(try await stub.controlWiceLogin("user", "nope").status == 401)
            #expect(try await stub.controlWiceLogout(token).status == 204)
            return try await stub.pact(consumer: "web", provider: "auth")
        }
        let interactions = try #require(pact["interactions"]?.arrayValue)
        #expect(interactions.map { $0["providerStates"]?.arrayValue?.first?["name"]?.stringValue } == [nil, nil, "a valid token exists"])
        #expect(interactions[0]["request"]?["body"]?["password"]?.stringValue == "secret")
        #expect(try await withStub { try await Self.replay(pact, against: $0) } == [201, 401, 204])
    }

    @Test("Provider states for logins: the user's password becomes the placeholder, then no user has it")
    func userStates() async throws {
        try await withStub { stub in
            let known = try await stub.controlRawSend(
                "POST",
                "/__control/provider-states",
                body: #"{"state": "the user exists", "params": {"service": "wice", "user": "ada"}}"#
            )
            #expect(known.status == 200)
            #expect(
                try JSONValue.parse(known.body)
                    == .object(["service": .string("wice"), "user": .string("ada"), "states": .array([.string("the user exists")])])
            )
            #expect(try await stub.tokens().isEmpty)
            #expect(try await stub.controlWiceLogin("ada", "[redacted]").status == 201)
            #expect(try await stub.setUpProviderState(.knownUser, service: "wice", token: nil, user: nil) == "")
            #expect(try await stub.controlWiceLogin("user", "[redacted]").status == 201)
            #expect(try await stub.controlWiceLogin("user", "secret").status == 401)

            #expect(try await stub.controlClient().setUpProviderState(.unknownCredentials, service: "wice", token: nil, user: nil) == "")
            #expect(try await stub.controlWiceLogin("user", "[redacted]").status == 401)
            #expect(try await stub.controlWiceLogin("ada", "[redacted]").status == 401)
            #expect(try await stub.controlWiceLogin("user", "secret").status == 201)
            #expect(try await stub.users(showingPasswords: true).filter { $0.service == "wice" }.map(\.username) == ["user"])
        }
    }

    @Test("Provider states: setup makes the named token valid or expired; an empty state sets up nothing")
    func providerStates() async throws {
        try await withStub { stub in
            let valid = try await stub.controlRawSend(
                "POST",
                "/__control/provider-states",
                body: #"{"state": "a valid token exists", "params": {"service": "wice", "token": "t-1"}, "action": "setup"}"#
            )
            #expect(valid.status == 200)
            #expect(try JSONValue.parse(valid.body)["token"]?.stringValue == "t-1")
            #expect(try await stub.controlWiceLogout("t-1").status == 204)

            let expired = try await stub.controlRawSend(
                "POST",
                "/__control/provider-states",
                body: #"{"states": [{"name": "the token has expired"}], "params": {"service": "wice", "token": "t-2"}}"#
            )
            #expect(expired.status == 200)
            #expect(try await stub.controlWiceLogout("t-2").status == 401)
            #expect(stub.lastEntry?.reason == "token expired")

            let made = try await stub.controlRawSend(
                "POST",
                "/__control/provider-states",
                body: #"{"state": "a valid token exists", "params": {"service": "usertoken"}}"#
            )
            let minted = try #require(try JSONValue.parse(made.body)["token"]?.stringValue)
            #expect(try await stub.controlBump(minted).status == 200)

            let none = try await stub.controlRawSend(
                "POST",
                "/__control/provider-states",
                body: #"{"state": "", "params": {}, "action": "teardown"}"#
            )
            #expect(none.status == 200)
            let unknown = try await stub.controlRawSend("POST", "/__control/provider-states", body: #"{"state": "the moon is full"}"#)
            #expect(unknown.status == 400)
            #expect(try JSONValue.parse(unknown.body)["error"]?.stringValue?.hasPrefix("unknown provider state \"the moon is full\"") == true)
            let noService = try await stub.controlRawSend("POST", "/__control/provider-states", body: #"{"state": "a valid token exists"}"#)
            #expect(noService.status == 400)
            #expect(try JSONValue.parse(noService.body)["field"]?.stringValue == "params.service")
        }
    }
}
