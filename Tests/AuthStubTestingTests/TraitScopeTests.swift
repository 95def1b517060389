import AuthStub
import AuthStubTesting
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The `.authStub` trait on single tests and parameterised tests: a started server of the
/// test's own in `AuthStubServer.current`, stopped after the test (checked by
/// `TraitStopCheck`, which wraps the trait).
@Suite("AuthStubTesting: the .authStub trait on tests")
struct TraitScopeTests {
    @Test("@Test(.authStub): a started server on 127.0.0.1 in AuthStubServer.current, stopped afterwards", TraitStopCheck(), .authStub)
    func serverForTest() async throws {
        let stub = try #require(AuthStubServer.current)
        TraitStopCheck.record(stub)
        #expect(TraitServers.insert(stub))
        let port = try #require(stub.port)
        #expect(stub.baseURL.absoluteString == "http://127.0.0.1:\(port)")
        #expect(stub.journal.isEmpty)
        #expect(try await stub.tokens().isEmpty)

        let token = try await TraitRequests.wiceLogin(stub)
        #expect(try await stub.tokens().map(\.token) == [token])
        #expect(stub.journal.count == 1)
    }

    @Test("a parameterised test under the trait: a different, fresh server for every case", TraitStopCheck(), .authStub, arguments: 0..<6)
    func serverPerCase(index: Int) async throws {
        let stub = try #require(AuthStubServer.current)
        TraitStopCheck.record(stub)
        #expect(TraitServers.insert(stub), "case \(index) was given a server another test had")
        // Nothing of another case: the journal and tokens start empty.
        #expect(stub.journal.isEmpty)
        #expect(try await stub.tokens().isEmpty)
        _ = try await TraitRequests.send(stub, "GET", "/trait-case-\(index)")
        _ = try await TraitRequests.wiceLogin(stub)
        #expect(stub.journal.map(\.path) == ["/trait-case-\(index)", "/m2m/v1/auth/login"])
    }

    static let seeded: AuthStubServer.Options = {
        var options = AuthStubServer.Options()
        options.seed = 42
        options.exampleHeader = false
        options.journalCapacity = 2
        return options
    }()

    @Test(".authStub(options): the server is set up with them", TraitStopCheck(), .authStub(TraitScopeTests.seeded))
    func options() async throws {
        let stub = try #require(AuthStubServer.current)
        TraitStopCheck.record(stub)
        #expect(stub.options.seed == 42)
        let answer = try await TraitRequests.send(
            stub,
            "POST",
            "/m2m/v1/auth/login",
            headers: ["Content-Type": "application/json"],
            body: TraitRequests.credentials
        )
        #expect(answer.status == 201)
        #expect(answer.response.value(forHTTPHeaderField: "X-AuthStub-Example") == nil)

        // The seed: the same first token as another server with seed 42.
        let twin = try AuthStubServer(options: Self.seeded)
        let twinSession = twin.makeInProcessSession()
        defer { twinSession.finishTasksAndInvalidate() }
        let twinToken = try await TraitRequests.wiceLogin(twin, session: twinSession)
        #expect(answer.response.value(forHTTPHeaderField: "auth-token") == twinToken)

        // The journal capacity: two entries kept.
        _ = try await TraitRequests.send(stub, "GET", "/one")
        _ = try await TraitRequests.send(stub, "GET", "/two")
        #expect(stub.journal.map(\.path) == ["/one", "/two"])
    }

    @Test("child tasks see the test's server; a test without the trait has none", TraitStopCheck(), .authStub)
    func childTasks() async throws {
        let stub = try #require(AuthStubServer.current)
        TraitStopCheck.record(stub)
        let seen = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 { group.addTask { AuthStubServer.current === stub } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(seen == [true, true, true, true])
    }

    @Test("no trait, no server")
    func noTrait() {
        #expect(AuthStubServer.current == nil)
    }
}

/// `@Suite(.authStub)`: every test in the suite, and every case of its parameterised test,
/// gets a server of its own; none is shared by the suite.
@Suite("AuthStubTesting: the .authStub trait on a suite", TraitStopCheck(), .authStub)
struct TraitSuiteScopeTests {
    /// Each test checks it has a fresh server nobody else had, and leaves a token in it.
    static func useOwnServer(_ name: String) async throws {
        let stub = try #require(AuthStubServer.current)
        TraitStopCheck.record(stub)
        #expect(TraitServers.insert(stub), "\(name) was given a server another test had")
        #expect(stub.journal.isEmpty)
        #expect(try await stub.tokens().isEmpty)
        _ = try await TraitRequests.wiceLogin(stub)
        #expect(try await stub.tokens().count == 1)
    }

    @Test func first() async throws { try await Self.useOwnServer("first") }
    @Test func second() async throws { try await Self.useOwnServer("second") }
    @Test func third() async throws { try await Self.useOwnServer("third") }
    @Test(arguments: ["a", "b", "c"]) func parameterised(name: String) async throws { try await Self.useOwnServer(name) }
}
