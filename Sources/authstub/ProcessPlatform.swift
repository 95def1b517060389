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
