// Descriptors the HTTP layer keeps free for the rest of its process. See System.swift on Darwin.

import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A few descriptors of `/dev/null`, held for the whole process so that accepting connections
/// never leaves the process with none free.
///
/// Running out is not harmless on Linux: while work waits on one of its global queues,
/// libdispatch's thread-pool monitor opens `/proc/<tid>/stat` once a second, and when that open
/// fails it ends the process with SIGILL ("workq: registered worker exited prematurely";
/// swift-corelibs-libdispatch, `src/event/workqueue.c`). Swift concurrency runs on those queues,
/// so a server that accepted clients until the process ran out would take its host with it.
///
/// So the first server to start takes `count` descriptors here. When `accept` fails for want
/// of descriptors they are closed at once, leaving that many free for everyone else, and every
/// server of the process stops accepting until all of them could be taken again.
package final class DescriptorReserve: Sendable {
    /// How many descriptors are kept free: libdispatch's monitor opens one at a time, and a few
    /// more leave room for the host's own work.
    static let count = 4

    /// The process's one reserve.
    package static let shared = DescriptorReserve()

    private let descriptors = Locked<[FileDescriptor]>([])
    private let full = Atomic<Bool>(false)

    /// Whether all `count` are held, so accepting may go on. One relaxed load.
    var isHeld: Bool { full.load(ordering: .relaxed) }

    /// Takes what is missing of the reserve. True when all of it is held and at least one more
    /// descriptor is free to accept with; otherwise it holds none (what it could take is closed
    /// again, so those descriptors stay free). Without that last probe, a process with exactly
    /// `count` free would take them all, fail its next accept and give them back, every backoff.
    @discardableResult
    func refill() -> Bool {
        descriptors.withLock { held in
            while held.count < Self.count {
                let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
                if fd < 0 { break }
                held.append(fd)
            }
            var complete = held.count == Self.count
            if complete {
                let probe = open("/dev/null", O_RDONLY | O_CLOEXEC)
                if probe < 0 { complete = false } else { closeDescriptor(probe) }
            }
            if !complete {
                for fd in held { closeDescriptor(fd) }
                held.removeAll()
            }
            full.store(complete, ordering: .relaxed)
            return complete
        }
    }

    /// Closes every descriptor held, for the rest of the process to use.
    func release() {
        descriptors.withLock { held in
            full.store(false, ordering: .relaxed)
            for fd in held { closeDescriptor(fd) }
            held.removeAll()
        }
    }
}
