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

    init(configuration: HTTPServer.Configuration, handler: @escaping HTTPServer.Handler, listener: FileDescriptor) {
        self.configuration = configuration
        self.handler = handler
        self.listener = listener
    }

    func makeConnectionID() -> UInt64 {
        nextConnectionID.wrappingAdd(1, ordering: .relaxed).oldValue
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
