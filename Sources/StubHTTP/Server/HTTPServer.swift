import Foundation
import Synchronization

/// A small HTTP/1.1 server: keep-alive, pipelining, chunked bodies, strict limits, and faults
/// (drop, reset, truncated body, delay) carried out on the connection. Each of its event-loop
/// threads runs `poll`. A handler runs as a Swift task (`Handler`), or on the loop's own thread
/// when it answers without waiting (`AnsweringHandler`).
///
/// ```swift
/// let server = HTTPServer { request in .respond(HTTPResponse(status: 200, text: "hi")) }
/// try await server.start()          // listening when this returns
/// print(server.port ?? 0)
/// await server.stop()               // closes every connection; safe to call twice
/// ```
///
/// The same answer worked out on the loop's thread, with no task per request; what has to wait
/// is handed to a queue and delivered from there:
///
/// ```swift
/// let slowWork = DispatchQueue(label: "slow-work")
/// let server = HTTPServer(answering: { request in
///     request.path == "/report"
///         ? .elsewhere(on: slowWork) { .finished(.respond(HTTPResponse(status: 200, text: makeReport()))) }
///         : .finished(.respond(HTTPResponse(status: 200, text: "hi")))
/// })
/// ```
public final class HTTPServer: Sendable {
    /// Answers one request. Runs on the Swift concurrency pool, never on a loop thread.
    public typealias Handler = @Sendable (HTTPRequest) async -> HTTPAction
    /// Answers one request on the event loop's thread that read it, so it must not block or
    /// take long: other connections of that loop wait meanwhile. What has to wait returns
    /// `.pending` and delivers from elsewhere (`HTTPAnswer.elsewhere`). Saves every request a
    /// task and two thread crossings.
    public typealias AnsweringHandler = @Sendable (HTTPRequest) -> HTTPAnswer

    /// How the server's handler is called.
    enum Responder: Sendable {
        case task(Handler)
        case onLoop(AnsweringHandler)
    }

    private enum Phase {
        case idle
        case running(ServerCore, [EventLoop], runningLoops: Int)
        case stopping(ServerCore, waiters: [CheckedContinuation<Void, Never>], runningLoops: Int)
        case stopped
    }

    /// The settings the server was made with.
    public let configuration: Configuration
    private let responder: Responder
    private let phase = Locked(Phase.idle)
    private let boundPort = Atomic<Int>(0)

    /// A server that will answer every request with `handler`.
    public init(configuration: Configuration = Configuration(), handler: @escaping Handler) {
        self.configuration = configuration
        self.responder = .task(handler)
    }

    /// A server that will answer every request with `handler`, called on its event loops'
    /// threads (see `AnsweringHandler`).
    public init(configuration: Configuration = Configuration(), answering handler: @escaping AnsweringHandler) {
        self.configuration = configuration
        self.responder = .onLoop(handler)
    }

    /// The port the server listens on, once started (the real one when 0 was asked for).
    public var port: Int? {
        let port = boundPort.load(ordering: .acquiring)
        return port == 0 ? nil : port
    }

    /// Bytes of responses not yet wholly sent that all connections hold now (what
    /// `maxPendingOutputBytesTotal` bounds).
    package var pendingOutputBytes: Int {
        phase.withLock { phase in
            switch phase {
            case .running(let core, _, _), .stopping(let core, _, _): core.pendingOutputBytes.load(ordering: .relaxed)
            case .idle, .stopped: 0
            }
        }
    }

    /// Binds, listens and starts serving; returns once connections are accepted.
    /// - Throws: `HTTPServerError` naming the address and the OS's reason, e.g.
    ///   `127.0.0.1:8080: Address already in use`.
    public func start() async throws(HTTPServerError) {
        try phase.withLock { phase throws(HTTPServerError) in
            guard case .idle = phase else { throw HTTPServerError.alreadyStarted }
            // Held from the first start on; a process already short of descriptors accepts
            // once it has them (`EventLoop.resumeListenerIfDue`).
            DescriptorReserve.shared.refill()
            let listener: Socket.Listener
            do throws(SystemError) {
                listener = try Socket.listen(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
            } catch {
                throw HTTPServerError.bindFailed(address: Self.display(configuration.host, configuration.port), error)
            }
            let core = ServerCore(configuration: configuration, responder: responder, listener: listener.fd)
            var loops: [EventLoop] = []
            do throws(SystemError) {
                for _ in 0..<max(1, configuration.eventLoopCount) {
                    loops.append(try EventLoop(core: core))
                }
            } catch {
                closeDescriptor(listener.fd)
                throw HTTPServerError.setupFailed(error)
            }
            for (index, loop) in loops.enumerated() {
                let thread = Thread { [self] in
                    nameCurrentThread("authstub-io-\(index)")
                    loop.run()
                    loopDidExit()
                }
                thread.start()
            }
            boundPort.store(listener.port, ordering: .releasing)
            phase = .running(core, loops, runningLoops: loops.count)
        }
    }

    /// Stops accepting, closes every connection (in-flight requests get no answer: their
    /// clients see the connection close) and returns once every loop thread has finished.
    /// Safe to call more than once, and before `start`.
    public func stop() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let loopsToStop: [EventLoop]? = phase.withLock { phase in
                switch phase {
                case .idle, .stopped:
                    phase = .stopped
                    waiter.resume()
                    return nil
                case .running(let core, let loops, let running):
                    phase = .stopping(core, waiters: [waiter], runningLoops: running)
                    return loops
                case .stopping(let core, var waiters, let running):
                    waiters.append(waiter)
                    phase = .stopping(core, waiters: waiters, runningLoops: running)
                    return nil
                }
            }
            for loop in loopsToStop ?? [] { loop.requestStop() }
        }
    }

    private func loopDidExit() {
        let finished: [CheckedContinuation<Void, Never>] = phase.withLock { phase in
            switch phase {
            case .stopping(let core, let waiters, let running):
                if running > 1 {
                    phase = .stopping(core, waiters: waiters, runningLoops: running - 1)
                    return []
                }
                closeDescriptor(core.listener)
                phase = .stopped
                return waiters
            case .running(let core, let loops, let running):
                // A loop only exits when asked to; keep the books straight regardless.
                phase = .running(core, loops, runningLoops: running - 1)
                return []
            case .idle, .stopped:
                return []
            }
        }
        for waiter in finished { waiter.resume() }
    }

    static func display(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// Why a server could not start. Read `description` for the address and the system's reason,
/// or `systemError` for the failed call; compare with `.alreadyStarted`. New reasons may be
/// added, so it is a struct rather than an enum.
public struct HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Reason: Sendable, Equatable {
        case bindFailed(address: String, SystemError)
        case setupFailed(SystemError)
        case alreadyStarted
    }

    private let reason: Reason

    /// Binding or listening on `address` failed, e.g. the address is in use.
    static func bindFailed(address: String, _ error: SystemError) -> HTTPServerError {
        HTTPServerError(reason: .bindFailed(address: address, error))
    }

    /// The server's threads or pipes could not be set up.
    static func setupFailed(_ error: SystemError) -> HTTPServerError {
        HTTPServerError(reason: .setupFailed(error))
    }

    /// `start()` was called on a server that was already started (servers are not restarted).
    public static let alreadyStarted = HTTPServerError(reason: .alreadyStarted)

    /// The system call that failed, when one did (binding, listening, setting up).
    public var systemError: SystemError? {
        switch reason {
        case .bindFailed(_, let error), .setupFailed(let error): error
        case .alreadyStarted: nil
        }
    }

    /// What went wrong, e.g. `127.0.0.1:8080: Address already in use`.
    public var description: String {
        switch reason {
        case .bindFailed(let address, let error): "\(address): \(error.reason)"
        case .setupFailed(let error): "cannot start the server: \(error)"
        case .alreadyStarted: "the server was already started"
        }
    }
}
