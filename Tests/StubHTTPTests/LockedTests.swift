import Dispatch
import StubHTTP
import Testing

/// `Locked`, the one lock every part of AuthStub uses.
@Suite("Locked")
struct LockedTests {
    /// Counts without any synchronisation of its own: only the lock under test keeps it right.
    final class Unguarded: @unchecked Sendable {
        var count = 0
    }

    @Test("a lock whose value is empty (Locked(()), as the tests' spawn lock is) still excludes: 8 threads, 8,000 increments")
    func emptyValueExcludes() {
        // Under ThreadSanitizer this is also the check that an empty value is no false race
        // with the object's header, which threads read on their way to the mutex.
        let lock = Locked(())
        let unguarded = Unguarded()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<1_000 {
                lock.withLock { (_: inout Void) in unguarded.count += 1 }
            }
        }
        #expect(unguarded.count == 8_000)
    }
}
