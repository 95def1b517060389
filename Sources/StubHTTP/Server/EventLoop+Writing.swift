import Dispatch

extension EventLoop {
    /// Carries out a handler's action on its connection.
    func perform(_ action: HTTPAction, on connection: Connection) {
        connection.handlerTask = nil
        connection.delayedWake = nil
        switch action {
        case .respond(let response):
            send(response, on: connection, bodyLimit: nil, budgeted: true)
        case .truncated(let response, let bodyBytes):
            send(response, on: connection, bodyLimit: max(0, bodyBytes), budgeted: true)
        case .drop:
            close(connection)
        case .reset:
            reset(connection)
        case .delayed(let delay, let next):
            // Waited out on the loop's timer queue (not Swift's cooperative pool, which the
            // process around the server may keep busy); the rest comes back through
            // `complete(_:with:)`. Closing the connection cancels the wait.
            updateInterest(of: connection)
            let id = connection.id
            let wake = DispatchWorkItem { [self] in complete(id, with: next) }
            connection.delayedWake = wake
            timers.asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: delay.saturatedNanoseconds)), execute: wake)
        }
    }

    /// Sends an answer the HTTP layer chose itself (a parse error, a timeout), then closes.
    func respondAndClose(on connection: Connection, with response: HTTPResponse) {
        connection.current.isHead = false
        connection.current.keepAlive = false
        send(response, on: connection, bodyLimit: nil, budgeted: false)
    }

    /// Queues a response and sends what the kernel takes now. A handler's response (`budgeted`)
    /// must fit the output limits; one that does not is replaced by the refusal
    /// `reserveOutput` makes, and the connection closes after it. The layer's own answers, a
    /// few hundred bytes each, are not counted.
    private func send(_ response: HTTPResponse, on connection: Connection, bodyLimit: Int?, budgeted: Bool) {
        var finished = finish(response, on: connection, bodyLimit: bodyLimit)
        var bytes: [UInt8] = []
        ResponseSerializer.append(finished, to: &bytes)
        if budgeted, let refusal = reserveOutput(bytes.count, on: connection) {
            connection.current.keepAlive = false
            finished = finish(refusal, on: connection, bodyLimit: nil)
            bytes = []
            ResponseSerializer.append(finished, to: &bytes)
        }
        if connection.outbound.isEmpty {
            connection.outbound = bytes
        } else {
            connection.outbound.append(contentsOf: bytes)
        }
        connection.phase = .writing
        connection.afterWrite = bodyLimit != nil ? .close : (finished.keepAlive ? .keepReading : .lingerThenClose)
        flush(connection)
    }

    /// The response as it goes on the wire for this connection's current request.
    private func finish(_ response: HTTPResponse, on connection: Connection, bodyLimit: Int?) -> FinishedResponse {
        FinishedResponse(
            response,
            answering: connection.current,
            date: currentDate(),
            server: core.configuration.serverName,
            bodyLimit: bodyLimit
        )
    }

    /// Takes `size` bytes of the output limits for the connection, or answers what to send
    /// instead: a 500 for a response larger than one connection may queue
    /// (`maxPendingOutputBytes`), a 503 with `Retry-After` while the server's budget
    /// (`maxPendingOutputBytesTotal`) is taken by responses not yet sent.
    private func reserveOutput(_ size: Int, on connection: Connection) -> HTTPResponse? {
        let configuration = core.configuration
        let (queued, overflow) = connection.reservedOutput.addingReportingOverflow(size)
        guard !overflow, queued <= configuration.maxPendingOutputBytes else {
            return .error(
                status: 500,
                message: "the response (\(size) bytes) is larger than this server queues on one "
                    + "connection (maxPendingOutputBytes, \(configuration.maxPendingOutputBytes) bytes)"
            )
        }
        guard core.reserveOutput(size) else {
            var busy = HTTPResponse.error(
                status: 503,
                message: "the server already holds its limit of response bytes "
                    + "waiting to be sent (maxPendingOutputBytesTotal, \(configuration.maxPendingOutputBytesTotal) bytes); try again"
            )
            busy.headers.set(name: "Retry-After", value: "1")
            return busy
        }
        connection.reservedOutput = queued
        return nil
    }

    /// Gives back the connection's share of the budget: its responses are sent, or it closed.
    private func releaseOutput(of connection: Connection) {
        core.releaseOutput(connection.reservedOutput)
        connection.reservedOutput = 0
    }

    /// Sends what the kernel takes now; the rest waits for the socket to be writable.
    func flush(_ connection: Connection) {
        while connection.hasPendingOutput {
            let offset = connection.outboundOffset
            let result = connection.outbound.withUnsafeBytes { bytes in
                Socket.send(connection.fd, UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            }
            switch result {
            case .transferred(let count):
                connection.outboundOffset += count
                connection.lastActivity = now
            case .wouldBlock:
                updateInterest(of: connection)
                return
            case .endOfFile, .failed:
                close(connection)
                return
            }
        }
        connection.outboundOffset = 0
        if connection.outbound.capacity > 256 * 1024 {
            connection.outbound = []  // don't keep a large response's buffer for an idle connection
        } else {
            connection.outbound.removeAll(keepingCapacity: true)
        }
        releaseOutput(of: connection)
        guard connection.phase == .writing else {
            updateInterest(of: connection)
            return
        }
        switch connection.afterWrite {
        case .keepReading:
            connection.phase = .reading
            updateInterest(of: connection)
            processRequests(on: connection)
        case .lingerThenClose:
            beginLingering(connection)
        case .close:
            close(connection)
        }
    }

    /// Shuts the write side and drains input briefly, so a client still sending does not turn
    /// our close into a reset that destroys the response it has not read yet.
    private func beginLingering(_ connection: Connection) {
        Socket.shutdownWriting(connection.fd)
        connection.phase = .lingering
        connection.lingerDeadline = now + core.configuration.lingerTimeout
        connection.lingerBytesLeft = 64 * 1024
        updateInterest(of: connection)
    }

    /// Watches for what the connection's phase needs.
    func updateInterest(of connection: Connection) {
        var interest: PollInterest = []
        if connection.hasPendingOutput { interest.insert(.writable) }
        if connection.phase == .reading || connection.phase == .lingering { interest.insert(.readable) }
        pollSet.setInterest(interest, at: connection.slot)
    }

    /// Closes the connection in an orderly way (FIN).
    func close(_ connection: Connection) {
        guard connection.phase != .closed else { return }
        forget(connection)
        closeDescriptor(connection.fd)
    }

    /// Closes the connection with a TCP reset.
    func reset(_ connection: Connection) {
        guard connection.phase != .closed else { return }
        forget(connection)
        Socket.resetAndClose(connection.fd)
    }

    private func forget(_ connection: Connection) {
        connection.phase = .closed
        releaseOutput(of: connection)
        connection.handlerTask?.cancel()
        connection.handlerTask = nil
        connection.delayedWake?.cancel()
        connection.delayedWake = nil
        connections[connection.id] = nil
        let slot = connection.slot
        if pollSet.remove(at: slot) != nil, let moved = slotOwners.last ?? nil {
            moved.slot = slot
            slotOwners[slot] = moved
        }
        slotOwners.removeLast()
    }
}
