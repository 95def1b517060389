// Termination signals for the command-line tool. See System.swift on Darwin.

import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for SIGINT, SIGTERM or SIGHUP (a terminal closing) without the default action, which
/// would kill the process before a clean stop. A SIGHUP that the process was started ignoring
/// (`nohup`) stays ignored.
package enum TerminationSignal {
    /// Returns the name of the first of those signals that arrives after this call.
    package static func wait() async -> String {
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

/// Makes a write to a pipe or socket with no reader fail with EPIPE instead of ending the
/// process: for executables, which own their signal dispositions (a library's host does).
package func ignoreBrokenPipeSignal() {
    signal(SIGPIPE, SIG_IGN)
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
