import Foundation
import StubHTTP

/// Forwards requests to one upstream and hands back its answer or why there is none, never on
/// Swift's cooperative pool: `http` upstreams through StubHTTP's blocking client on a thread of
/// its own for each exchange (at most `Forwarders.inFlightLimit` at once), `https` ones through the platform's URLSession (`Forwarder+HTTPS.swift`).
///
/// No redirect is followed; cookies, content codings and bodies come back as sent. Each answer
/// is at most `responseLimit` bytes of body and must be complete within `timeout`.
final class Forwarder: Sendable {
    /// Idle keep-alive clients kept per upstream at most.
    static let idleClientLimit = 8

    /// Where this forwarder sends requests.
    let upstream: UpstreamTarget
    /// How long one exchange may take, connecting included.
    let timeout: Duration
    /// The largest response body taken (the server's own body limit).
    let responseLimit: Int
    /// Idle `http` clients whose connection may still be open, most recent last.
    private let idleClients = Locked<[IdleClient]>([])
    /// The `https` session; nil for an `http` upstream.
    let session: SecureSession?

    /// A blocking client, shared by handing it from one thread to the next through
    /// `idleClients`: only the thread that took it out of the list uses it.
    private struct IdleClient: @unchecked Sendable {
        let client: HTTPClient
    }

    /// A forwarder for `upstream`.
    init(upstream: UpstreamTarget, timeout: Duration, responseLimit: Int) {
        self.upstream = upstream
        self.timeout = timeout
        self.responseLimit = responseLimit
        session = upstream.isSecure ? SecureSession(timeout: timeout) : nil
    }

    /// Sends `request` upstream; `completion` runs once, on another thread.
    func forward(_ request: UpstreamRequest, completion: @escaping @Sendable (Result<UpstreamResponse, ForwardFailure>) -> Void) {
        if let session {
            session.send(request, to: upstream, responseLimit: responseLimit, completion: completion)
            return
        }
        // Not a Dispatch queue: on Linux, Swift's tasks run on Dispatch's worker threads, so
        // exchanges blocked there could leave no thread to answer other requests.
        let thread = Thread {
            nameCurrentThread("authstub-fwd")
            completion(self.sendPlain(request))
        }
        thread.start()
    }

    /// An `http` exchange. A request that may be repeated (RFC 9110 §9.2.2) reuses an idle
    /// connection and, when that connection turns out closed before any answer, is sent once
    /// more on a new one; any other request always goes on a new connection.
    private func sendPlain(_ request: UpstreamRequest) -> Result<UpstreamResponse, ForwardFailure> {
        let message = HTTPClientRequest(method: request.method, target: request.target, headers: request.headers, body: request.body)
        let idempotent: [HTTPMethod] = [.get, .head, .put, .delete, .options, .trace]
        let reused = idempotent.contains(request.method) ? idleClients.withLock { $0.popLast() } : nil
        if let reused {
            do throws(HTTPClientError) {
                return .success(try exchange(message, on: reused.client))
            } catch  where error.kind == .closed || error.kind == .sendFailed {
                // A kept-alive connection the upstream had closed meanwhile: try a new one.
            } catch {
                return .failure(failure(error))
            }
        }
        do throws(HTTPClientError) {
            return .success(try exchange(message, on: makeClient()))
        } catch {
            return .failure(failure(error))
        }
    }

    /// Sends `message` on `client`, then keeps the client for later while fewer than
    /// `idleClientLimit` wait.
    private func exchange(_ message: HTTPClientRequest, on client: HTTPClient) throws(HTTPClientError) -> UpstreamResponse {
        let response = try client.send(message)
        let kept = idleClients.withLock { idle in
            guard response.keepAlive, idle.count < Self.idleClientLimit else { return false }
            idle.append(IdleClient(client: client))
            return true
        }
        if !kept { client.close() }
        return UpstreamResponse(status: response.status, headers: response.headers, body: response.body)
    }

    private func makeClient() -> HTTPClient {
        HTTPClient(
            host: upstream.host,
            port: upstream.port,
            timeout: timeout,
            keepAlive: true,
            limits: HTTPResponseParser.Limits(maxBodyBytes: responseLimit)
        )
    }

    /// The client's error as the client of this server sees it.
    private func failure(_ error: HTTPClientError) -> ForwardFailure {
        let name = upstream.description
        switch error.kind {
        case .timedOut:
            return ForwardFailure(status: 504, reason: "the upstream \(name) gave no complete answer within \(timeout)")
        case .connectFailed:
            return ForwardFailure(status: .badGateway, reason: "cannot connect to the upstream \(name): \(error.reason)")
        case .sendFailed, .invalidRequest:
            return ForwardFailure(status: .badGateway, reason: "cannot send the request to the upstream \(name): \(error.reason)")
        case .closed:
            return ForwardFailure(status: .badGateway, reason: "the upstream \(name) closed the connection before a complete answer: \(error.reason)")
        case .malformed:
            return ForwardFailure(status: .badGateway, reason: "the upstream \(name) answered with something that is not HTTP/1.1: \(error.reason)")
        case .tooLarge:
            return ForwardFailure(status: .badGateway, reason: "the upstream \(name) sent an answer larger than this server takes: \(error.reason)")
        }
    }
}
