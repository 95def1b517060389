import StubHTTP

/// A keep-alive connection to the server under soak, owned by one worker thread. A request
/// that gets no complete answer (a `drop`, `reset` or `malformed` fault, or the server closing
/// an idle connection) comes back as `.broken`, and the next request connects again.
final class SoakConnection {
    /// What one request got.
    enum Answer {
        case response(ParsedResponse)
        /// No complete response: the connection closed, was reset, or broke off mid-body.
        case broken(String)
    }

    private let client: HTTPClient

    /// `timeout` bounds one answer: a wait, not a speed limit (under valgrind a journal listing
    /// takes tens of seconds).
    init(host: String, port: Int, timeout: Duration = .seconds(300)) {
        client = HTTPClient(host: host, port: port, timeout: timeout)
    }

    /// Sends `request` and reads its response. Throws when the answer is not HTTP/1.1 as the
    /// soak expects it: unreadable, or a body without a `Content-Length`.
    func exchange(_ request: HTTPClientRequest) throws(SoakProtocolError) -> Answer {
        let response: ParsedResponse
        do {
            response = try client.send(request)
        } catch {
            switch error.kind {
            case .connectFailed, .sendFailed, .timedOut, .closed: return .broken(error.reason)
            case .invalidRequest, .malformed, .tooLarge: throw SoakProtocolError(error.reason)
            }
        }
        if response.status != 204 && response.status != 304 && !response.headers.contains("Content-Length") {
            throw SoakProtocolError("status \(response.status) without a Content-Length")
        }
        return .response(response)
    }

    /// Closes the connection, if open; the next exchange connects again.
    func close() {
        client.close()
    }
}

extension ParsedResponse {
    /// Whether an injected fault answered (`X-AuthStub-Fault`).
    var faulted: Bool { headers.contains("X-AuthStub-Fault") }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// The server answered with something that is not HTTP/1.1 as the soak expects it.
struct SoakProtocolError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
