public import Dispatch

/// How an answering handler (`HTTPServer.init(configuration:answering:)`) answers a request: at
/// once, or later from another thread. A handler that returns `finished` costs the server no
/// task and no thread crossing; one that has to wait (for an upstream, for a slow job) returns
/// `pending` and delivers when it is done.
public enum HTTPAnswer: Sendable {
    /// The answer, ready now.
    case finished(HTTPAction)
    /// Work that hands the answer to `deliver` exactly once, on a thread other than the
    /// caller's, and returns without waiting for it.
    case pending(@Sendable (_ deliver: @escaping @Sendable (HTTPAction) -> Void) -> Void)

    /// `work`'s answer, worked out on `queue` rather than on the caller's thread: for answers
    /// that take long enough to hold up an event loop. A serial queue of one's own has a
    /// thread of its own; `DispatchQueue.global()` shares a few with other work of the process.
    public static func elsewhere(on queue: DispatchQueue, _ work: @escaping @Sendable () -> HTTPAnswer) -> HTTPAnswer {
        .pending { deliver in
            queue.async {
                switch work() {
                case .finished(let action): deliver(action)
                case .pending(let start): start(deliver)
                }
            }
        }
    }

    /// The same answer with `change` applied to it when it is ready.
    package func map(_ change: @escaping @Sendable (HTTPAction) -> HTTPAction) -> HTTPAnswer {
        switch self {
        case .finished(let action): .finished(change(action))
        case .pending(let start): .pending { deliver in start { deliver(change($0)) } }
        }
    }

    /// The answer, blocking the calling thread until pending work delivers it (AuthStub's
    /// `respond(to:)`, for fuzzing and benchmarks).
    package func wait() -> HTTPAction {
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
