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

/// One standard stream, written by a thread of its own from a fixed ring of bytes, so that no
/// caller ever waits on the reader unless it asks to (`write`). Once a write fails (EPIPE, EBADF,
/// a full disk), the stream is closed for good: queued and later lines are discarded at once and
/// nobody waits on it again.
///
/// Callers copy a line's bytes into the ring; the writer thread copies what is queued into a
/// buffer of its own and writes it. Neither allocates once the ring and that buffer exist, and
/// no memory allocated on one thread is freed on another: handing `String`s to the writer thread
/// made glibc's RSS grow by megabytes a second under a busy request log.
///
/// `@unchecked Sendable`: `state` is read and written only with `condition` locked.
final class ConsoleStream: @unchecked Sendable {
    private struct State {
        /// Queued bytes, `count` of them from `start`, wrapping at the end.
        var ring: [UInt8]
        var start = 0
        var count = 0
        /// The writer thread holds bytes it took from the ring and has not written yet.
        var writing = false
        /// A `write` longer than the room left has queued part of its line: nobody else may
        /// queue until it has queued the rest, so lines never interleave.
        var lineInParts = false
        var closed = false

        var room: Int { ring.count - count }

        /// Copies `bytes` in after what is queued; the caller has checked the room.
        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            var end = (start + count) % ring.count
            for byte in bytes {
                ring[end] = byte
                end = end + 1 == ring.count ? 0 : end + 1
            }
            count += bytes.count
        }

        /// Moves everything queued into `buffer` (emptied first) and empties the ring.
        mutating func take(into buffer: inout [UInt8]) {
            buffer.removeAll(keepingCapacity: true)
            let firstPart = min(count, ring.count - start)
            buffer.append(contentsOf: ring[start..<(start + firstPart)])
            buffer.append(contentsOf: ring[0..<(count - firstPart)])
            start = 0
            count = 0
        }
    }

    /// Bytes that may wait for the reader: about 700 request lines (as Changes and CommandLine say).
    static let capacity = 64 * 1024
    /// Seconds the writer pauses after a short write, so that under load it writes many lines
    /// a call rather than waking and calling `write` for each (a request log of 20,000 lines a
    /// second cost a fifth of the server's CPU in wake-ups). A line may reach the reader that
    /// much later.
    static let gathering = 0.001

    let descriptor: Int32
    /// Guards `state`. Callers and the writer wait on it, each for its own reason, so every
    /// change is broadcast and every waiter checks its own condition again.
    private let condition = NSCondition()
    private var state = State(ring: [UInt8](repeating: 0, count: ConsoleStream.capacity))

    init(descriptor: Int32) {
        self.descriptor = descriptor
        let name = descriptor == STDERR_FILENO ? "authstub-stderr" : "authstub-stdout"
        let thread = Thread { [self] in
            nameCurrentThread(name)
            runWriter()
        }
        thread.start()
    }

    /// Queues `line`, waiting while the ring is full: nothing is lost to a slow reader, but the
    /// caller waits for it. For the request log (whose caller is its own queue, never a request)
    /// and for commands whose output is their result. A line longer than the room left is
    /// queued in parts as the reader takes them.
    func write(_ line: String) {
        var line = line + "\n"
        line.withUTF8 { bytes in
            condition.lock()
            defer { condition.unlock() }
            var rest = bytes[...]
            while !rest.isEmpty, !state.closed {
                // Having queued part of the line, this caller is the one the others wait for.
                let othersLine = state.lineInParts && rest.count == bytes.count
                guard !othersLine, state.room > 0 else {
                    condition.wait()
                    continue
                }
                let taken = min(rest.count, state.room)
                state.append(UnsafeBufferPointer(rebasing: rest.prefix(taken)))
                rest = rest.dropFirst(taken)
                state.lineInParts = !rest.isEmpty
                condition.broadcast()
            }
        }
    }

    /// Queues `line` if the ring has room for all of it; returns false, dropping it, if the
    /// reader has fallen that far behind or the stream is closed. Never waits: for a serving
    /// process's own lines.
    @discardableResult
    func offer(_ line: String) -> Bool {
        var line = line + "\n"
        return line.withUTF8 { bytes in
            condition.lock()
            defer { condition.unlock() }
            guard !state.closed, !state.lineInParts, bytes.count <= state.room else { return false }
            state.append(bytes)
            condition.broadcast()
            return true
        }
    }

    /// Waits until every queued line is written or discarded, or `patience` has passed.
    func drain(patience: Duration?) {
        let deadline = patience.map { ContinuousClock.now + $0 }
        while true {
            condition.lock()
            let done = state.closed || (state.count == 0 && !state.writing)
            condition.unlock()
            if done { return }
            if let deadline, ContinuousClock.now >= deadline { return }
            Thread.sleep(forTimeInterval: 0.005)
        }
    }

    /// The writer thread: takes everything queued at once, frees the ring for callers, writes.
    private func runWriter() {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(ConsoleStream.capacity)
        while true {
            condition.lock()
            while state.count == 0 { condition.wait() }
            state.take(into: &buffer)
            state.writing = true
            condition.broadcast()
            condition.unlock()

            let outcome = writeToStream(descriptor, buffer, patience: nil)
            condition.lock()
            state.writing = false
            if case .closed = outcome {
                state.closed = true
                state.count = 0
                condition.broadcast()
            }
            condition.unlock()
            // A few lines at a time: let more gather before the next write (see `gathering`).
            if buffer.count < Self.capacity / 4 { Thread.sleep(forTimeInterval: Self.gathering) }
        }
    }
}
