import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// `unauthorized`, `tokenExpired` and `deprecatedRemoved`: each answered in the service's own
/// shape, over a real socket.
@Suite("Faults: unauthorized, tokenExpired, deprecatedRemoved")
struct FaultAuthTests {
    // MARK: unauthorized

    @Test("unauthorized on wice login: 401 in wice's shape with its challenge, even with the right credentials")
    func unauthorizedWiceLogin() async throws {
        try await withStub { stub in
            try await stub.addFault(.unauthorized, match: FaultMatch(path: "/m2m/v1/auth/login"), times: 1)
            let response = try await stub.faultWiceLogin()
            #expect(response.status == 401)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text == #"{"code":401,"message":"The username and password do not match any credentials."}"#)
            #expect(response.header("WWW-Authenticate") == #"auth-token realm="wice""#)
            #expect(response.header("auth-token") == nil)
            #expect(response.header("X-AuthStub-Fault") == "f1")
            #expect(response.header("X-AuthStub-Example") == "wice/login#bad-credentials")
            #expect(try await stub.tokens().isEmpty)

            let entry = try #require(stub.lastEntry)
            #expect(entry.status == 401)
            #expect(entry.fault == "f1")
            #expect(entry.reason == "injected fault f1 (unauthorized)")
            #expect(entry.fixture == "wice/login#bad-credentials")

            #expect(try await stub.faultWiceLogin().status == 201)
        }
    }

    @Test("unauthorized on wice logout with a valid token: 401 in wice's shape, and the token stays valid")
    func unauthorizedWiceLogout() async throws {
        try await withStub { stub in
            let token = try await stub.wiceLogin()
            try await stub.addFault(.unauthorized, match: FaultMatch(method: "DELETE", path: "/m2m/v1/auth/logout"), times: 1)
            let refused = try await stub.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(refused.status == 401)
            #expect(refused.json?["code"] as? Int == 401)
            #expect(refused.json?["message"] is String)
            #expect(refused.header("WWW-Authenticate") == #"auth-token realm="wice""#)
            #expect(refused.header("X-AuthStub-Fault") == "f1")
            #expect(stub.lastEntry?.reason == "injected fault f1 (unauthorized)")
            #expect(try await stub.tokens().first?.state == .active)

            let loggedOut = try await stub.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(loggedOut.status == 204)
        }
    }

    /// Over a raw socket: Linux's URLSession never hands back a 401 that carries a Basic challenge.
    @Test("unauthorized on usertoken login (Basic): 401 with WWW-Authenticate: Basic realm=\"usertoken\"")
    func unauthorizedUserTokenLogin() async throws {
        try await withStub { stub in
            try await stub.addFault(.unauthorized, match: FaultMatch(path: "/auth/login"), times: 1)
            let connection = try await RawConnection.connect(port: try #require(stub.port))
            try await connection.send(FaultRequests.rawUserTokenLogin)
            let response = try await connection.response()
            #expect(response.status == 401)
            #expect(response.header("WWW-Authenticate") == #"Basic realm="usertoken""#)
            #expect(response.header("X-AuthStub-Fault") == "f1")
            #expect(response.text == #"{"message":"Authorization failed"}"#)
            #expect(try await stub.tokens().isEmpty)
            #expect(stub.lastEntry?.reason == "injected fault f1 (unauthorized)")
            // Spent: the same login now succeeds.
            _ = try await stub.userTokenLogin()
        }
    }

    @Test("unauthorized on a usertoken bump: 401 with WWW-Authenticate: Bearer")
    func unauthorizedBump() async throws {
        try await withStub { stub in
            let token = try await stub.userTokenLogin()
            try await stub.addFault(.unauthorized, match: FaultMatch(path: "/auth/bump"), times: 1)
            let response = try await stub.faultBump(token)
            #expect(response.status == 401)
            #expect(response.header("WWW-Authenticate") == "Bearer")
            #expect(response.text == #"{"message":"Authorization failed"}"#)
            #expect(try await stub.faultBump(token).status == 200)
        }
    }

    @Test("unauthorized does not apply to unmatched paths: still 404, and the fault is not counted")
    func unauthorizedSkipsUnmatched() async throws {
        try await withStub { stub in
            try await stub.addFault(.unauthorized, times: 1)
            let missing = try await stub.send("GET", "/v1/auth/whoami")
            #expect(missing.status == 404)
            #expect(missing.header("X-AuthStub-Fault") == nil)
            #expect(stub.lastEntry?.fault == nil)
            let wrongMethod = try await stub.send("GET", "/v1/auth/login")
            #expect(wrongMethod.status == 405)
            let unspent = try await stub.faultNamed("f1")
            #expect(unspent.applied == 0)
            #expect(unspent.remaining == 1)

            // Still armed: the next matched request gets it.
            #expect(try await stub.faultWiceLogin().status == 401)
            #expect(try await stub.faultNamed("f1").applied == 1)
        }
    }

    // MARK: scoped to one token

    @Test("a fault scoped to one token hits that token's bumps only, and is counted only for them")
    func scopedToToken() async throws {
        try await withStub { stub in
            let t1 = try await stub.userTokenLogin()
            let t2 = try await stub.userTokenLogin()
            try await stub.addFault(.unauthorized, match: FaultMatch(path: "/auth/bump", token: t1), times: 2)

            #expect(try await stub.faultBump(t2).status == 200)
            #expect(try await stub.faultNamed("f1").applied == 0)
            let first = try await stub.faultBump(t1)
            #expect(first.status == 401)
            #expect(first.header("X-AuthStub-Fault") == "f1")
            #expect(try await stub.faultBump(t2).status == 200)
            #expect(try await stub.faultBump(t1).status == 401)
            #expect(try await stub.faultBump(t2).status == 200)
            #expect(try await stub.faultBump(t1).status == 200)

            let spent = try await stub.faultNamed("f1")
            #expect(spent.applied == 2)
            #expect(spent.remaining == 0)
            let bumps = stub.journal.filter { $0.path == "/auth/bump" }
            #expect(bumps.filter(JournalFilter(token: t2).matches).allSatisfy { $0.fault == nil && $0.status == 200 })
            #expect(bumps.filter(JournalFilter(token: t1).matches).map(\.fault) == ["f1", "f1", nil])
            // Logging out with t1 is not a bump: untouched.
            let logout = try await stub.send("POST", "/auth/logout", headers: ["Authorization": "Bearer \(t1)"])
            #expect(logout.status == 200)
        }
    }

    // MARK: tokenExpired

    @Test("tokenExpired: the token is expired first, so this request and later ones with it get 401; another token is fine")
    func tokenExpired() async throws {
        try await withStub { stub in
            let t1 = try await stub.userTokenLogin()
            let t2 = try await stub.userTokenLogin()
            try await stub.addFault(.tokenExpired, match: FaultMatch(token: t1), times: 1)

            #expect(try await stub.faultBump(t2).status == 200)
            let expired = try await stub.faultBump(t1)
            #expect(expired.status == 401)
            #expect(expired.header("WWW-Authenticate") == "Bearer")
            #expect(expired.header("X-AuthStub-Fault") == "f1")
            let entry = try #require(stub.lastEntry)
            #expect(entry.reason == "token expired (injected fault f1)")
            #expect(entry.fault == "f1")
            #expect(entry.status == 401)

            // The fault is spent, but the token stays expired.
            let later = try await stub.faultBump(t1)
            #expect(later.status == 401)
            #expect(later.header("X-AuthStub-Fault") == nil)
            #expect(stub.lastEntry?.reason == "token expired")
            #expect(stub.lastEntry?.fault == nil)
            #expect(try await stub.send("POST", "/auth/logout", headers: ["Authorization": "Bearer \(t1)"]).status == 401)

            #expect(try await stub.faultBump(t2).status == 200)
            let states = Dictionary(uniqueKeysWithValues: try await stub.tokens().map { ($0.token, $0.state) })
            #expect(states[t1] == .expired)
            #expect(states[t2] == .active)
        }
    }

    @Test("tokenExpired on wice: the 401 is in wice's shape and the token is expired, not logged out")
    func tokenExpiredWice() async throws {
        try await withStub { stub in
            let token = try await stub.wiceLogin()
            try await stub.addFault(.tokenExpired, times: 1)
            let refused = try await stub.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(refused.status == 401)
            #expect(refused.text == #"{"code":401,"message":"token expired"}"#)
            #expect(refused.header("WWW-Authenticate") == #"auth-token realm="wice""#)
            #expect(stub.lastEntry?.reason == "token expired (injected fault f1)")
            #expect(try await stub.tokens().first?.state == .expired)
        }
    }

    @Test("tokenExpired needs a token: a login (which carries none) is not hit and does not spend it")
    func tokenExpiredNeedsToken() async throws {
        try await withStub { stub in
            try await stub.addFault(.tokenExpired, times: 1)
            let token = try await stub.wiceLogin()
            #expect(try await stub.faultNamed("f1").applied == 0)
            let missing = try await stub.send("DELETE", "/m2m/v1/auth/logout")
            #expect(missing.status == 401)
            #expect(stub.lastEntry?.reason == "missing token")
            #expect(try await stub.faultNamed("f1").applied == 0)

            #expect(try await stub.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token]).status == 401)
            #expect(try await stub.faultNamed("f1").applied == 1)
        }
    }

    // MARK: deprecatedRemoved

    @Test("deprecatedRemoved: the deprecated POST logout answers 410 naming its successor", arguments: ["/m2m", ""])
    func deprecatedRemoved(base: String) async throws {
        try await withStub { stub in
            let token = try await stub.wiceLogin(base: base)
            try await stub.addFault(.deprecatedRemoved)

            let gone = try await stub.send("POST", base + "/v1/auth/logout", headers: ["auth-token": token, "Accept": "application/json"])
            #expect(gone.status == 410)
            #expect(gone.header("Content-Type") == "application/json")
            #expect(gone.json?["code"] as? Int == 410)
            let message = try #require(gone.json?["message"] as? String)
            #expect(message == "POST \(base)/v1/auth/logout was removed; use DELETE \(base)/v1/auth/logout")
            #expect(gone.header("Link") == "<\(base)/v1/auth/logout>; rel=\"successor-version\"")
            #expect(gone.header("Deprecation") == nil)
            #expect(gone.header("X-AuthStub-Fault") == "f1")
            let entry = try #require(stub.lastEntry)
            #expect(entry.deprecated)
            #expect(entry.fault == "f1")
            #expect(entry.reason == "\(message) (injected fault f1)")
            #expect(try await stub.faultNamed("f1").applied == 1)

            // The removed route did not log out; the successor is not deprecated and is untouched.
            let successor = try await stub.send("DELETE", base + "/v1/auth/logout", headers: ["auth-token": token])
            #expect(successor.status == 204)
            #expect(successor.header("X-AuthStub-Fault") == nil)
            #expect(try await stub.faultNamed("f1").applied == 1)
        }
    }

    @Test("deprecatedRemoved leaves routes that are not deprecated alone, and its count untouched")
    func deprecatedRemovedSkipsOthers() async throws {
        try await withStub { stub in
            try await stub.addFault(.deprecatedRemoved, times: 1)
            let token = try await stub.wiceLogin()
            let ut = try await stub.userTokenLogin()
            #expect(try await stub.faultBump(ut).status == 200)
            #expect(try await stub.send("POST", "/auth/logout", headers: ["Authorization": "Bearer \(ut)"]).status == 200)
            #expect(try await stub.send("GET", "/nope").status == 404)
            #expect(try await stub.faultNamed("f1").applied == 0)
            #expect(stub.journal.allSatisfy { $0.fault == nil })

            #expect(try await stub.send("POST", "/m2m/v1/auth/logout", headers: ["auth-token": token]).status == 410)
            #expect(try await stub.faultNamed("f1").remaining == 0)
            // Spent: the deprecated route serves again (and flags the call).
            let served = try await stub.send("POST", "/m2m/v1/auth/logout", headers: ["auth-token": token])
            #expect(served.status == 201)
            #expect(served.header("Deprecation") == "@1577836800")
        }
    }
}
