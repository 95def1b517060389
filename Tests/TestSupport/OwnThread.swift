import Foundation

/// Runs blocking `work` (a socket read, a child's output, a `waitpid`) on a thread of its own
/// and awaits its result. Never on Swift's cooperative pool, and never on `DispatchQueue.global()`
/// either: on Linux the two share a few worker threads (as many as there are cores), so a test
/// blocking one of them leaves in-process servers and URLSession too few to answer, and under
/// load other tests time out.
package func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// `onOwnThread` for work that cannot fail.
package func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}
