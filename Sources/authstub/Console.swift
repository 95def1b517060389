import Dispatch
import Foundation
import StubHTTP

/// The CLI's standard output and standard error. Every line the CLI prints goes through one of
/// these, never through `print` or `FileHandle`: whoever started the process may read slowly,
/// stop reading, close the pipe, or give no stream at all, and none of that may stall a request,
/// a stop, or kill the process (SIGPIPE; `FileHandle.write` traps on EPIPE and EBADF).
enum Console {
    /// Standard output: the banner, request lines, reports.
    static let output = ConsoleStream(descriptor: STDOUT_FILENO)
    /// Standard error: `Error: …` lines and the HTTP layer's warnings.
    static let errors = ConsoleStream(descriptor: STDERR_FILENO)

    /// How long a stopping server waits for its last lines to reach a reader that is slow.
    static let stopPatience: Duration = .seconds(1)

    /// Writes what is queued on both streams, waiting at most `patience` (nil: as long as the
    /// readers take), then ends the process with `status`.
    static func exit(_ status: Int32, patience: Duration? = nil) -> Never {
        output.drain(patience: patience)
        errors.drain(patience: patience)
        Foundation.exit(status)
    }
}

/// One standard stream, written by a thread of its own from a bounded queue of lines, so that
/// no caller ever waits on the reader unless it asks to (`write`). Once a write fails (EPIPE,
/// EBADF, a full disk), the stream is closed for good: queued and later lines are discarded at
/// once and nobody waits on it again.
final class ConsoleStream: Sendable {
    private struct State {
        /// Lines queued and not yet taken by the writer thread.
        var lines: [String] = []
        /// Lines queued or being written: what `drain` waits for.
        var unwritten = 0
        var closed = false
    }

    /// Lines that may wait for the reader.
    static let capacity = 1_024

    let descriptor: Int32
    private let state = Locked(State())
    /// One permit per free place in the queue.
    private let room = DispatchSemaphore(value: ConsoleStream.capacity)
    /// One permit per queued line.
    private let queued = DispatchSemaphore(value: 0)

    init(descriptor: Int32) {
        self.descriptor = descriptor
        let thread = Thread { [self] in runWriter() }
        thread.name = "authstub-console-\(descriptor)"
        thread.start()
    }

    /// Queues `line`, waiting while the queue is full: nothing is lost to a slow reader, but
    /// the caller waits for it. For the request log (whose caller is its own queue, never a
    /// request) and for commands whose output is their result.
    func write(_ line: String) {
        room.wait()
        enqueue(line)
    }

    /// Queues `line` if there is room; returns false, dropping it, if the reader has fallen
    /// 1,024 lines behind. Never waits: for a serving process's own lines.
    @discardableResult
    func offer(_ line: String) -> Bool {
        guard room.wait(timeout: .now()) == .success else { return false }
        enqueue(line)
        return true
    }

    /// Waits until every queued line is written or discarded, or `patience` has passed.
    func drain(patience: Duration?) {
        let deadline = patience.map { ContinuousClock.now + $0 }
        while state.withLock({ $0.unwritten > 0 && !$0.closed }) {
            if let deadline, ContinuousClock.now >= deadline { return }
            Thread.sleep(forTimeInterval: 0.005)
        }
    }

    private func enqueue(_ line: String) {
        state.withLock { state in
            state.lines.append(line)
            state.unwritten += 1
        }
        queued.signal()
    }

    /// The writer thread: takes every queued line at once and writes them in one call.
    private func runWriter() {
        while true {
            queued.wait()
            var batch: [String] = []
            let closed = state.withLock { state in
                swap(&batch, &state.lines)
                return state.closed
            }
            // The batch holds one line per `queued` permit; this wait took the first.
            for _ in batch.dropFirst() { queued.wait() }
            if !closed {
                var bytes: [UInt8] = []
                for line in batch {
                    bytes += line.utf8
                    bytes.append(0x0A)
                }
                if case .closed = writeToStream(descriptor, bytes, patience: nil) {
                    state.withLock { $0.closed = true }
                }
            }
            state.withLock { $0.unwritten -= batch.count }
            for _ in batch { room.signal() }
        }
    }
}
