// The benchmarks' CPU clocks, the one place they differ between C libraries. `clock_gettime`
// and both CPU-time clocks exist on Linux (Glibc) and on Darwin (macOS 10.12 and later; the
// package needs macOS 15) with the same names; Darwin imports `clockid_t` as a C enum where
// Glibc has an `Int32`, which the call sites never see. Darwin cannot be compiled on the
// machines that build this, so keep any difference that appears here, in this file.
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// CPU time consumed so far, as a `Duration`, to subtract one reading from another.
enum CPUTime {
    /// The calling thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`): what a call itself costs,
    /// whatever else the machine runs.
    static func thread() -> Duration {
        reading(CLOCK_THREAD_CPUTIME_ID)
    }

    /// The whole process's CPU time, user and system, over all its threads
    /// (`CLOCK_PROCESS_CPUTIME_ID`): an in-process client and server together.
    static func process() -> Duration {
        reading(CLOCK_PROCESS_CPUTIME_ID)
    }

    /// One reading of `clock`; zero if the clock cannot be read (it always can on both systems).
    private static func reading(_ clock: clockid_t) -> Duration {
        var time = timespec()
        guard clock_gettime(clock, &time) == 0 else { return .zero }
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}
