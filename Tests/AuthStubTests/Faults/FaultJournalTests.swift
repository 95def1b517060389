import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// What the journal says about faulted requests, and faults installed the way curl would, as
/// raw JSON posted to `/__control/faults`.
@Suite("Faults: the journal and the HTTP form")
struct FaultJournalTests {
    @Test("every faulted request is journaled with its fault and a reason naming it; drop and reset have no status")
    func journalNamesTheFault() async throws {
        try await withStub { stub in
            let wice = try await stub.wiceLogin()
            let user = try await stub.userTokenLogin()
            try await stub.addFault(.status(503), match: FaultMatch(path: "/v1/auth/login"), times: 1)  // f1
            try await stub.addFault(.unauthorized, match: FaultMatch(path: "/auth/bump"), times: 1)  // f2
            try await stub.addFault(.drop, match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)  // f3
            try await stub.addFault(.reset, match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)  // f4
            try await stub.addFault(.malformed, match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)  // f5
            try await stub.addFault(.deprecatedRemoved, times: 1)  // f6
            try await stub.addFault(.tokenExpired, match: FaultMatch(method: "DELETE"), times: 1)  // f7

            #expect(try await stub.faultWiceLogin("/v1/auth/login").status == 503)
            #expect(try await stub.faultBump(user).status == 401)
            _ = try await stub.faultRawExchange(FaultRequests.rawWiceLogin())
            _ = try await stub.faultRawExchange(FaultRequests.rawWiceLogin())
            _ = try await stub.faultRawExchange(FaultRequests.rawWiceLogin())
            #expect(try await stub.send("POST", "/m2m/v1/auth/logout", headers: ["auth-token": wice]).status == 410)
            #expect(try await stub.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": wice]).status == 401)
            #expect(try await stub.faultWiceLogin().status == 201)

            #expect(try await stub.faults().allSatisfy { $0.applied == 1 && $0.remaining == 0 })
            let faulted = try await stub.requests(JournalFilter(fault: true))
            #expect(faulted.map(\.fault) == ["f1", "f2", "f3", "f4", "f5", "f6", "f7"])
            #expect(faulted.map(\.status) == [503, 401, nil, nil, 201, 410, 401])
            for entry in faulted {
                let id = try #require(entry.fault)
                #expect(entry.reason?.contains("injected fault \(id)") == true, "\(id): \(String(describing: entry.reason))")
            }
            #expect(faulted[0].reason == "injected fault f1 (status 503)")
            #expect(faulted[1].reason == "injected fault f2 (unauthorized)")
            #expect(faulted[2].reason == "injected fault f3 (drop: closed without a response)")
            #expect(faulted[3].reason == "injected fault f4 (reset)")
            #expect(faulted[4].reason == "injected fault f5 (malformed: the body breaks off)")
            #expect(faulted[6].reason == "token expired (injected fault f7)")

            let clean = try await stub.requests(JournalFilter(fault: false))
            #expect(clean.count == 3)
            #expect(clean.allSatisfy { $0.fault == nil })
            #expect(try await stub.countRequests(JournalFilter(fault: true)) == 7)
        }
    }

    @Test("a faulted request records the token it carried")
    func faultedEntryKeepsToken() async throws {
        try await withStub { stub in
            let token = try await stub.userTokenLogin()
            try await stub.addFault(.status(503), match: FaultMatch(path: "/auth/bump"), times: 1)
            #expect(try await stub.faultBump(token).status == 503)
            #expect(stub.lastEntry.map(JournalFilter(token: token).matches) == true)
            #expect(stub.lastEntry?.service == "usertoken")
        }
    }

    /// POSTs raw JSON to the control API, as curl would.
    private func postFault(_ stub: AuthStubServer, _ json: String) async throws -> StubResponse {
        try await stub.send("POST", "/__control/faults", headers: ["Content-Type": "application/json"], body: json)
    }

    @Test("the HTTP form: a status fault posted as JSON answers 201 with its id and applies like the Swift one")
    func httpStatusFault() async throws {
        try await withStub { stub in
            let token = try await stub.userTokenLogin()
            let created = try await postFault(
                stub,
                #"{"kind":"status","status":503,"headers":{"Retry-After":"2"},"match":{"path":"/auth/bump"},"times":2}"#
            )
            #expect(created.status == 201)
            let fault = try #require(created.json)
            #expect(fault["id"] as? String == "f1")
            #expect(fault["kind"] as? String == "status")
            #expect(fault["status"] as? Int == 503)
            #expect(fault["times"] as? Int == 2)
            #expect(fault["remaining"] as? Int == 2)
            #expect(fault["applied"] as? Int == 0)
            #expect((fault["headers"] as? [String: String])?["Retry-After"] == "2")

            for _ in 0..<2 {
                let bump = try await stub.faultBump(token)
                #expect(bump.status == 503)
                #expect(bump.header("Retry-After") == "2")
                #expect(bump.json?["message"] as? String == "injected fault f1 (status 503)")
                #expect(bump.header("Vary") == "Accept")
            }
            #expect(try await stub.faultBump(token).status == 200)

            let listed = try await stub.send("GET", "/__control/faults")
            let faults = try #require(listed.json?["faults"] as? [[String: Any]])
            #expect(faults.count == 1)
            #expect(faults.first?["remaining"] as? Int == 0)
            #expect(faults.first?["applied"] as? Int == 2)
        }
    }

    @Test("the HTTP form: unauthorized with a lower-case method and a * path; delay by delayMs")
    func httpOtherKinds() async throws {
        try await withStub { stub in
            let unauthorized = try await postFault(stub, #"{"kind":"unauthorized","match":{"method":"post","path":"/m2m/*"},"times":1}"#)
            #expect(unauthorized.status == 201)
            #expect((unauthorized.json?["match"] as? [String: String])?["method"] == "POST")
            let delay = try await postFault(stub, #"{"kind":"delay","delayMs":250,"match":{"path":"/v1/auth/login"},"times":1}"#)
            #expect(delay.status == 201)
            #expect(delay.json?["id"] as? String == "f2")
            #expect(delay.json?["delayMs"] as? Int == 250)

            #expect(try await stub.faultWiceLogin("/m2m/v1/auth/login").status == 401)
            let started = ContinuousClock.now
            let slow = try await stub.faultWiceLogin("/v1/auth/login")
            #expect(ContinuousClock.now - started >= .milliseconds(250))
            #expect(slow.status == 201)
            #expect(slow.header("X-AuthStub-Fault") == "f2")
        }
    }

    @Test(
        "the HTTP form refuses a bad fault with 400 naming the field, and installs nothing",
        arguments: [
            (#"{"kind":"explode"}"#, "kind"),
            (#"{"kind":"status"}"#, "status"),
            (#"{"kind":"delay","delayMs":10,"status":500}"#, "status"),
            (#"{"kind":"drop","times":0}"#, "times"),
            (#"{"kind":"drop","match":{"path":"auth/login"}}"#, "match.path"),
        ]
    )
    func httpBadFault(json: String, field: String) async throws {
        try await withStub { stub in
            let refused = try await postFault(stub, json)
            #expect(refused.status == 400, "\(refused.text)")
            #expect(refused.json?["field"] as? String == field, "\(refused.text)")
            #expect(refused.json?["error"] is String)
            #expect(try await stub.faults().isEmpty)
            #expect(try await stub.faultWiceLogin().status == 201)
        }
    }

    @Test("the HTTP form: DELETE /__control/faults/{id} removes one fault")
    func httpRemove() async throws {
        try await withStub { stub in
            let created = try await postFault(stub, #"{"kind":"status","status":500}"#)
            #expect(created.status == 201)
            #expect(try await stub.faultWiceLogin().status == 500)
            #expect(try await stub.send("DELETE", "/__control/faults/f1").status == 204)
            #expect(try await stub.faultWiceLogin().status == 201)
            #expect(try await stub.send("DELETE", "/__control/faults/f1").status == 404)
        }
    }
}
