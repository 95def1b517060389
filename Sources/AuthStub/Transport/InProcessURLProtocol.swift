import Dispatch
import Foundation
import StubHTTP

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Carries URLSession requests straight into an `AuthStubServer`'s engine, without a socket:
/// the same fixtures, tokens, clock, faults and journal as over the network. Sessions get it
/// through `AuthStubServer.inProcessConfiguration`.
final class InProcessURLProtocol: URLProtocol {
    /// Lets a delayed answer reach the protocol from another thread. Safe because the only
    /// state that changes after `init` is `stopped`, behind a lock, and URLSession accepts
    /// client calls from any thread.
    private struct Handle: @unchecked Sendable {
        let target: InProcessURLProtocol
    }

    private let stopped = Locked(false)

    override class func canInit(with request: URLRequest) -> Bool {
        guard let url = request.url, let authority = Self.authority(of: url) else { return false }
        return InProcessRegistry.server(for: authority) != nil
    }

    override class func canonicalRequest(for request: URLRequest) -> URLRequest {
        request
    }

    override func startLoading() {
        guard let url = request.url, let authority = Self.authority(of: url),
            let server = InProcessRegistry.server(for: authority)
        else {
            client?.urlProtocol(self, didFailWithError: URLError(.cannotConnectToHost))
            return
        }
        let limit = server.options.http.limits.maxBodyBytes
        let answer: HTTPAnswer
        switch Self.body(of: request, limit: limit) {
        case .some(let body):
            answer = server.answer(Self.httpRequest(request, url: url, authority: authority, body: body))
        case .none:
            answer = .finished(.respond(HTTPResponse.error(status: 413, message: "body larger than \(limit) bytes")))
        }
        let answering = FinishedResponse.Request(method: HTTPMethod(request.httpMethod?.uppercased() ?? "GET"), version: .http1_1, keepAlive: true)
        let exchange = Exchange(url: url, request: answering, serverName: server.serverName)
        switch answer {
        case .finished(let action):
            perform(action, exchange)
        case .pending(let start):
            // A forwarded request: the answer arrives on another thread.
            let handle = Handle(target: self)
            start { handle.target.perform($0, exchange) }
        }
    }

    override func stopLoading() {
        stopped.withLock { $0 = true }
    }

    private var isStopped: Bool { stopped.withLock { $0 } }

    /// What shapes the answer besides the action: where it is for and what the request was.
    /// URLSession owns no connection here, so the request always keeps it open.
    private struct Exchange: Sendable {
        let url: URL
        let request: FinishedResponse.Request
        let serverName: String
    }

    /// Does what the HTTP layer would do with `action`, in URLSession's terms.
    private func perform(_ action: HTTPAction, _ exchange: Exchange) {
        guard !isStopped, let client else { return }
        switch action {
        case .respond(let response):
            deliver(response, bodyBytes: nil, exchange, to: client)
            client.urlProtocolDidFinishLoading(self)
        case .truncated(let response, let bodyBytes):
            deliver(response, bodyBytes: bodyBytes, exchange, to: client)
            client.urlProtocol(self, didFailWithError: ConnectionFaultErrors.truncated)
        case .drop:
            client.urlProtocol(self, didFailWithError: ConnectionFaultErrors.dropped)
        case .reset:
            client.urlProtocol(self, didFailWithError: ConnectionFaultErrors.reset)
        case .delayed(let delay, let next):
            let milliseconds = Int(clamping: max(0, delay.saturatedMilliseconds))
            let handle = Handle(target: self)
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
                handle.target.perform(next, exchange)
            }
        }
    }

    /// The response head, then the body (or its first `bodyBytes` bytes), finished as the
    /// socket writer finishes it.
    private func deliver(_ response: HTTPResponse, bodyBytes: Int?, _ exchange: Exchange, to client: any URLProtocolClient) {
        // Engine answers carry the server clock's Date already; the layer's comes from the real clock.
        let finished = FinishedResponse(
            response,
            answering: exchange.request,
            date: HTTPDate.string(epochSeconds: wallClockSeconds()),
            server: exchange.serverName,
            bodyLimit: bodyBytes
        )
        var fields: [String: String] = [:]
        for field in finished.fields {
            fields[field.name] = fields[field.name].map { "\($0), \(field.value)" } ?? field.value
        }
        guard let head = HTTPURLResponse(url: exchange.url, statusCode: finished.status.code, httpVersion: "HTTP/1.1", headerFields: fields) else {
            client.urlProtocol(self, didFailWithError: URLError(.badServerResponse))
            return
        }
        client.urlProtocol(self, didReceive: head, cacheStoragePolicy: .notAllowed)
        if !finished.body.isEmpty { client.urlProtocol(self, didLoad: Data(finished.body)) }
    }

    /// `host:port` as the registry knows it (`[::1]:8080` for IPv6).
    static func authority(of url: URL) -> String? {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true),
            let host = components.percentEncodedHost, !host.isEmpty
        else { return nil }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return components.port.map { "\(bracketed):\($0)" } ?? bracketed
    }

    /// The request as the HTTP layer would have parsed it.
    private static func httpRequest(_ request: URLRequest, url: URL, authority: String, body: [UInt8]) -> HTTPRequest {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: true)
        let path = components?.percentEncodedPath ?? "/"
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: authority)
        for (name, value) in (request.allHTTPHeaderFields ?? [:]).sorted(by: { $0.key < $1.key }) where name.lowercased() != "host" {
            headers.add(name: name, value: value)
        }
        if !body.isEmpty, !headers.contains("Content-Length") { headers.add(name: "Content-Length", value: String(body.count)) }
        return HTTPRequest(
            method: HTTPMethod(request.httpMethod ?? "GET"),
            path: path.isEmpty ? "/" : path,
            query: components?.percentEncodedQuery,
            headers: headers,
            body: body,
            peer: "in-process"
        )
    }

    /// The body from `httpBody` or `httpBodyStream` (Darwin hands protocols a stream); nil when
    /// it is longer than `limit`.
    private static func body(of request: URLRequest, limit: Int) -> [UInt8]? {
        if let data = request.httpBody { return data.count <= limit ? [UInt8](data) : nil }
        guard let stream = request.httpBodyStream else { return [] }
        stream.open()
        defer { stream.close() }
        var body: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let read = stream.read(&chunk, maxLength: chunk.count)
            if read <= 0 { break }
            body += chunk[..<read]
            if body.count > limit { return nil }
        }
        return body
    }
}
