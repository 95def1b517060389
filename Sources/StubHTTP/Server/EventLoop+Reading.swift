extension EventLoop {
    /// Reads once (fairness: one read per wake per connection) and acts on what arrived.
    func readAvailable(_ connection: Connection) {
        switch Socket.read(connection.fd, into: readBuffer) {
        case .transferred(let count):
            connection.lastActivity = now
            if connection.phase == .lingering {
                connection.lingerBytesLeft -= count
                if connection.lingerBytesLeft <= 0 { close(connection) }
                return
            }
            connection.parser.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
            processRequests(on: connection)
        case .endOfFile:
            // A request cut short by end-of-file is dropped quietly: the handler never sees a
            // partial body, and nobody is left to read an answer.
            close(connection)
        case .wouldBlock:
            return
        case .failed:
            close(connection)
        }
    }

    /// Parses buffered bytes into requests. One request is handled at a time, so pipelined
    /// responses leave in order; later requests wait in the parser's buffer.
    func processRequests(on connection: Connection) {
        while connection.phase == .reading {
            switch connection.parser.next() {
            case .needMore:
                if connection.parser.hasPartialRequest {
                    if connection.requestStartedAt == nil { connection.requestStartedAt = now }
                } else {
                    connection.requestStartedAt = nil
                }
                return
            case .continueExpected:
                connection.outbound.append(contentsOf: ResponseSerializer.continueResponse)
                flush(connection)
            case .request(let parsed):
                connection.requestStartedAt = nil
                dispatch(parsed, on: connection)
                return
            case .error(let error):
                connection.requestStartedAt = nil
                respondAndClose(on: connection, with: .error(status: error.status, message: error.reason))
                return
            }
        }
    }

    /// Runs the handler in a task; its action comes back through `complete(_:with:)`.
    private func dispatch(_ parsed: ParsedRequest, on connection: Connection) {
        connection.phase = .handling
        connection.current = FinishedResponse.Request(method: parsed.method, version: parsed.version, keepAlive: parsed.keepAlive)
        updateInterest(of: connection)

        let request = HTTPRequest(parsed, peer: connection.peer, connectionID: connection.id)
        let handler = core.handler
        let id = connection.id
        connection.handlerTask = Task { [self] in
            var action = await handler(request)
            while case .delayed(let delay, let next) = action {
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    return  // the connection closed or the server stopped: nobody to answer
                }
                action = next
            }
            complete(id, with: action)
        }
    }
}
