extension EventLoop {
    /// Enforces the request, idle, write-stall and linger timeouts. Runs a few times a second.
    func sweepTimeouts() {
        let configuration = core.configuration
        var slot = Self.listenerSlot + 1
        while slot < slotOwners.count {
            guard let connection = slotOwners[slot] else {
                slot += 1
                continue
            }
            switch connection.phase {
            case .reading:
                if let started = connection.requestStartedAt, now - started >= configuration.requestTimeout {
                    connection.requestStartedAt = nil
                    let seconds = configuration.requestTimeout.saturatedMilliseconds / 1000
                    respondAndClose(
                        on: connection,
                        with: .error(
                            status: 408,
                            message: "request not completed within \(seconds) s"
                        )
                    )
                } else if !connection.parser.hasPartialRequest && now - connection.lastActivity >= configuration.idleTimeout {
                    close(connection)
                }
            case .writing:
                if now - connection.lastActivity >= configuration.idleTimeout { close(connection) }
            case .lingering:
                if now >= connection.lingerDeadline { close(connection) }
            case .handling, .closed:
                break
            }
            // A close moves the last connection into this slot: look at the slot again.
            if connection.phase != .closed || slotOwners.count <= slot || slotOwners[slot] === connection {
                slot += 1
            }
        }
    }
}
