import Synchronization

/// What every event loop of one server shares: settings, the handler, the listening socket.
final class ServerCore: Sendable {
    let configuration: HTTPServer.Configuration
    let responder: HTTPServer.Responder
    let listener: FileDescriptor
    /// Connection ids, unique within the server.
    let nextConnectionID = Atomic<UInt64>(1)
    /// Running out of descriptors is reported once, not on every accept.
    let reportedDescriptorExhaustion = Atomic<Bool>(false)
    /// Bytes of responses not yet wholly sent that all connections hold together, at most
    /// `configuration.maxPendingOutputBytesTotal`.
    let pendingOutputBytes = Atomic<Int>(0)

    init(configuration: HTTPServer.Configuration, responder: HTTPServer.Responder, listener: FileDescriptor) {
        self.configuration = configuration
        self.responder = responder
        self.listener = listener
    }

    func makeConnectionID() -> UInt64 {
        nextConnectionID.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// Takes `bytes` of the server's output budget, unless that would pass its limit.
    func reserveOutput(_ bytes: Int) -> Bool {
        var current = pendingOutputBytes.load(ordering: .relaxed)
        while true {
            let (total, overflow) = current.addingReportingOverflow(bytes)
            guard !overflow, total <= configuration.maxPendingOutputBytesTotal else { return false }
            let (exchanged, found) = pendingOutputBytes.compareExchange(expected: current, desired: total, ordering: .relaxed)
            if exchanged { return true }
            current = found
        }
    }

    /// Gives back budget taken with `reserveOutput`.
    func releaseOutput(_ bytes: Int) {
        pendingOutputBytes.wrappingSubtract(bytes, ordering: .relaxed)
    }
}

extension Duration {
    /// Whole nanoseconds, saturating instead of overflowing.
    var saturatedNanoseconds: Int64 { saturatedCount(perSecond: 1_000_000_000) }

    /// Whole milliseconds, saturating instead of overflowing.
    package var saturatedMilliseconds: Int64 { saturatedCount(perSecond: 1000) }

    /// Whole units of 1 / `perSecond` of a second (a divisor of 10^18), saturating.
    private func saturatedCount(perSecond: Int64) -> Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: perSecond)
        if overflow { return seconds < 0 ? Int64.min : Int64.max }
        let (total, overflowAdding) = whole.addingReportingOverflow(attoseconds / (1_000_000_000_000_000_000 / perSecond))
        return overflowAdding ? (seconds < 0 ? Int64.min : Int64.max) : total
    }
}
