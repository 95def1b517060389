import Dispatch

/// One client connection. Owned and touched only by the event loop that accepted it.
final class Connection {
    /// Where the connection is in its request/response cycle.
    enum Phase {
        /// Reading (and parsing) the next request.
        case reading
        /// The handler (or a delay it asked for) has the current request.
        case handling
        /// Sending a final response.
        case writing
        /// Closing politely: the write side is shut, input is drained briefly, then close.
        case lingering
        /// Closed; the object is only still referenced by a list being walked.
        case closed
    }

    /// What to do once the outbound buffer has been sent.
    enum AfterWrite {
        case keepReading
        case lingerThenClose
        case close
    }

    let fd: FileDescriptor
    let id: UInt64
    let peer: String
    /// This connection's index in the loop's poll set.
    var slot: Int
    var parser: HTTPRequestParser
    var phase: Phase = .reading
    var afterWrite: AfterWrite = .keepReading

    var outbound: [UInt8] = []
    var outboundOffset = 0
    var hasPendingOutput: Bool { outboundOffset < outbound.count }
    /// The bytes of the server's output budget this connection holds: the handler responses
    /// in `outbound`, counted whole until all of it is sent and the buffer is let go (the part
    /// the kernel has taken still occupies memory until then).
    var reservedOutput = 0

    /// `processRequests` is running for this connection (further down the stack).
    var isProcessing = false
    /// The task running the handler for the current request (`HTTPServer.Handler`).
    var handlerTask: Task<Void, Never>?
    /// The wait for a `.delayed` action, on the loop's timer queue.
    var delayedWake: DispatchWorkItem?
    /// Facts about the current request that shape its response.
    var current = FinishedResponse.Request(method: "GET", version: .http1_1, keepAlive: true)

    /// When the first byte of an unfinished request arrived (for the request timeout).
    var requestStartedAt: ContinuousClock.Instant?
    /// The last time bytes moved either way (for the idle and write-stall timeouts).
    var lastActivity: ContinuousClock.Instant
    /// While lingering: when to give up, and how many more bytes to drain.
    var lingerDeadline: ContinuousClock.Instant
    var lingerBytesLeft = 0

    init(fd: FileDescriptor, id: UInt64, peer: String, slot: Int, limits: HTTPLimits, now: ContinuousClock.Instant) {
        self.fd = fd
        self.id = id
        self.peer = peer
        self.slot = slot
        self.parser = HTTPRequestParser(limits: limits)
        self.lastActivity = now
        self.lingerDeadline = now
    }
}
