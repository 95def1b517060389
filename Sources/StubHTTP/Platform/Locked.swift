// A value behind a pthread mutex: the lock every part of AuthStub uses for shared state.
//
// Why not `Synchronization.Mutex`: on Linux it hands off through the standard library's own
// atomics and a futex, and the standard library is not built with ThreadSanitizer, so TSan sees
// no ordering between two `withLock` calls on different threads and reports every value it
// guards as a data race (15–20 false reports per test run). TSan intercepts `pthread_mutex_*`,
// so with this lock `swift build --sanitize=thread` checks our code for real. Uncontended, a
// glibc mutex costs one compare-and-swap to lock and one to unlock, as `Mutex` does.
//
// The Darwin branch cannot be compiled on the Linux machines this package is developed on; it
// uses the same POSIX calls, which Darwin declares with the same names and shapes.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#else
#error("AuthStub's HTTP layer supports Glibc (Linux) and Darwin (macOS) only")
#endif

/// A value that several threads share, reached only inside `withLock`.
package final class Locked<Value> {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// The value, with a byte beside it so that its storage is never empty. Swift gives an empty
    /// stored property (`Locked(())`) the object's own address, so TSan took `withLock`'s
    /// access to it for a write to the object's header word, which other threads read without
    /// the lock on their way to the mutex: a false race, seen when tests spawn children in
    /// parallel.
    private var storage: (value: Value, nonEmpty: UInt8)

    package init(_ value: Value) {
        storage = (value, 0)
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        // A default mutex: fails only for bad attributes, and none are passed.
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock; the lock is released however `body`
    /// ends. Never call `withLock` on the same lock from inside `body`.
    package func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&storage.value)
    }
}

/// Safe to share when the value is: every access goes through the mutex.
extension Locked: @unchecked Sendable where Value: Sendable {}
