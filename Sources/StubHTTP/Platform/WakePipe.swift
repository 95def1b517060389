// A self-pipe that wakes an event loop blocked in poll. See System.swift on Darwin.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A non-blocking pipe: any thread may `signal`; the loop polls `readEnd` and `drain`s it.
package struct WakePipe: Sendable {
    package let readEnd: FileDescriptor
    package let writeEnd: FileDescriptor

    package init() throws(SystemError) {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) != 0 { throw SystemError("pipe", errno: errno) }
        readEnd = ends[0]
        writeEnd = ends[1]
        do throws(SystemError) {
            try makeNonBlockingAndCloseOnExec(readEnd, call: "pipe")
            try makeNonBlockingAndCloseOnExec(writeEnd, call: "pipe")
        } catch {
            closeDescriptor(readEnd)
            closeDescriptor(writeEnd)
            throw error
        }
    }

    /// Makes the read end readable. A full pipe already wakes the loop, so `EAGAIN` is fine.
    package func signal() {
        var byte: UInt8 = 1
        _ = retryingInterrupts { write(writeEnd, &byte, 1) }
    }

    /// Empties the pipe.
    package func drain() {
        var scratch = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while true {
            let (count, _) = retryingInterrupts { read(readEnd, &scratch, MemoryLayout.size(ofValue: scratch)) }
            if count <= 0 { return }
        }
    }

    package func close() {
        closeDescriptor(readEnd)
        closeDescriptor(writeEnd)
    }
}
