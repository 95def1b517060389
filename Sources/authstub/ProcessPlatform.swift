// What the command-line tool does to its own process: signals, standard streams, the terminal
// and the allocator. A library never does these (its host owns the process), so they live here
// and not in StubHTTP. This is the only file of the CLI that imports a C library.
//
// The Darwin branches cannot be compiled on the Linux machines this package is developed on.
// They were written against Apple's headers with care: `sigaction`'s handler sits in
// `__sigaction_u.__sa_handler` there, and Darwin's allocator needs no settings. Any fix for
// macOS belongs in this file.

import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for SIGINT, SIGTERM or SIGHUP (a terminal closing) without the default action, which
/// would kill the process before a clean stop. A SIGHUP that the process was started ignoring
/// (`nohup`) stays ignored.
enum TerminationSignal {
    /// Returns the name of the first of those signals that arrives after this call.
    static func wait() async -> String {
        var signals = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")]
        if !isIgnored(SIGHUP) { signals.append((SIGHUP, "SIGHUP")) }
        return await withCheckedContinuation { continuation in
            let queue = DispatchQueue(label: "authstub.signals")
            let once = SignalOnce(continuation)
            var sources: [any DispatchSourceSignal] = []
            for (number, name) in signals {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { once.fire(name) }
                source.resume()
                sources.append(source)
            }
            once.keepAlive(sources)
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

/// Resumes the waiting task on the first signal only.
private final class SignalOnce: @unchecked Sendable {
    // Touched only on the signal queue, except `keepAlive`, which runs before any event.
    private var continuation: CheckedContinuation<String, Never>?
    private var sources: [any DispatchSourceSignal] = []

    init(_ continuation: CheckedContinuation<String, Never>) { self.continuation = continuation }

    func keepAlive(_ sources: [any DispatchSourceSignal]) { self.sources = sources }

    func fire(_ name: String) {
        continuation?.resume(returning: name)
        continuation = nil
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
    // `mallopt` is in <malloc.h>, which the Glibc module does not export; it is looked up instead.
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(nil, "mallopt") else { return }
    let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
    let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
    let arenaMax: Int32 = -8  // M_ARENA_MAX
    _ = mallopt(mmapThreshold, 128 * 1024)
    _ = mallopt(arenaMax, 2)
    #endif
}
