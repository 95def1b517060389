import Dispatch
import Foundation

/// Why `blockingCooperativePool` could not block the pool.
package struct PoolBlockError: Error, CustomStringConvertible {
    package let description: String
}

/// Runs `work` while every thread of Swift's cooperative pool (one a core) is held by a task
/// waiting on a semaphore, as a test suite that blocks the pool would hold them; then lets
/// them go (after 10 s in any case). Call it from a thread of one's own (`onOwnThread`), never
/// from a task. When the pool is already stuck (other work of the process can keep it so for
/// seconds) the holding tasks may not start, which serves as well. Fails rather than runs
/// `work` when the pool cannot be shown to be blocked: a task started last must not run
/// within 200 ms.
package func blockingCooperativePool<T>(_ work: () -> T) -> Result<T, PoolBlockError> {
    let width = ProcessInfo.processInfo.activeProcessorCount
    let started = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    for _ in 0..<width {
        Task.detached { holdThread(started: started, until: release) }
    }
    defer { for _ in 0..<width { release.signal() } }
    for _ in 0..<width where started.wait(timeout: .now() + 10) == .timedOut { break }
    let probe = DispatchSemaphore(value: 0)
    Task.detached { probe.signal() }
    guard probe.wait(timeout: .now() + .milliseconds(200)) == .timedOut else {
        return .failure(PoolBlockError(description: "a task still ran with \(width) threads of the pool held"))
    }
    return .success(work())
}

/// Keeps the calling pool thread until `release` is signalled or 10 s pass.
private func holdThread(started: DispatchSemaphore, until release: DispatchSemaphore) {
    started.signal()
    _ = release.wait(timeout: .now() + 10)
}
