import Foundation
import Testing

@testable import AuthStub

/// `status` and `reset`, in process and over HTTP.
@Suite("Control: status and reset")
struct ControlStatusResetTests {
    @Test(
        "status: version, services, fixture count, a running clock at real time, empty journal, no faults or tokens",
        arguments: ControlTransport.allCases
    )
    func freshStatus(transport: ControlTransport) async throws {
        try await withControl(transport) { _, control async throws in
            let before = Date()
            let status = try await control.status()
            let after = Date()
            #expect(status.version == AuthStubVersion.current)
            #expect(status.services.map(\.name) == ["oauth2", "usertoken", "wice"])
            let wice = try #require(status.services.first { $0.name == "wice" })
            #expect(wice.title == "AuthService Resource")
            #expect(wice.basePaths == ["/m2m", ""])
            #expect(wice.endpoints == 3)
            #expect(status.services.first { $0.name == "usertoken" }?.endpoints == 3)
            #expect(status.fixtures == Bundled.endpointCount)
            #expect(status.clock.frozen == false)
            #expect(controlIsBetween(status.clock.now, before, after))
            #expect(abs(status.clock.offset.controlSeconds) < 5)
            #expect(
                status.journal
                    == ServerStatus.JournalCounts(
                        entries: 0,
                        dropped: 0,
                        capacity: 10_000,
                        byteLimit: 16 * 1024 * 1024,
                        entryByteLimit: 16 * 1024
                    )
            )
            #expect(status.faults == 0)
            #expect(status.tokens == 0)
            #expect(status.requestLog == nil, "no request log was set")
        }
    }

    @Test("status counts journal entries (and drops), faults and tokens as they come", arguments: ControlTransport.allCases)
    func statusCounts(transport: ControlTransport) async throws {
        var options = AuthStubServer.Options()
        options.journalCapacity = 2
        try await withControl(transport, options) { stub, control async throws in
            _ = try await stub.wiceLogin()
            try await control.addFault(.drop, match: FaultMatch(path: "/nowhere"))
            _ = try await control.mintToken(service: "usertoken")
            var status = try await control.status()
            #expect([status.journal.entries, status.journal.dropped, status.journal.capacity, status.journal.lastID] as [Int] == [1, 0, 2, 1])
            #expect(status.journal.bytes > 256)
            #expect(status.faults == 1)
            #expect(status.tokens == 2)

            _ = try await stub.send("GET", "/unknown-1")
            _ = try await stub.send("GET", "/unknown-2")
            status = try await control.status()
            #expect([status.journal.entries, status.journal.dropped, status.journal.capacity, status.journal.lastID] as [Int] == [2, 1, 2, 3])
        }
    }

    @Test(
        "reset forgets tokens, faults, journal, clock changes, users, deprecation changes and added fixtures",
        arguments: ControlTransport.allCases
    )
    func resetToCleanState(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let token = try await stub.wiceLogin()
            try await control.addFault(.status(503), match: FaultMatch(path: "/nowhere"))
            try await control.addFault(.drop, match: FaultMatch(path: "/nowhere-either"))
            _ = try await control.changeClock(ClockChange(advance: .seconds(5 * 3600), freeze: true))
            _ = try await control.setUser(ServiceUser(service: "wice", username: "ada", password: "lovelace"))
            _ = try await control.setUser(ServiceUser(service: "wice", username: "user", password: "changed"))
            _ = try await control.setDeprecation(DeprecationChange(method: "POST", path: "/m2m/v1/auth/logout", phase: .removed))
            _ = try await control.addFixtures(.endpoint(service: "wice", ControlFixtureDocuments.wiceMe))
            #expect(try await control.status().fixtures == Bundled.endpointCount + 1)

            try await control.reset()

            let status = try await control.status()
            #expect(status.tokens == 0)
            #expect(status.faults == 0)
            #expect(status.journal.entries == 0)
            #expect(status.fixtures == Bundled.endpointCount)
            #expect(try await control.tokens().isEmpty)
            #expect(try await control.faults().isEmpty)
            #expect(try await control.requests().isEmpty)
            let before = Date()
            let clock = try await control.clock()
            let after = Date()
            #expect(clock.frozen == false)
            #expect(abs(clock.offset.controlSeconds) < 5)
            #expect(controlIsBetween(clock.now, before, after))
            #expect(
                try await control.users(showingPasswords: true).ofSeeds == [
                    ServiceUser(service: "usertoken", username: "user", password: "secret"),
                    ServiceUser(service: "wice", username: "user", password: "secret"),
                ]
            )
            #expect(try await control.deprecations().map(\.phase) == [.deprecated])
            #expect(try await control.fixtureSummaries().contains { $0.endpoint == "me" } == false)

            // And the API agrees.
            #expect(try await stub.controlWiceLogout(token).status == 401)
            #expect(stub.lastEntry?.reason == "unknown token")
            #expect(try await stub.controlWiceLogin("ada", "lovelace").status == 401)
            #expect(try await stub.controlWiceLogin("user", "changed").status == 401)
            let fresh = try await stub.wiceLogin()
            #expect(try await stub.send("GET", "/m2m/v1/me", headers: ["auth-token": fresh]).status == 404)
            let deprecated = try await stub.send("POST", "/m2m/v1/auth/logout", headers: ["auth-token": fresh, "Accept": "application/json"])
            #expect(deprecated.status == 201)
            // Fault ids start again.
            #expect(try await control.addFault(.drop, match: FaultMatch(path: "/nowhere")).id == "f1")
        }
    }

    @Test("with a seed, the first token after a reset is the first token of a fresh server", arguments: ControlTransport.allCases)
    func resetReplaysSeed(transport: ControlTransport) async throws {
        var options = AuthStubServer.Options()
        options.seed = 42
        let freshFirst = try await withStub(options) { stub in try await stub.wiceLogin() }
        try await withControl(transport, options) { stub, control async throws in
            let first = try await stub.wiceLogin()
            #expect(first == freshFirst)
            let second = try await stub.wiceLogin()
            #expect(second != first)
            try await control.reset()
            #expect(try await stub.wiceLogin() == freshFirst)
            try await control.reset()
            #expect(try await control.mintToken(service: "usertoken").token == freshFirst)
        }
    }
}
