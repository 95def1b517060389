import Foundation
import Testing

@testable import AuthStub

/// `verify`'s engine against real AuthStub servers on sockets.
@Suite("Contract: verify")
struct ContractVerifierTests {
    @Test("Verify against AuthStub with the same fixtures: every example matches, logins first, logouts last")
    func verifyPasses() async throws {
        try await withStub { server in
            let transport = try ContractVerifier.transport(for: server.baseURL)
            let report = await ContractVerifier(fixtures: server.fixtures.seedsOnly, transport: transport).run()
            #expect(report.passed, "\(report.table())")
            #expect(report.checks.count == 11)
            for service in ["wice", "usertoken"] {
                let checks = report.checks.filter { $0.service == service }
                #expect(checks.first?.endpoint == "login")
                #expect(checks.last.map { $0.endpoint.hasPrefix("logout") } == true)
            }
            #expect(report.check("wice/logout-post#status-message")?.deprecated == true)
            #expect(report.check("wice/logout#no-content")?.deprecated == false)
            #expect(report.check("usertoken/login#authorization-failed")?.actualStatus == 401)
            // The server saw the documented calls: the deprecated logout used a real token.
            let deprecated = server.journal.filter(\.deprecated)
            #expect(deprecated.count == 1)
            #expect(deprecated.first?.status == 201)
            #expect(report.verdict == "11 examples checked: all match.")
        }
    }

    @Test("Verify against an AuthStub whose fixtures drifted names each drift: a status, a header, a body key")
    func verifyNamesDrift() async throws {
        try await withTemporaryFolder { folder in
            try copyFixtures(
                to: folder,
                editing: [
                    ("usertoken/bump.json", "\"status\": 200", "\"status\": 202"),
                    ("usertoken/login.json", "\"Vary\": \"Accept\", ", ""),
                    ("usertoken/logout.json", "{ \"success\": true }", "{ \"succeeded\": true }"),
                    ("wice/logout-post.json", "\"status\": 201", "\"status\": 200"),
                ]
            )
            try await withStub(AuthStubServer.Options(fixtures: [.directory(folder)])) { drifted in
                let fixtures = try AuthStubServer.loadFixtures([.directory(repositoryFixtures)]).seedsOnly
                let transport = try ContractVerifier.transport(for: drifted.baseURL)
                let report = await ContractVerifier(fixtures: fixtures, transport: transport).run()
                #expect(!report.passed)
                #expect(report.check("usertoken/bump#last-login-time")?.drifts == ["status 202, expected 200"])
                #expect(report.check("usertoken/login#user-token")?.drifts == ["missing header Vary"])
                #expect(
                    report.check("usertoken/logout#success")?.drifts
                        == ["body: missing key \"success\"", "body: unexpected key \"succeeded\""]
                )
                #expect(report.check("wice/logout-post#status-message")?.drifts == ["status 200, expected 201"])
                #expect(report.check("wice/login#status-message")?.passed == true)
                #expect(report.check("wice/logout#no-content")?.passed == true)
                #expect(report.failureCount == 5)  // the login 401's Vary went too
                let table = report.table()
                #expect(table.contains("FAIL    POST    /auth/bump"))
                #expect(table.hasSuffix("11 examples checked: 5 did not match the fixtures."))
            }
        }
    }

    @Test("Credentials that the server refuses make the logins and every token route fail")
    func wrongCredentials() async throws {
        try await withStub { server in
            let transport = try ContractVerifier.transport(for: server.baseURL)
            let report = await ContractVerifier(
                fixtures: server.fixtures,
                transport: transport,
                credentials: .init(username: "user", password: "nope")
            ).run()
            #expect(!report.passed)
            #expect(report.check("wice/login#status-message")?.drifts.first == "status 401, expected 201")
            let bump = try #require(report.check("usertoken/bump#last-login-time"))
            #expect(bump.drifts.first?.hasPrefix("could not log in for a token") == true)
            // Bad-credential and bad-token refusals still match.
            #expect(report.check("usertoken/login#authorization-failed")?.passed == true)
            #expect(report.check("usertoken/bump#authorization-failed")?.passed == true)
        }
    }

    @Test("No answer from the server: every check fails with the reason, none crashes")
    func noAnswer() async throws {
        // A transport that never reaches a server: a port closed on purpose could be taken
        // by another test's server in the meantime.
        struct Unreachable: ContractTransport {
            func send(_ request: ContractRequest) async throws -> ContractResponse {
                throw ContractTransportError("127.0.0.1:9: Connection refused")
            }
        }
        let report = await ContractVerifier(fixtures: try AuthStubServer.loadFixtures([.bundled]).seedsOnly, transport: Unreachable()).run()
        #expect(report.checks.count == 11)
        #expect(report.failureCount == report.checks.count)
        #expect(report.check("wice/login#status-message")?.drifts == ["no answer: 127.0.0.1:9: Connection refused"])
        #expect(report.check("wice/logout#no-content")?.drifts == ["could not log in for a token: 127.0.0.1:9: Connection refused"])
    }
}
