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
            #expect(states == [nil, "the token has expired", nil, "a valid token exists"])
            let expired = interactions[1]
            #expect(expired["providerStates"]?.arrayValue?.first?["params"]?["token"]?.stringValue == token)
            let sent = expired["request"]?["headers"]?.objectValue?.first { $0.key.lowercased() == "auth-token" }
            #expect(sent?.value.stringValue == token)
            #expect(expired["response"]?["status"]?.intValue == 401)
            #expect(expired["response"]?["body"]?["code"]?.intValue == 401)
            let login = interactions[0]
            #expect(login["request"]?["body"]?["username"]?.stringValue == "user")
            #expect(login["response"]?["headers"]?["auth-token"]?.stringValue == token)
            #expect(login["response"]?["matchingRules"]?["header"]?["auth-token"] != nil)
            #expect(login["response"]?["matchingRules"]?["body"]?["$"]?["matchers"]?.arrayValue?.first?["match"]?.stringValue == "type")
            #expect(interactions[3]["response"]?["body"] == nil)  // 204

            let bad = try await stub.controlRawSend("GET", "/__control/pact?consumer=a&color=red")
            #expect(bad.status == 400)
            #expect(try JSONValue.parse(bad.body)["field"]?.stringValue == "color")
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
