import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// The control token that guards a server bound beyond loopback, and control routes' immunity
/// to faults.
@Suite("Control: control token and fault immunity")
struct ControlGuardTests {
    static func everywhere() -> AuthStubServer.Options {
        AuthStubServer.Options(host: "0.0.0.0")
    }

    @Test("bound to 0.0.0.0: a control token is generated; control requests without it, or with a wrong one, get 401 naming Authorization")
    func generatedToken() async throws {
        try await withStub(Self.everywhere()) { stub async throws in
            let token = try #require(stub.controlToken)
            #expect(token.count == 32)
            #expect(token.allSatisfy { $0.isHexDigit })

            for headers in [[:], ["Authorization": "Bearer wrong"], ["Authorization": "Basic \(token)"], ["Authorization": "Bearer"]] {
                let refused = try await stub.controlRawSend("GET", "/__control/status", headers: headers)
                #expect(refused.status == 401, "\(headers)")
                #expect(refused.json?["field"] as? String == "Authorization")
                #expect(refused.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            }
            let wrongLength = try await stub.controlRawSend("GET", "/__control/status", headers: ["Authorization": "Bearer \(token)0"])
            #expect(wrongLength.status == 401)
            let prefix = try await stub.controlRawSend("GET", "/__control/status", headers: ["Authorization": "Bearer \(token.dropLast())"])
            #expect(prefix.status == 401)
            let refusedPost = try await stub.controlRawSend("POST", "/__control/faults", body: #"{"kind":"drop"}"#)
            #expect(refusedPost.status == 401)
            #expect(try await stub.faults().isEmpty, "a refused control request changes nothing")

            let allowed = try await stub.controlRawSend("GET", "/__control/status", headers: ["Authorization": "Bearer \(token)"])
            #expect(allowed.status == 200)
            #expect(allowed.json?["version"] as? String == AuthStubVersion.current)
            let lowerCaseScheme = try await stub.controlRawSend("GET", "/__control/status", headers: ["Authorization": "bearer \(token)"])
            #expect(lowerCaseScheme.status == 200)
        }
    }

    @Test("through ControlClient: without the token a ControlError 401, with it every call works")
    func controlClientWithToken() async throws {
        try await withStub(Self.everywhere()) { stub async throws in
            let anonymous = stub.controlClient(token: .some(nil))
            let refused = await #expect(throws: ControlError.self) { try await anonymous.status() }
            #expect(refused?.status == 401)
            #expect(refused?.field == "Authorization")
            let wrong = stub.controlClient(token: "0123")
            let wrongError = await #expect(throws: ControlError.self) { try await wrong.addFault(.drop) }
            #expect(wrongError?.status == 401)
            #expect(try await stub.faults().isEmpty)

            let client = stub.controlClient()
            #expect(client.controlToken == stub.controlToken)
            #expect(try await client.status().fixtures == Bundled.endpointCount)
            #expect(try await client.mintToken(service: "wice").state == .active)
            #expect(try await client.addFault(.drop, match: FaultMatch(path: "/nowhere")).id == "f1")
        }
    }

    @Test("API routes need no control token")
    func apiUnaffected() async throws {
        try await withStub(Self.everywhere()) { stub async throws in
            let login = try await stub.send(
                "POST",
                "/m2m/v1/auth/login",
                headers: ["Content-Type": "application/json"],
                body: #"{"username":"user","password":"secret"}"#
            )
            #expect(login.status == 201)
            let token = try #require(login.header("auth-token"))
            #expect(try await stub.controlWiceLogout(token).status == 204)
            #expect(stub.journal.count == 2)
        }
    }

    @Test("an explicit control token is required on loopback too; the in-process server needs none")
    func explicitTokenOnLoopback() async throws {
        var options = AuthStubServer.Options()
        options.controlToken = "s3cret-token"
        try await withStub(options) { stub async throws in
            #expect(stub.controlToken == "s3cret-token")
            let refused = try await stub.controlRawSend("GET", "/__control/status")
            #expect(refused.status == 401)
            #expect(refused.json?["field"] as? String == "Authorization")
            let error = await #expect(throws: ControlError.self) { try await stub.controlClient(token: .some(nil)).tokens() }
            #expect(error?.status == 401)

            #expect(try await stub.controlClient().tokens().isEmpty)
            let allowed = try await stub.controlRawSend("GET", "/__control/status", headers: ["Authorization": "Bearer s3cret-token"])
            #expect(allowed.status == 200)
            #expect(try await stub.status().fixtures == Bundled.endpointCount)
            _ = try await stub.wiceLogin()
        }
    }

    @Test("an empty control token counts as none: open on loopback, made up beyond it")
    func emptyTokenIsNone() async throws {
        var loopback = AuthStubServer.Options()
        loopback.controlToken = ""
        try await withStub(loopback) { stub async throws in
            #expect(stub.controlToken == nil)
            #expect(try await stub.controlRawSend("GET", "/__control/status").status == 200)
        }
        var everywhere = Self.everywhere()
        everywhere.controlToken = ""
        try await withStub(everywhere) { stub async throws in
            let token = try #require(stub.controlToken)
            #expect(token.count == 32)
            #expect(try await stub.controlRawSend("GET", "/__control/status").status == 401)
            #expect(try await stub.controlRawSend("GET", "/__control/status", headers: ["Authorization": "Bearer \(token)"]).status == 200)
        }
    }

    @Test("a loopback server without a token option has an open control API")
    func openOnLoopback() async throws {
        try await withStub { stub async throws in
            #expect(stub.controlToken == nil)
            #expect(try await stub.controlRawSend("GET", "/__control/status").status == 200)
        }
    }

    @Test("control routes are never faulted: a drop with no match takes API requests only", arguments: ControlTransport.allCases)
    func controlNeverFaulted(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let installed = try await control.addFault(.drop)
            #expect(installed.fault.match.isEmpty)
            try await control.addFault(.status(500))

            // Every control call still answers, over HTTP too.
            let client = stub.controlClient()
            #expect(try await client.status().faults == 2)
            _ = try await client.tokens()
            _ = try await client.clock()
            #expect(try await client.faults().map(\.applied) == [0, 0])
            let raw = try await stub.controlRawSend("GET", "/__control/faults")
            #expect(raw.status == 200)
            #expect(try await control.faults().map(\.applied) == [0, 0])

            // An API request is dropped, and that is journaled.
            let connection = try await RawConnection.connect(port: try #require(stub.port))
            try await connection.send("GET /m2m/v1/auth/login HTTP/1.1\r\nHost: a\r\n\r\n")
            let dropped = await connection.receiveUntilClosed()
            #expect(dropped.closed)
            #expect(dropped.bytes.isEmpty)
            #expect(try await control.faults().map(\.applied) == [1, 0])
            #expect(try await control.requests().map(\.fault) == ["f1"])
        }
    }
}
