// poll(2) readiness, the same code on Glibc and Darwin. See System.swift on Darwin.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a descriptor should be watched for.
package struct PollInterest: OptionSet, Sendable {
    package let rawValue: Int16
    package init(rawValue: Int16) { self.rawValue = rawValue }
    package static let readable = PollInterest(rawValue: Int16(POLLIN))
    package static let writable = PollInterest(rawValue: Int16(POLLOUT))
}

/// What `poll` reported for one descriptor.
package struct PollReadiness: Sendable {
    package let rawValue: Int16
    package var isReadable: Bool { rawValue & Int16(POLLIN) != 0 }
    package var isWritable: Bool { rawValue & Int16(POLLOUT) != 0 }
    /// Hang-up or error: reading (or writing) will now report what happened.
    package var isClosedOrFailed: Bool { rawValue & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 }
    package var isEmpty: Bool { rawValue == 0 }
}

/// A set of descriptors watched by one `poll` call. Slots are dense: removing a slot moves the
/// last one into its place, and `remove` says which descriptor moved so the owner can update
/// its index. Not thread-safe: one event loop owns it.
package struct PollSet {
    private var entries: [pollfd] = []

    package init() {}

    package var count: Int { entries.count }

    /// Adds `fd` and returns its slot.
    package mutating func add(_ fd: FileDescriptor, interest: PollInterest) -> Int {
        entries.append(pollfd(fd: fd, events: interest.rawValue, revents: 0))
        return entries.count - 1
    }

    /// Changes what the descriptor in `slot` is watched for.
    package mutating func setInterest(_ interest: PollInterest, at slot: Int) {
        guard entries.indices.contains(slot) else { return }
        entries[slot].events = interest.rawValue
    }

    /// Removes `slot`; returns the descriptor that now occupies it, if one moved.
    package mutating func remove(at slot: Int) -> FileDescriptor? {
        guard entries.indices.contains(slot) else { return nil }
        let last = entries.count - 1
        if slot != last {
            entries.swapAt(slot, last)
            entries.removeLast()
            return entries[slot].fd
        }
        entries.removeLast()
        return nil
    }

    package func descriptor(at slot: Int) -> FileDescriptor { entries[slot].fd }
    package func readiness(at slot: Int) -> PollReadiness { PollReadiness(rawValue: entries[slot].revents) }

    /// Waits until a descriptor is ready or `timeoutMilliseconds` pass (-1: no limit).
    /// Returns how many descriptors are ready.
    package mutating func wait(timeoutMilliseconds: Int32) throws(SystemError) -> Int {
        let count = entries.count
        let (ready, code) = retryingInterrupts {
            entries.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t(count), timeoutMilliseconds) }
        }
        if ready == -1 { throw SystemError("poll", errno: code) }
        return Int(ready)
    }
}
