import StubHTTP

/// A keep-alive connection to the server under soak, owned by one worker thread. A request
/// that gets no complete answer (a `drop`, `reset` or `malformed` fault, or the server closing
/// an idle connection) comes back as `.broken`, and the next request connects again.
final class SoakConnection {
    /// What one request got.
    enum Answer {
        case response(SoakResponse)
        /// No complete response: the connection closed, was reset, or broke off mid-body.
        case broken(String)
    }

    let host: String
    let port: Int
    /// How long one answer may take: a wait, not a speed limit (under valgrind a journal
    /// listing takes tens of seconds).
    let timeout: Duration
    private var socket: ClientSocket?
    private var pending: [UInt8] = []
    /// Connections made, the first included.
    private(set) var connects = 0

    init(host: String, port: Int, timeout: Duration = .seconds(300)) {
        self.host = host
        self.port = port
        self.timeout = timeout
    }

    /// Sends `request` and reads its response.
    func exchange(_ request: [UInt8]) throws(SoakProtocolError) -> Answer {
        let socket: ClientSocket
        do {
            socket = try connected()
            try socket.send(request)
        } catch {
            close()
            return .broken("send: \(error.reason)")
        }
        let deadline = ContinuousClock.now + timeout
        while true {
            if let (response, consumed) = try SoakResponse.parse(pending) {
                pending.removeFirst(consumed)
                if response.header("Connection")?.lowercased() == "close" { close() }
                return .response(response)
            }
            let chunk: [UInt8]
            do {
                chunk = try socket.receive(timeout: max(.milliseconds(1), deadline - .now))
            } catch {
                close()
                return .broken("receive: \(error.reason)")
            }
            if chunk.isEmpty {
                close()
                return .broken("closed by the server")
            }
            pending += chunk
        }
    }

    /// Closes the connection, if open; the next exchange connects again.
    func close() {
        socket?.close()
        socket = nil
        pending = []
    }

    private func connected() throws(SystemError) -> ClientSocket {
        if let socket { return socket }
        let fresh = try ClientSocket(host: host, port: port)
        connects += 1
        socket = fresh
        return fresh
    }
}
