import Dispatch
import StubHTTP

/// How the server answers a request: at once (every documented answer, every control route),
/// or once a forward upstream is done. Only a forwarded request waits, so the socket-free
/// transport stays synchronous for everything else.
enum RouteAnswer: Sendable {
    /// The answer, ready now.
    case finished(HTTPAction)
    /// A forward that hands the answer to its callback once, on a thread other than the caller's.
    case pending(@Sendable (_ deliver: @escaping @Sendable (HTTPAction) -> Void) -> Void)

    /// The same answer with `change` applied to it when it is ready.
    func map(_ change: @escaping @Sendable (HTTPAction) -> HTTPAction) -> RouteAnswer {
        switch self {
        case .finished(let action): .finished(change(action))
        case .pending(let start): .pending { deliver in start { deliver(change($0)) } }
        }
    }

    /// The answer, awaited without holding a thread of Swift's cooperative pool.
    var action: HTTPAction {
        get async {
            switch self {
            case .finished(let action): action
            case .pending(let start): await withCheckedContinuation { continuation in start { continuation.resume(returning: $0) } }
            }
        }
    }

    /// The answer, blocking the calling thread until a forward is done (`respond(to:)`).
    func wait() -> HTTPAction {
        switch self {
        case .finished(let action):
            return action
        case .pending(let start):
            let ready = DispatchSemaphore(value: 0)
            let answer = Locked<HTTPAction?>(nil)
            start { action in
                answer.withLock { $0 = action }
                ready.signal()
            }
            ready.wait()
            return answer.withLock { $0 } ?? .drop
        }
    }
}
