// What the command-line tool does to its own process: signals, standard streams, the terminal
// and the allocator. A library never does these (its host owns the process), so they live here
// and not in StubHTTP. This is the only file of the CLI that imports a C library.
//
// The Darwin branches cannot be compiled on the Linux machines this package is developed on.
// They were written against Apple's headers with care: `sigaction`'s handler sits in
// `__sigaction_u.__sa_handler` there, and Darwin's allocator needs no settings. Any fix for
// macOS belongs in this file.

import Dispatch
import StubHTTP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Listens for SIGINT, SIGTERM and SIGHUP (a terminal closing) from the moment it is made,
/// without their default action, which would kill the process before a clean stop. A SIGHUP
/// that the process was started ignoring (`nohup`) stays ignored.
///
/// Make it before the server starts: a dispatch signal source needs a descriptor, and a server
/// that clients have run out of descriptors must still stop on SIGTERM; a signal that comes
/// before `wait()` is kept for it.
final class TerminationSignal: @unchecked Sendable {
    private struct State {
        var received: String?
        var waiter: CheckedContinuation<String, Never>?
    }

    private let state = Locked(State())
    // Only kept alive: the sources stop when released.
    private let sources: [any DispatchSourceSignal]

    init() {
        var signals = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")]
        if !Self.isIgnored(SIGHUP) { signals.append((SIGHUP, "SIGHUP")) }
        let queue = DispatchQueue(label: "authstub.signals")
        var sources: [any DispatchSourceSignal] = []
        for (number, name) in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [state] in
                let waiter: CheckedContinuation<String, Never>? = state.withLock { state in
                    guard state.received == nil else { return nil }
                    state.received = name
                    defer { state.waiter = nil }
                    return state.waiter
                }
                waiter?.resume(returning: name)
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// The name of the first of those signals since `init`, once it has come.
    func wait() async -> String {
        await withCheckedContinuation { continuation in
            let received: String? = state.withLock { state in
                if state.received == nil { state.waiter = continuation }
                return state.received
            }
            if let received { continuation.resume(returning: received) }
        }
    }

    /// Whether `number` is set to be ignored now.
    private static func isIgnored(_ number: Int32) -> Bool {
        var current = sigaction()
        guard sigaction(number, nil, &current) == 0 else { return false }
        // C function pointers are not Equatable in Swift: compare their addresses.
        #if canImport(Glibc)
        let handler = current.__sigaction_handler.sa_handler
        #else
        let handler = current.__sigaction_u.__sa_handler
        #endif
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}

/// Makes a write to a pipe or socket with no reader fail with EPIPE instead of ending the
/// process.
func ignoreBrokenPipeSignal() {
    signal(SIGPIPE, SIG_IGN)
}

/// Opens `/dev/null` on each of standard input, output and error that the process was started
/// without, so that the first socket it opens is never taken for standard output (and log lines
/// never go to a client).
func reserveStandardDescriptors() {
    for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
        let opened = open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY)
        if opened >= 0 && opened != fd {
            _ = dup2(opened, fd)
            _ = close(opened)
        }
    }
}

/// Whether standard output is a terminal (not a pipe or a file), so colours are welcome.
func standardOutputIsTerminal() -> Bool {
    isatty(STDOUT_FILENO) == 1
}

/// Keeps a long-running process's memory from creeping up while what it holds stays the same,
/// as a soak of a million logins showed it did with glibc's defaults:
///
/// - glibc's malloc gives each block of 128 KiB or more its own mapping, returned to the system
///   when freed, but raises that threshold to the size of every such block freed. After a
///   journal listing (several MiB) blocks of that size come from the heap instead, and the heap
///   stays resident, fragmented, at its high-water mark. The threshold is fixed at 128 KiB.
/// - Each thread that meets a busy arena gets an arena of its own (up to eight per core), and
///   every arena keeps its own free space. Two arenas serve the server's few busy threads.
///
/// Darwin's allocator needs neither.
func limitAllocatorRetention() {
    #if canImport(Glibc)
    // `mallopt` is in <malloc.h>, which the Glibc module does not export.
    guard let mallopt = glibcFunction("mallopt", as: (@convention(c) (Int32, Int32) -> Int32).self) else { return }
    let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
    let arenaMax: Int32 = -8  // M_ARENA_MAX
    _ = mallopt(mmapThreshold, 128 * 1024)
    _ = mallopt(arenaMax, 2)
    #endif
}

/// Gives the heap's free pages back to the system each time the process goes quiet after work,
/// with glibc's `malloc_trim`. By itself glibc returns only the free space at the top of a heap,
/// so the holes a run of requests leaves between the journal's entries stay resident: in a
/// 150,000-pair soak the heap's free space grew from 5 to 12 MiB while what it held stayed at
/// 11.6 MiB, and RSS with it.
///
/// Quiet is under 5 ms of CPU time in the last half second, work over 50 ms since the last
/// trim: a busy server is never held up by a trim (0.1–3.5 ms, measured under load), and an
/// idle one trims once and then only looks, twice a second. Returns the timer, which stops
/// when cancelled; nil on Darwin, whose allocator returns free pages by itself.
func trimHeapWhenQuiet() -> (any DispatchSourceTimer)? {
    #if canImport(Glibc)
    // `malloc_trim` is in <malloc.h>, which the Glibc module does not export.
    guard let mallocTrim = glibcFunction("malloc_trim", as: (@convention(c) (Int) -> Int32).self) else { return nil }
    let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "authstub.heap-trim", qos: .utility))
    // Read and written on the timer's serial queue only.
    var lastLook = processCPUNanoseconds()
    var lastTrim = lastLook
    timer.setEventHandler {
        let now = processCPUNanoseconds()
        defer { lastLook = processCPUNanoseconds() }
        guard now &- lastLook < 5_000_000, now &- lastTrim > 50_000_000 else { return }
        _ = mallocTrim(0)
        lastTrim = processCPUNanoseconds()
    }
    timer.schedule(deadline: .now() + .milliseconds(500), repeating: .milliseconds(500), leeway: .milliseconds(100))
    timer.resume()
    return timer
    #else
    return nil
    #endif
}

#if canImport(Glibc)
/// The CPU time all of the process's threads have used, in nanoseconds.
private func processCPUNanoseconds() -> Int64 {
    var time = timespec()
    guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time) == 0 else { return 0 }
    return Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
}
#endif
