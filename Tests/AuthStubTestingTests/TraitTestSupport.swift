import AuthStub
import AuthStubTesting
import Foundation
import StubHTTP
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Requests and checks shared by the AuthStubTesting suites.
enum TraitRequests {
    static let credentials = #"{"username":"user","password":"secret"}"#

    /// A plain ephemeral session over the socket (no caching, nothing shared between tests).
    static func socketSession() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = 30
        return URLSession(configuration: configuration)
    }

    /// Sends one request with `session` (a fresh socket session when nil) to `stub`.
    static func send(
        _ stub: AuthStubServer,
        _ method: String,
        _ path: String,
        headers: [String: String] = [:],
        body: String? = nil,
        session: URLSession? = nil
    ) async throws -> (status: Int, response: HTTPURLResponse, body: Data) {
        let url = try #require(URL(string: stub.baseURL.absoluteString + path))
        var request = URLRequest(url: url)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body.map { Data($0.utf8) }
        let used = session ?? socketSession()
        defer { if session == nil { used.finishTasksAndInvalidate() } }
        let (data, response) = try await used.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, http, data)
    }

    /// A wice login over the socket; the `auth-token` header.
    static func wiceLogin(_ stub: AuthStubServer, session: URLSession? = nil) async throws -> String {
        let answer = try await send(
            stub,
            "POST",
            "/m2m/v1/auth/login",
            headers: ["Content-Type": "application/json", "Accept": "application/json"],
            body: credentials,
            session: session
        )
        #expect(answer.status == 201)
        return try #require(answer.response.value(forHTTPHeaderField: "auth-token"))
    }

    /// Why `server` still answers on its port, or nil when it is stopped. Sends an API request
    /// with a unique path to the port over a real socket: a stopped server refuses the
    /// connection; if another server has been given the port since, the request reaches that
    /// one — either way it must not land in this server's journal.
    static func stillRunning(_ server: AuthStubServer) async -> String? {
        guard let port = server.port else { return "the server was never started" }
        let path = "/trait-stop-probe-\(UUID().uuidString.lowercased())"
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { return "no URL for port \(port)" }
        let session = socketSession()
        defer { session.finishTasksAndInvalidate() }
        var outcome = "refused"
        do {
            let (_, response) = try await session.data(from: url)
            outcome = "answered \((response as? HTTPURLResponse)?.statusCode ?? 0)"
        } catch let error as URLError {
            if error.code != .cannotConnectToHost { outcome = "failed with \(error.code.rawValue)" }
        } catch {
            outcome = "failed with \(error)"
        }
        if server.journal.contains(where: { $0.path == path }) {
            return "port \(port) still reaches the server (\(outcome))"
        }
        return nil
    }

    /// Records an issue unless `server` is stopped.
    static func expectStopped(_ server: AuthStubServer, sourceLocation: SourceLocation = #_sourceLocation) async {
        if let running = await stillRunning(server) {
            Issue.record(Comment(rawValue: running), sourceLocation: sourceLocation)
        }
    }
}

/// Holds the server a test was given, for a check after the test.
final class TraitServerBox: Sendable {
    private let stored = Locked<AuthStubServer?>(nil)

    var server: AuthStubServer? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}

/// Wraps `.authStub` (list it first): after each test it checks that the server the test
/// recorded with `TraitStopCheck.record` no longer answers on its port.
struct TraitStopCheck: TestTrait, SuiteTrait, TestScoping {
    @TaskLocal static var box: TraitServerBox?

    var isRecursive: Bool { true }

    /// Called by the test with the server it was given.
    static func record(_ server: AuthStubServer, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let box else {
            Issue.record("TraitStopCheck.record outside the trait", sourceLocation: sourceLocation)
            return
        }
        box.server = server
    }

    func scopeProvider(for test: Test, testCase: Test.Case?) -> TraitStopCheck? {
        testCase == nil ? nil : self
    }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        // Outside `.authStub`'s scope: no server yet.
        #expect(AuthStubServer.current == nil, "TraitStopCheck must come before .authStub")
        let box = TraitServerBox()
        try await Self.$box.withValue(box) {
            try await function()
        }
        let server = try #require(box.server, "the test recorded no server")
        #expect(server.port != nil)
        await TraitRequests.expectStopped(server)
    }
}

/// Every server handed out by the trait in these suites, so that a test can tell whether it
/// was given one another test had. Strong references: no address is reused meanwhile.
enum TraitServers {
    private static let all = Locked<[AuthStubServer]>([])

    /// Adds `server`; false if some test had it already.
    static func insert(_ server: AuthStubServer) -> Bool {
        all.withLock { servers in
            if servers.contains(where: { $0 === server }) { return false }
            servers.append(server)
            return true
        }
    }
}
