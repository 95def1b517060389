import Dispatch

/// One thread running `poll` over the listening socket, a wake pipe and the connections it
/// accepted. An answering handler runs here; a task handler runs on the Swift concurrency pool.
/// What arrives later (a task's action, a pending answer, the end of a delay) comes back through
/// the inbox, so no blocking call ever runs on that pool.
///
/// `@unchecked Sendable`: everything but `inbox` and `wakePipe` is touched only on the loop's own
/// thread, inside `run()`. Other threads call only `complete(_:with:)` and `requestStop()`.
final class EventLoop: @unchecked Sendable {
    /// Results and requests from other threads.
    struct Inbox {
        var completions: [(connection: UInt64, action: HTTPAction)] = []
        var wakePending = false
        var stopRequested = false
        /// The loop has exited and closed its pipe: nothing may signal it any more.
        var closed = false
    }

    static let wakeSlot = 0
    static let listenerSlot = 1
    static let readBufferSize = 64 * 1024

    let core: ServerCore
    /// Where `.delayed` actions wait: a serial queue, so a thread of its own.
    let timers = DispatchQueue(label: "authstub-io-delays")
    private let inbox = Locked(Inbox())
    private let wakePipe: WakePipe

    // Loop-confined state.
    var pollSet = PollSet()
    /// The connection in each poll slot (nil for the wake pipe and the listener).
    var slotOwners: [Connection?] = []
    var connections: [UInt64: Connection] = [:]
    var now = ContinuousClock.now
    var listenerPausedUntil: ContinuousClock.Instant?
    var nextSweep = ContinuousClock.now
    let sweepInterval: Duration
    var readBuffer: UnsafeMutableRawBufferPointer
    private var dateSecond = -1
    private var dateText = ""
    private var ready: [(Connection, PollReadiness)] = []

    init(core: ServerCore) throws(SystemError) {
        self.core = core
        wakePipe = try WakePipe()
        _ = pollSet.add(wakePipe.readEnd, interest: .readable)
        _ = pollSet.add(core.listener, interest: .readable)
        slotOwners = [nil, nil]
        let shortest = min(core.configuration.requestTimeout, core.configuration.idleTimeout, core.configuration.lingerTimeout)
        sweepInterval = max(.milliseconds(5), min(.milliseconds(250), shortest / 4))
        readBuffer = .allocate(byteCount: Self.readBufferSize, alignment: 16)
    }

    deinit {
        readBuffer.deallocate()
    }

    // MARK: Called from any thread

    /// Hands a handler's result back to the loop.
    func complete(_ connection: UInt64, with action: HTTPAction) {
        inbox.withLock { inbox in
            guard !inbox.closed else { return }
            inbox.completions.append((connection, action))
            wakeLocked(&inbox)
        }
    }

    /// Asks the loop to close every connection and exit.
    func requestStop() {
        inbox.withLock { inbox in
            guard !inbox.closed else { return }
            inbox.stopRequested = true
            wakeLocked(&inbox)
        }
    }

    /// Signals under the lock, so the pipe cannot be closed (and its number reused) in between.
    private func wakeLocked(_ inbox: inout Inbox) {
        if !inbox.wakePending {
            inbox.wakePending = true
            wakePipe.signal()
        }
    }

    // MARK: The loop

    /// Serves until `requestStop()`; then closes every connection and returns.
    func run() {
        var completions: [(connection: UInt64, action: HTTPAction)] = []
        while true {
            do {
                _ = try pollSet.wait(timeoutMilliseconds: pollTimeout())
            } catch {
                core.configuration.log("poll failed: \(error)")
                pauseBriefly()
            }
            now = .now

            if !pollSet.readiness(at: Self.wakeSlot).isEmpty {
                wakePipe.drain()
                let stop = inbox.withLock { inbox -> Bool in
                    inbox.wakePending = false
                    swap(&completions, &inbox.completions)
                    return inbox.stopRequested
                }
                if stop { break }
                for (id, action) in completions {
                    if let connection = connections[id], connection.phase == .handling {
                        perform(action, on: connection)
                    }
                }
                completions.removeAll(keepingCapacity: true)
            }

            if !pollSet.readiness(at: Self.listenerSlot).isEmpty {
                acceptConnections()
            }

            collectReadyConnections()
            for (connection, readiness) in ready where connection.phase != .closed {
                handleReadiness(readiness, of: connection)
            }
            ready.removeAll(keepingCapacity: true)

            if now >= nextSweep {
                sweepTimeouts()
                resumeListenerIfDue()
                nextSweep = now + sweepInterval
            }
        }
        shutDown()
    }

    private func collectReadyConnections() {
        var slot = Self.listenerSlot + 1
        while slot < pollSet.count {
            let readiness = pollSet.readiness(at: slot)
            if !readiness.isEmpty, let connection = slotOwners[slot] {
                ready.append((connection, readiness))
            }
            slot += 1
        }
    }

    private func handleReadiness(_ readiness: PollReadiness, of connection: Connection) {
        if readiness.isWritable && connection.hasPendingOutput {
            flush(connection)
            if connection.phase == .closed { return }
        }
        if readiness.isReadable && (connection.phase == .reading || connection.phase == .lingering) {
            readAvailable(connection)
        } else if readiness.isClosedOrFailed {
            // Reset or hung up while its request is with the handler, or while nothing is
            // watched: poll reports this every time, so close now rather than spin.
            close(connection)
        }
    }

    private func pollTimeout() -> Int32 {
        var wait: Duration? = connections.isEmpty ? nil : max(.zero, nextSweep - now)
        if let paused = listenerPausedUntil {
            let untilResume = max(.zero, paused - now)
            wait = min(wait ?? untilResume, untilResume)
        }
        guard let wait else { return -1 }
        return Int32(clamping: max(1, wait.saturatedMilliseconds))
    }

    private func pauseBriefly() {
        var pollSet = PollSet()
        _ = try? pollSet.wait(timeoutMilliseconds: 10)
    }

    /// The `Date` header value, formatted once a second.
    func currentDate() -> String {
        let second = wallClockSeconds()
        if second != dateSecond {
            dateSecond = second
            dateText = HTTPDate.string(epochSeconds: second)
        }
        return dateText
    }

    private func shutDown() {
        for connection in Array(connections.values) {
            close(connection)
        }
        inbox.withLock { inbox in
            inbox.closed = true
            inbox.completions.removeAll()
            wakePipe.close()
        }
    }
}
