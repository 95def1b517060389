import AuthStubTesting
import Foundation
import TestSupport
import Testing

@testable import AuthStub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The ways a test reaches a server: over its socket, or through the socket-free transport,
/// to a started server or to one that never listens.
enum TransportUnderTest: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// A started server, an ephemeral URLSession over 127.0.0.1.
    case socket
    /// A started server, used through `makeInProcessSession()`: its baseURL is
    /// `http://127.0.0.1:port`, and the requests never touch the socket.
    case inProcess
    /// A server that is never started (`http://authstub-N.invalid`), through
    /// `makeInProcessSession()` only.
    case inProcessUnstarted

    var testDescription: String { rawValue }

    var isInProcess: Bool { self != .socket }

    /// The two transports that reach one started server.
    static let startedPair: [TransportUnderTest] = [.socket, .inProcess]
}

/// What the transport tests look at beyond the other tests' `StubResponse`.
extension StubResponse {
    /// The headers that must agree between transports: all but those the HTTP layer writes
    /// itself (`Date`, `Server`, `Connection`, `Content-Length`), names in lower case.
    var comparableHeaders: [String: String] {
        let layer: Set<String> = ["date", "server", "connection", "content-length"]
        var result: [String: String] = [:]
        for (name, value) in headers where !layer.contains(name.lowercased()) { result[name.lowercased()] = value }
        return result
    }
}

/// A server and a URLSession that reaches it the way `transport` says.
struct TransportClient: Sendable {
    let transport: TransportUnderTest
    let stub: AuthStubServer
    let session: URLSession

    /// A fresh session for `transport`: `makeTestSession()` (ephemeral, no cache) over the
    /// socket, the product's own `makeInProcessSession()` otherwise.
    static func session(for transport: TransportUnderTest, _ stub: AuthStubServer) -> URLSession {
        transport.isInProcess ? stub.makeInProcessSession() : makeTestSession()
    }

    /// `host:port` (or the `.invalid` host) the requests go to.
    var authority: String {
        let url = stub.baseURL
        return url.port.map { "\(url.host ?? ""):\($0)" } ?? (url.host ?? "")
    }

    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil) throws -> URLRequest {
        let url = try #require(URL(string: stub.baseURL.absoluteString + path))
        var request = URLRequest(url: url)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        return request
    }

    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil) async throws -> StubResponse {
        try await send(try request(method, path, headers: headers, body: body.map { Data($0.utf8) }))
    }

    func send(_ request: URLRequest) async throws -> StubResponse {
        let (data, response) = try await session.data(for: request)
        return try StubResponse(data: data, response: response)
    }

    /// Sends a request that must fail, and returns its `URLError`.
    func urlError(
        _ method: String,
        _ path: String,
        headers: [String: String] = [:],
        body: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> URLError? {
        do {
            let response = try await send(method, path, headers: headers, body: body)
            Issue.record(
                "\(transport): expected a URLError, got status \(response.status) with \(response.body.count) body bytes",
                sourceLocation: sourceLocation
            )
            return nil
        } catch let error as URLError {
            return error
        }
    }

    /// A wice login with the right credentials, whatever it answers.
    func wiceLogin(_ path: String = "/m2m/v1/auth/login", headers extra: [String: String] = [:]) async throws -> StubResponse {
        try await send("POST", path, headers: TransportRequests.json.merging(extra) { $1 }, body: TransportRequests.credentials)
    }

    /// A wice login that must succeed; the `auth-token` header.
    func wiceToken(sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let response = try await wiceLogin()
        #expect(response.status == 201, sourceLocation: sourceLocation)
        return try #require(response.header("auth-token"), sourceLocation: sourceLocation)
    }

    /// A usertoken login with the right Basic credentials, whatever it answers.
    func userTokenLogin() async throws -> StubResponse {
        try await send("POST", "/auth/login", headers: ["Authorization": TransportRequests.basic, "Accept": "application/json"])
    }

    /// `POST /auth/bump` with `Authorization: Bearer token`.
    func bump(_ token: String) async throws -> StubResponse {
        try await send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"])
    }
}

/// Runs `body` with a server reached through `transport`; a started server is always stopped.
func withTransport<Result: Sendable>(
    _ transport: TransportUnderTest,
    _ options: AuthStubServer.Options = AuthStubServer.Options(),
    _ body: (TransportClient) async throws -> Result
) async throws -> Result {
    if transport == .inProcessUnstarted {
        let stub = try AuthStubServer(options: options)
        let client = TransportClient(transport: transport, stub: stub, session: TransportClient.session(for: transport, stub))
        defer { client.session.finishTasksAndInvalidate() }
        return try await body(client)
    }
    return try await withAuthStub(options: options) { stub in
        let client = TransportClient(transport: transport, stub: stub, session: TransportClient.session(for: transport, stub))
        defer { client.session.finishTasksAndInvalidate() }
        return try await body(client)
    }
}

/// Options for a server whose answers repeat byte for byte: a seed, and (set by
/// `transportFreeze`) a frozen clock.
func transportSeededOptions(seed: UInt64 = 7) -> AuthStubServer.Options {
    var options = AuthStubServer.Options()
    options.seed = seed
    return options
}

/// 2026-11-23T10:00:00Z, where the parity tests freeze the clock.
let transportFrozenDate = Date(timeIntervalSince1970: 1_795_428_000)

extension AuthStubServer {
    /// Sets the clock to `transportFrozenDate` and freezes it.
    func transportFreeze() async throws {
        try await freezeClock(at: transportFrozenDate)
    }
}

enum TransportRequests {
    static let json = ["Content-Type": "application/json", "Accept": "application/json"]
    static let credentials = #"{"username":"user","password":"secret"}"#
    /// `credentials` as the journal keeps them.
    static let journaledCredentials = #"{"username":"user","password":"[redacted]"}"#
    static let basic = "Basic " + Data("user:secret".utf8).base64EncodedString()
    static let v2 = "application/vnd.se.alkit.wice.authservice-v2+json"
    static let statusMessage = #"{"code":12345,"message":"..."}"#
    static let unknownToken = "0b1f5b3e-0000-4000-8000-000000000000"
}

/// Records the authentication challenges a session is given and cancels them, so that a 401
/// with a challenge ends the task (with `URLError.cancelled`) instead of waiting for
/// credentials that never come.
final class TransportChallengeRecorder: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [(method: String, response: HTTPURLResponse?)] = []

    var challenges: [(method: String, response: HTTPURLResponse?)] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        lock.lock()
        recorded.append((challenge.protectionSpace.authenticationMethod, challenge.failureResponse as? HTTPURLResponse))
        lock.unlock()
        completionHandler(.cancelAuthenticationChallenge, nil)
    }
}

extension JournalEntry {
    /// The entry without what legitimately differs between transports: the headers (the
    /// socket's URLSession adds its own, and the Host differs) and the time spent.
    var transportComparable: JournalEntry {
        var entry = self
        entry.headers = []
        entry.duration = .zero
        return entry
    }

    /// The value of the header `name`, if the request carried it.
    func transportHeader(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
