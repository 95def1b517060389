import Dispatch
package import StubHTTP

#if canImport(FoundationNetworking)
import Foundation
package import FoundationNetworking
#else
package import Foundation
#endif

/// A raw TCP connection for tests. Its blocking calls run on a Dispatch queue, never on the
/// Swift concurrency pool that the server's handlers need. Waits default to 30 s: they end as
/// soon as the expected bytes arrive, and a loaded 2-core CI machine must not fail a test.
package final class RawConnection: @unchecked Sendable {
    // `socket` is only touched on `queue`, from its creation on; the connection itself is made
    // in the calling task (made on another thread and handed over through a continuation,
    // ThreadSanitizer once reported its fields as racing).
    private let socket: ClientSocket
    private let queue: DispatchQueue
    private var pending: [UInt8] = []

    private init(socket: ClientSocket, queue: DispatchQueue) {
        self.socket = socket
        self.queue = queue
    }

    package static func connect(port: Int, host: String = "127.0.0.1") async throws -> RawConnection {
        let queue = DispatchQueue(label: "raw-connection")
        let socket = try await onQueue(queue) { try ClientSocket(host: host, port: port) }
        return RawConnection(socket: socket, queue: queue)
    }

    /// Connects and sends `text` in one step, so no time passes between the two (for tests of
    /// timeouts that start at the connection).
    package static func connect(port: Int, host: String = "127.0.0.1", sending text: String) async throws -> RawConnection {
        let queue = DispatchQueue(label: "raw-connection")
        let socket = try await onQueue(queue) {
            let socket = try ClientSocket(host: host, port: port)
            try socket.send(text)
            return socket
        }
        return RawConnection(socket: socket, queue: queue)
    }

    package func send(_ text: String) async throws { try await send(Array(text.utf8)) }

    package func send(_ bytes: [UInt8]) async throws {
        try await Self.onQueue(queue) { try self.socket.send(bytes) }
    }

    /// What arrives within `timeout` (at least one byte), or `[]` at end-of-file.
    package func receive(timeout: Duration = .seconds(30)) async throws -> [UInt8] {
        try await Self.onQueue(queue) {
            if !self.pending.isEmpty {
                defer { self.pending = [] }
                return self.pending
            }
            return try self.socket.receive(timeout: timeout)
        }
    }

    /// Everything until the server closes (`closed` true) or `timeout` passes.
    package func receiveUntilClosed(timeout: Duration = .seconds(30)) async -> (bytes: [UInt8], closed: Bool) {
        (try? await Self.onQueue(queue) {
            let rest = self.socket.receiveUntilClosed(timeout: timeout)
            defer { self.pending = [] }
            return (self.pending + rest.bytes, rest.closed)
        }) ?? ([], true)
    }

    /// Reads until `count` complete responses have arrived (those at the indices in
    /// `headRequests` answer HEAD); bytes past them are kept for later.
    package func responses(_ count: Int, headRequests: Set<Int> = [], timeout: Duration = .seconds(30)) async throws -> [RawResponse] {
        try await Self.onQueue(queue) {
            let deadline = ContinuousClock.now + timeout
            var parser = HTTPResponseParser()
            var received = self.pending
            parser.append(received)
            var parsed: [RawResponse] = []
            while parsed.count < count {
                switch parser.next(answeringHead: headRequests.contains(parsed.count)) {
                case .response(let response):
                    parsed.append(RawResponse(response))
                case .error(let error):
                    throw RawConnectionError.malformed(error.reason, received: String(decoding: received, as: UTF8.self))
                case .needMore:
                    let chunk = try self.socket.receive(timeout: max(.milliseconds(1), deadline - .now))
                    if chunk.isEmpty {
                        guard let last = try? parser.finish() else {
                            throw RawConnectionError.closedEarly(received: String(decoding: received, as: UTF8.self))
                        }
                        parsed.append(RawResponse(last))
                    }
                    received += chunk
                    parser.append(chunk)
                }
            }
            self.pending = Array(received.suffix(parser.bufferedByteCount))
            return parsed
        }
    }

    /// One response.
    package func response(isHead: Bool = false, timeout: Duration = .seconds(30)) async throws -> RawResponse {
        try await responses(1, headRequests: isHead ? [0] : [], timeout: timeout)[0]
    }

    package func shutdownWrite() async { try? await Self.onQueue(queue) { self.socket.shutdownWrite() } }
    package func reset() async { try? await Self.onQueue(queue) { self.socket.reset() } }
    package func close() async { try? await Self.onQueue(queue) { self.socket.close() } }

    private static func onQueue<T>(_ queue: DispatchQueue, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}

package enum RawConnectionError: Error {
    case closedEarly(received: String)
    case malformed(String, received: String)
}

/// A response as a test reads it off a raw connection, parsed by the HTTP layer's client parser.
package struct RawResponse: Sendable {
    package var status: HTTPStatus
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    init(_ response: ParsedResponse) {
        status = response.status
        headers = response.headers.map { (name: $0.name, value: $0.value) }
        body = response.body
    }

    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    package var text: String { String(decoding: body, as: UTF8.self) }

    /// Parses one response from the front of `bytes`; nil if it is not complete yet or is not
    /// a response.
    package static func parse(_ bytes: ArraySlice<UInt8>, isHead: Bool) -> (RawResponse, ArraySlice<UInt8>)? {
        var parser = HTTPResponseParser()
        parser.append(Array(bytes))
        guard case .response(let response) = parser.next(answeringHead: isHead) else { return nil }
        return (RawResponse(response), bytes.suffix(parser.bufferedByteCount))
    }
}

/// A URLSession with no caching or cookies, so every request really reaches the server.
///
/// It cancels authentication challenges: on Linux, FoundationNetworking (Swift 6.3.1) waits
/// forever on a 401 with a `WWW-Authenticate` challenge when nothing answers it
/// (swift-corelibs-foundation#5456), and no answer hands the 401 back, so tests look at such
/// responses through a raw socket instead.
package func makeTestSession() -> URLSession {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.timeoutIntervalForRequest = 60  // a wait, not a speed limit: a loaded CI machine is slow
    return URLSession(configuration: configuration, delegate: ChallengeCanceller(), delegateQueue: nil)
}

/// Cancels every authentication challenge instead of waiting for credentials.
final class ChallengeCanceller: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        completionHandler(.cancelAuthenticationChallenge, nil)
    }
}
