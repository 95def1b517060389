import Synchronization

/// What every event loop of one server shares: settings, the handler, the listening socket.
final class ServerCore: Sendable {
    let configuration: HTTPServer.Configuration
    let handler: HTTPServer.Handler
    let listener: FileDescriptor
    /// Connection ids, unique within the server.
    let nextConnectionID = Atomic<UInt64>(1)
    /// Running out of descriptors is reported once, not on every accept.
    let reportedDescriptorExhaustion = Atomic<Bool>(false)
    /// Bytes of responses not yet wholly sent that all connections hold together, at most
    /// `configuration.maxPendingOutputBytesTotal`.
    let pendingOutputBytes = Atomic<Int>(0)

    init(configuration: HTTPServer.Configuration, handler: @escaping HTTPServer.Handler, listener: FileDescriptor) {
        self.configuration = configuration
        self.handler = handler
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
    /// Whole milliseconds, saturating instead of overflowing.
    package var saturatedMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (millis, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds < 0 ? Int64.min : Int64.max }
        let (total, overflowAdding) = millis.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        return overflowAdding ? (seconds < 0 ? Int64.min : Int64.max) : total
    }
}
