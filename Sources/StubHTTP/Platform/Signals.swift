// Termination signals for the command-line tool. See System.swift on Darwin.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Waits for SIGINT or SIGTERM without the default action (which would kill the process
/// before a clean stop).
package enum TerminationSignal {
    /// Returns the name of the first SIGINT or SIGTERM that arrives after this call.
    package static func wait() async -> String {
        await withCheckedContinuation { continuation in
            let queue = DispatchQueue(label: "authstub.signals")
            let once = SignalOnce(continuation)
            var sources: [any DispatchSourceSignal] = []
            for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { once.fire(name) }
                source.resume()
                sources.append(source)
            }
            once.keepAlive(sources)
        }
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
