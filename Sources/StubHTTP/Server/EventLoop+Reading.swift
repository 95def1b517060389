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
    /// responses leave in order; later requests wait in the parser's buffer. A request answered
    /// on the loop comes back here through `flush` once its response is sent; it carries on in
    /// this loop rather than one call deeper for every pipelined request.
    func processRequests(on connection: Connection) {
        guard !connection.isProcessing else { return }
        connection.isProcessing = true
        defer { connection.isProcessing = false }
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
            case .error(let error):
                connection.requestStartedAt = nil
                respondAndClose(on: connection, with: .error(status: error.status, message: error.reason))
                return
            }
        }
    }

    /// Hands the request to the handler: in a task, whose action comes back through
    /// `complete(_:with:)`; or here on the loop, carrying out a finished answer at once.
    private func dispatch(_ parsed: ParsedRequest, on connection: Connection) {
        connection.phase = .handling
        connection.current = FinishedResponse.Request(method: parsed.method, version: parsed.version, keepAlive: parsed.keepAlive)
        let request = HTTPRequest(parsed, peer: connection.peer, connectionID: connection.id)
        let id = connection.id
        switch core.responder {
        case .task(let handler):
            updateInterest(of: connection)
            connection.handlerTask = Task { [self] in
                complete(id, with: await handler(request))
            }
        case .onLoop(let handler):
            switch handler(request) {
            case .finished(let action):
                perform(action, on: connection)
            case .pending(let start):
                updateInterest(of: connection)
                start { [self] action in complete(id, with: action) }
            }
        }
    }
}
