import Foundation
import StubHTTP

/// Plain HTTP/1.1 over a socket, one connection per request (`Connection: close`). Unlike
/// URLSession on Linux it hands back a 401 that carries `WWW-Authenticate: Basic` as it is.
public struct SocketContractTransport: ContractTransport {
    public let host: String
    public let port: Int
    /// The base URL's own path, put before every request path (`""` for none).
    public let pathPrefix: String
    /// How long one exchange may take.
    public let timeout: Duration

    public init(host: String, port: Int, pathPrefix: String = "", timeout: Duration = .seconds(30)) {
        self.host = host
        self.port = port
        self.pathPrefix = pathPrefix.hasSuffix("/") ? String(pathPrefix.dropLast()) : pathPrefix
        self.timeout = timeout
    }

    /// The socket blocks, so each exchange runs on a thread of its own: never on one of the few
    /// threads Swift's concurrency or Dispatch share (an in-process server and URLSession need
    /// those to answer).
    public func send(_ request: ContractRequest) async throws -> ContractResponse {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { () throws(ContractTransportError) in try exchange(request) })
            }.start()
        }
    }

    private func exchange(_ request: ContractRequest) throws(ContractTransportError) -> ContractResponse {
        let bytes = requestBytes(request)
        let socket: ClientSocket
        do {
            socket = try ClientSocket(host: host, port: port)
            try socket.send(bytes)
        } catch {
            throw ContractTransportError("\(host):\(port): \(error.reason)")
        }
        defer { socket.close() }
        let (answer, _) = socket.receiveUntilClosed(timeout: timeout)
        guard !answer.isEmpty else { throw ContractTransportError("\(host):\(port) closed the connection without an answer") }
        return try ContractResponse.parse(answer)
    }

    private func requestBytes(_ request: ContractRequest) -> [UInt8] {
        let authority = port == 80 ? host : (host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
        var head = "\(request.method) \(pathPrefix)\(request.path) HTTP/1.1\r\nHost: \(authority)\r\n"
        for field in request.headers { head += "\(field.name): \(field.value)\r\n" }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            head += "Content-Length: \(request.body.count)\r\n"
        }
        head += "Connection: close\r\n\r\n"
        return Array(head.utf8) + request.body
    }
}
