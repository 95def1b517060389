import AuthStubTesting
import Foundation
import StubHTTP
import TestSupport
import Testing

@testable import AuthStub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Dozens of servers in one process never see each other's tokens, faults or journal: 50
/// parallel test cases under the `.authStub` trait, and 50 concurrent `withAuthStub` that are
/// all alive at once.
@Suite("Transport: 50 servers in parallel stay apart")
struct TransportIsolationTests {
    static let servers = 50

    /// Every server a case of `underTrait` was given, by case.
    static let traitServers = Locked<[Int: AuthStubServer]>([:])

    @Test("50 parallel cases under .authStub: each sees only its own tokens, faults and journal", .authStub, arguments: 0..<50)
    func underTrait(index: Int) async throws {
        let stub = try #require(AuthStubServer.current)
        // A fresh server: nothing of another case is in it.
        #expect(stub.journal.isEmpty)
        #expect(try await stub.tokens().isEmpty)
        #expect(try await stub.faults().isEmpty)
        let isNew = Self.traitServers.withLock { servers in
            let isNew = !servers.values.contains { $0 === stub }
            servers[index] = stub
            return isNew
        }
        #expect(isNew, "case \(index) was given a server another case had")

        let own = try await TransportIsolationCase.exercise(stub, index: index)

        // Every other case's server seen so far (running or already stopped): none knows this
        // case's tokens, holds its faults or journaled its requests. Reads only, so the other
        // cases' own checks are not disturbed.
        let neighbours = Self.traitServers.withLock { $0.filter { $0.key != index } }
        for (other, server) in neighbours {
            try await TransportIsolationCase.expectKnowsNothing(of: own, server: server, serverIndex: other)
        }
    }

    @Test("50 concurrent withAuthStub, all alive at once: a token from one is unknown to its neighbour, faults stay home")
    func concurrentServers() async throws {
        let started = TransportBarrier(count: Self.servers)
        let checked = TransportBarrier(count: Self.servers)
        let crossed = TransportBarrier(count: Self.servers)
        let registry = TransportIsolationRegistry()

        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<Self.servers {
                group.addTask {
                    try await withAuthStub { stub in
                        // Every phase arrives at its barrier even when it fails, so one
                        // failing server cannot leave the others waiting.
                        let exercised = await transportOutcome { try await TransportIsolationCase.exercise(stub, index: index) }
                        if let own = try? exercised.get() { registry.entries.withLock { $0[index] = (stub, own) } }
                        await started.arrive()
                        let own = try exercised.get()

                        // All 50 are running and done with their own requests: read the others.
                        let neighbours = registry.entries.withLock { $0 }
                        #expect(neighbours.count == Self.servers)
                        let reads = await transportOutcome {
                            for (other, entry) in neighbours where other != index {
                                try await TransportIsolationCase.expectKnowsNothing(of: own, server: entry.server, serverIndex: other)
                            }
                        }
                        await checked.arrive()
                        try reads.get()

                        // Now requests across: this server's tokens mean nothing to the next one,
                        // over its socket, and this server's faults do not fire there.
                        let neighbour = try #require(neighbours[(index + 1) % Self.servers]).server
                        let across = await transportOutcome {
                            let socket = TransportClient(transport: .socket, stub: neighbour, session: makeTestSession())
                            defer { socket.session.finishTasksAndInvalidate() }
                            let logout = try await socket.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": own.wiceToken])
                            #expect(logout.status == 401)
                            let bump = try await socket.bump(own.userToken)
                            #expect(bump.status == 401)
                            #expect(bump.header("X-Isolation-Fault") == nil)
                            // The neighbour's own path fault answers, with its mark, never this one's.
                            let probe = try await socket.send("GET", "/isolation/\(index)")
                            #expect(probe.status == 418)
                            #expect(probe.header("X-Isolation-Fault") == String((index + 1) % Self.servers))
                        }
                        await crossed.arrive()
                        try across.get()

                        // The neighbour's requests reached this server, and only those.
                        let previous = (index + Self.servers - 1) % Self.servers
                        let foreign = stub.journal.filter { $0.transportHeader("X-Isolation-Case") != String(index) }
                        #expect(foreign.count == 3)
                        #expect(foreign.allSatisfy { $0.transportHeader("X-Isolation-Case") == nil })
                        #expect(foreign.map(\.status) == [401, 401, 418])
                        #expect(foreign.first?.reason == "unknown token")
                        #expect(foreign.first.map(JournalFilter(token: neighbours[previous]?.own.wiceToken).matches) == true)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

/// What one server's case did: its index and the tokens it was issued.
struct TransportIsolationCase: Sendable {
    let index: Int
    let wiceToken: String
    let userToken: String

    /// Logs in to both services (over the socket and in process), installs two faults — one
    /// scoped to this case's token, one to a path every case uses — and checks that this
    /// server holds exactly what this case did.
    static func exercise(_ stub: AuthStubServer, index: Int) async throws -> TransportIsolationCase {
        let marker = ["X-Isolation-Case": String(index)]
        let socket = TransportClient(transport: .socket, stub: stub, session: makeTestSession())
        let inProcess = TransportClient(transport: .inProcess, stub: stub, session: stub.makeInProcessSession())
        defer {
            socket.session.finishTasksAndInvalidate()
            inProcess.session.finishTasksAndInvalidate()
        }

        let login = try await socket.wiceLogin(headers: marker)
        #expect(login.status == 201)
        let wiceToken = try #require(login.header("auth-token"))
        let userLogin = try await inProcess.send(
            "POST",
            "/auth/login",
            headers: ["Authorization": TransportRequests.basic, "Accept": "application/json"].merging(marker) { $1 }
        )
        let userToken = try #require(userLogin.json?["token"] as? String)

        let mark = [HTTPHeaderField("X-Isolation-Fault", String(index))]
        try await stub.addFault(.status(503, headers: mark), match: FaultMatch(path: "/auth/bump", token: userToken))
        try await stub.addFault(.status(418, headers: mark), match: FaultMatch(method: "GET", path: "/isolation/*"))

        for client in [socket, inProcess] {
            let bump = try await client.send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(userToken)"].merging(marker) { $1 })
            #expect(bump.status == 503)
            #expect(bump.header("X-Isolation-Fault") == String(index))
            let probe = try await client.send("GET", "/isolation/\(index)", headers: marker)
            #expect(probe.status == 418)
            #expect(probe.header("X-Isolation-Fault") == String(index))
        }
        let logout = try await inProcess.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": wiceToken].merging(marker) { $1 })
        #expect(logout.status == 204)

        // Only this case's requests, tokens and faults.
        let journal = stub.journal
        #expect(journal.count == 7)
        #expect(journal.allSatisfy { $0.transportHeader("X-Isolation-Case") == String(index) }, "server \(index) journaled another case's request")
        #expect(journal.map(\.id) == Array(1...journal.count))
        #expect(Set(try await stub.tokens().map(\.token)) == [wiceToken, userToken])
        let faults = try await stub.faults()
        #expect(faults.map(\.id) == ["f1", "f2"])
        #expect(faults.map(\.applied) == [2, 2])
        #expect(faults.map(\.fault.kind.statusCode) == [503, 418])
        #expect(faults.map(\.fault.kind.isolationMark) == [String(index), String(index)])
        return TransportIsolationCase(index: index, wiceToken: wiceToken, userToken: userToken)
    }

    /// `server` (case `serverIndex`) holds nothing of `own`: not its tokens, faults or requests.
    static func expectKnowsNothing(of own: TransportIsolationCase, server: AuthStubServer, serverIndex: Int) async throws {
        let tokens = try await server.tokens().map(\.token)
        #expect(!tokens.contains(own.wiceToken) && !tokens.contains(own.userToken), "server \(serverIndex) knows case \(own.index)'s token")
        let faults = try await server.faults()
        #expect(!faults.contains { $0.fault.match.token == own.userToken }, "server \(serverIndex) holds case \(own.index)'s fault")
        #expect(!faults.contains { $0.fault.kind.isolationMark == String(own.index) }, "server \(serverIndex) holds case \(own.index)'s fault")
        #expect(
            !server.journal.contains { $0.transportHeader("X-Isolation-Case") == String(own.index) },
            "server \(serverIndex) journaled case \(own.index)'s request"
        )
    }
}

extension FaultKind {
    /// The status of a `status` fault, 0 for the others.
    var statusCode: HTTPStatus {
        if case .status(let status, _, _) = self { return status }
        return 0
    }

    /// The `X-Isolation-Fault` header of a `status` fault.
    var isolationMark: String? {
        guard case .status(_, let headers, _) = self else { return nil }
        return headers.first { $0.name == "X-Isolation-Fault" }?.value
    }
}

/// The servers of `concurrentServers` and what each did, by index.
final class TransportIsolationRegistry: Sendable {
    let entries = Locked<[Int: (server: AuthStubServer, own: TransportIsolationCase)]>([:])
}

/// Waits until `count` tasks have arrived.
actor TransportBarrier {
    private let count: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) { self.count = count }

    func arrive() async {
        arrived += 1
        if arrived >= count {
            for waiter in waiting { waiter.resume() }
            waiting = []
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}

/// The outcome of `body`, caught.
func transportOutcome<Success>(_ body: () async throws -> Success) async -> Result<Success, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
