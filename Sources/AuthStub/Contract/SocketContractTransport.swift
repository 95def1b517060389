import Foundation
import StubHTTP

/// Plain HTTP/1.1 over a socket, one connection per request (`Connection: close`), through the
/// HTTP layer's client. Unlike URLSession on Linux it hands back a 401 that carries
/// `WWW-Authenticate: Basic` as it is.
public struct SocketContractTransport: ContractTransport {
    /// The server's host name or address.
    public let host: String
    /// The server's port.
    public let port: Int
    /// The base URL's own path, put before every request path (`""` for none).
    public let pathPrefix: String
    /// How long one exchange may take.
    public let timeout: Duration

    /// A transport to `host` and `port`; a trailing `/` on `pathPrefix` is dropped.
    public init(host: String, port: Int, pathPrefix: String = "", timeout: Duration = .seconds(30)) {
        self.host = host
        self.port = port
        self.pathPrefix = pathPrefix.hasSuffix("/") ? String(pathPrefix.dropLast()) : pathPrefix
        self.timeout = timeout
    }

    /// The client blocks, so each exchange runs on a thread of its own: never on one of the few
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
        let client = HTTPClient(host: host, port: port, timeout: timeout, keepAlive: false)
        let headers = HTTPHeaders(request.headers.map { (name: $0.name, value: $0.value) })
        let response: ParsedResponse
        do {
            response = try client.send(
                HTTPClientRequest(method: request.method, target: pathPrefix + request.path, headers: headers, body: request.body)
            )
        } catch {
            throw ContractTransportError("\(client.authority): \(error.reason)")
        }
        return ContractResponse(status: response.status, headers: response.headers.map { HTTPHeaderField($0.name, $0.value) }, body: response.body)
    }
}
