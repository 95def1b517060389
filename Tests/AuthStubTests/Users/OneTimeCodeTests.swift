import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// `oneTimeCode`: a login whose password is right must also send a code the server made.
@Suite("One-time codes")
struct OneTimeCodeTests {
    static let files = [
        "api/service.json": TokenFixture.service(
            token: #"{ "scheme": "bearer" }"#,
            extra: #", "oneTimeCode": { "field": "body.otp", "length": 8, "lifetime": "5m" }"#
        ),
        "api/login.json": """
        { "kind": "endpoint", "name": "login", "method": "POST", "path": "/login", "role": "login",
          "responses": [
            { "name": "ok", "when": "success", "status": 200, "headers": { "Content-Type": "application/json" }, "body": { "token": "{{token}}" } },
            { "name": "mfa", "when": "codeRequired", "status": 401, "headers": { "Content-Type": "application/json" }, "body": { "mfa_required": true } },
            { "name": "expired", "when": "badCode", "reason": "expired", "status": 401, "headers": { "Content-Type": "application/json" }, "body": { "error": "code_expired" } }
          ] }
        """,
    ]

    /// Logs `ada` in, with `otp` when given.
    static func login(_ stub: AuthStubServer, otp: String? = nil, password: String = "lovelace") async throws -> StubResponse {
        let code = otp.map { #", "otp": "\#($0)""# } ?? ""
        return try await stub.send(
            "POST",
            "/login",
            headers: ["Content-Type": "application/json"],
            body: #"{"username": "ada", "password": "\#(password)"\#(code)}"#
        )
    }

    @Test("no code: codeRequired and a code is made; the control API reads it; the right code logs in once", arguments: ControlTransport.allCases)
    func flow(transport: ControlTransport) async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let control: any AuthStubControl = transport == .http ? stub.controlClient() : stub
            #expect(try await Self.login(stub, password: "wrong").status == 401)
            #expect(stub.lastEntry?.refusal == .badCredentials)
            await #expect(throws: ControlError.self) { try await control.oneTimeCode(service: "api", user: "ada") }

            let first = try await Self.login(stub)
            #expect(first.status == 401)
            #expect(first.json?["mfa_required"] as? Bool == true)
            #expect(stub.lastEntry?.refusal == .codeRequired)
            #expect(stub.lastEntry?.refusalReason == .missing)
            let code = try await control.oneTimeCode(service: "api", user: "ada")
            #expect(code.code.count == 8 && code.code.allSatisfy(\.isNumber))
            #expect(code.expiresAt == stub.now.addingTimeInterval(300))

            let wrong = try await Self.login(stub, otp: "x" + code.code)
            #expect(wrong.status == 401)
            #expect(wrong.json?["error"] as? String == "the one-time code is not valid")
            #expect(stub.lastEntry?.refusal == .badCode)
            #expect(stub.lastEntry?.refusalReason == .wrong)

            let right = try await Self.login(stub, otp: code.code)
            #expect(right.status == 200)
            #expect(right.json?["token"] is String)
            #expect(try await Self.login(stub, otp: code.code).status == 401)
            #expect(stub.lastEntry?.reason == #"wrong one-time code for user "ada""#)
        }
    }

    @Test(
        "a code past its lifetime on the server clock is refused as expired; set through the control API; reset forgets codes",
        arguments: ControlTransport.allCases
    )
    func expiry(transport: ControlTransport) async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let control: any AuthStubControl = transport == .http ? stub.controlClient() : stub
            let set = try await control.setOneTimeCode(service: "api", user: "ada", code: "424242")
            #expect(set.code == "424242")
            _ = try await control.advanceClock(by: .seconds(301))
            let late = try await Self.login(stub, otp: "424242")
            #expect(late.status == 401)
            #expect(late.json?["error"] as? String == "code_expired")
            #expect(stub.lastEntry?.refusalReason == .expired)

            let made = try await control.setOneTimeCode(service: "api", user: "ada", code: nil)
            #expect(made.code.count == 8)
            try await control.reset()
            await #expect(throws: ControlError.self) { try await control.oneTimeCode(service: "api", user: "ada") }
        }
    }

    @Test("control refusals: an unknown service, user or code step is a 404 naming it; an empty code a 400")
    func refusals() async throws {
        try await TokenFixture.serve(Self.files) { stub in
            let control = stub.controlClient()
            for (service, user, field) in [("nope", "ada", "service"), ("api", "bob", "user")] {
                let error = await #expect(throws: ControlError.self) { try await control.setOneTimeCode(service: service, user: user, code: nil) }
                #expect(error?.status == 404)
                #expect(error?.field == field)
            }
            let empty = await #expect(throws: ControlError.self) { try await control.setOneTimeCode(service: "api", user: "ada", code: "") }
            #expect(empty?.status == 400)
            let missing = try await stub.controlRawSend("GET", "/__control/codes?service=api")
            #expect(missing.status == 400)
        }
    }

    @Test("fixture problems: a field that is no selector, a length out of range, a bad lifetime")
    func problems() async throws {
        try await withTemporaryFolder { folder in
            let rule = #", "oneTimeCode": { "field": "otp", "length": 40, "lifetime": "soon" }"#
            try write(TokenFixture.service(token: #"{ "scheme": "bearer" }"#, extra: rule), to: "api/service.json", in: folder)
            try write(TokenFixture.login(body: "{}"), to: "api/login.json", in: folder)
            let error = #expect(throws: FixtureLoadError.self) { try AuthStubServer.loadFixtures([.directory(folder.appendingPathComponent("api"))]) }
            let paths = Set(error?.problems.map(\.path) ?? [])
            #expect(paths == ["$.oneTimeCode.field", "$.oneTimeCode.length", "$.oneTimeCode.lifetime"], "\(error?.problems ?? [])")
        }
    }
}
