import Foundation
import TestSupport
import Testing

@testable import authstub

/// `ConsoleStream` on a real pipe: lines arrive whole and in order whatever their length and
/// however many threads write, `offer` drops rather than waits, and a reader that closed its end
/// turns writes into discards instead of waits. What blocks runs on threads of its own
/// (`onOwnThread`), never on the cooperative pool the in-process servers of other tests share.
@Suite("Console stream")
struct ConsoleStreamTests {
    /// A pipe whose read end is read to the end on a thread of its own, once `start` is called.
    final class Reader: Sendable {
        let pipe = Pipe()
        private let done = DispatchSemaphore(value: 0)
        private let text = LockedText()

        /// Starts reading.
        func start() {
            let handle = pipe.fileHandleForReading
            Thread { [self] in
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    text.append(data)
                }
                done.signal()
            }.start()
        }

        /// Everything read, once the write end is closed; `start` must have been called.
        func finish() -> String {
            pipe.fileHandleForWriting.closeFile()
            done.wait()
            return text.value
        }
    }

    /// The bytes a `Reader` has read so far.
    final class LockedText: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()

        func append(_ more: Data) { lock.withLock { data.append(more) } }
        var value: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }

    @Test("Lines from four threads, some longer than the ring, arrive whole, each thread's in order")
    func linesArriveWhole() async {
        let reader = Reader()
        reader.start()
        let stream = ConsoleStream(descriptor: reader.pipe.fileHandleForWriting.fileDescriptor)
        let lengths = [10, 200, ConsoleStream.capacity + 1_000, 3_000, 2 * ConsoleStream.capacity, 1]
        let letters: [Character] = ["a", "b", "c", "d"]
        await withTaskGroup(of: Void.self) { group in
            for (thread, letter) in letters.enumerated() {
                group.addTask {
                    await onOwnThread {
                        for (index, length) in lengths.enumerated() {
                            stream.write("\(thread)-\(index)-" + String(repeating: letter, count: length))
                        }
                    }
                }
            }
        }
        let text = await onOwnThread {
            stream.drain(patience: nil)
            return reader.finish()
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == letters.count * lengths.count + 1, "one newline after each line")
        #expect(lines.last == "")
        for (thread, letter) in letters.enumerated() {
            let own = lines.filter { $0.hasPrefix("\(thread)-") }
            let expected = lengths.enumerated().map { "\(thread)-\($0.offset)-" + String(repeating: letter, count: $0.element) }
            #expect(own.map(String.init) == expected, "thread \(thread)'s lines, whole and in order")
        }
    }

    @Test("offer drops a line when the reader has fallen a ring behind, never waits, and keeps what it took")
    func offerDrops() async {
        // Nothing is read yet: the pipe (64 KiB), the writer's buffer and then the ring fill.
        let reader = Reader()
        let stream = ConsoleStream(descriptor: reader.pipe.fileHandleForWriting.fileDescriptor)
        let line = String(repeating: "x", count: 1_000)
        // The pipe, the writer's buffer and the ring hold about 200 lines of 1,005 bytes.
        let kept = (0..<1_000).filter { stream.offer("\($0) \(line)") }
        #expect(kept.count < 1_000, "lines were dropped")
        #expect(kept.count >= ConsoleStream.capacity / 1_005, "the ring took what fitted")

        // Now read: every line offered and taken arrives, whole and in order, and nothing else.
        reader.start()
        let text = await onOwnThread {
            stream.drain(patience: nil)
            return reader.finish()
        }
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines == kept.map { "\($0) \(line)" })
    }

    @Test("A reader that closed its end: writes are discarded at once, even a full ring's worth and more")
    func closedReader() async {
        let pipe = Pipe()
        pipe.fileHandleForReading.closeFile()
        let stream = ConsoleStream(descriptor: pipe.fileHandleForWriting.fileDescriptor)
        // Without EPIPE turning into discards, the second write would wait forever for room.
        await onOwnThread {
            stream.write(String(repeating: "y", count: 3 * ConsoleStream.capacity))
            stream.write(String(repeating: "z", count: 3 * ConsoleStream.capacity))
            stream.drain(patience: nil)
        }
        #expect(!stream.offer("after"), "a closed stream takes nothing more")
        pipe.fileHandleForWriting.closeFile()
    }
}
