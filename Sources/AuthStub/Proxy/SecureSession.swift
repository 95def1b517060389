import Dispatch
import Foundation
import StubHTTP

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Forwards to an `https` upstream through the platform's URLSession, as far as it lets a proxy
/// be faithful: redirects refused by its delegate (the 3xx comes back as it is), no cookie
/// storage, no cache, `timeout` for the whole exchange. What it changes: it decodes a
/// `Content-Encoding` it knows (the field is then dropped, since the body no longer has it) and
/// joins repeated fields. On Linux (swift-corelibs-foundation 6.3) a 401 carrying a `Basic`
/// challenge never completes, so the client gets a 504 when `timeout` runs out.
final class SecureSession: Sendable {
    private let session: URLSession
    private let timeout: Duration

    /// Refuses every redirect, so the client sees the upstream's 3xx itself.
    private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(
            _ session: URLSession,
            task: URLSessionTask,
            willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest,
            completionHandler: @escaping @Sendable (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }

    /// A session whose exchanges each take at most `timeout`.
    init(timeout: Duration) {
        let configuration = URLSessionConfiguration.ephemeral
        let seconds = Double(max(1, timeout.saturatedMilliseconds)) / 1000
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
        self.timeout = timeout
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// Sends `request` to `upstream`; `completion` runs once: with the answer, with a 502 for
    /// an error or an answer over `responseLimit` bytes, or with a 504 when `timeout` passes
    /// first (the task is then cancelled).
    func send(
        _ request: UpstreamRequest,
        to upstream: UpstreamTarget,
        responseLimit: Int,
        completion: @escaping @Sendable (Result<UpstreamResponse, ForwardFailure>) -> Void
    ) {
        let name = upstream.description
        guard let url = URL(string: upstream.origin + request.target) else {
            completion(
                .failure(
                    ForwardFailure(status: .badGateway, reason: "the request cannot be sent to the upstream \(name): its path is not a URL path")
                )
            )
            return
        }
        var message = URLRequest(url: url)
        message.httpMethod = request.method.rawValue
        for field in request.headers where field.name.lowercased() != "host" {
            message.addValue(field.value, forHTTPHeaderField: field.name)
        }
        if !request.body.isEmpty { message.httpBody = Data(request.body) }
        let finished = Locked(false)
        let once: @Sendable (Result<UpstreamResponse, ForwardFailure>) -> Void = { result in
            let first = finished.withLock { done in
                defer { done = true }
                return !done
            }
            if first { completion(result) }
        }
        let timeout = self.timeout
        let task = session.dataTask(with: message) { data, response, error in
            if let error {
                let timedOut = (error as? URLError)?.code == .timedOut
                once(
                    .failure(
                        timedOut
                            ? ForwardFailure(status: 504, reason: "the upstream \(name) gave no complete answer within \(timeout)")
                            : ForwardFailure(status: .badGateway, reason: "the upstream \(name) gave no usable answer: \(error.localizedDescription)")
                    )
                )
                return
            }
            guard let response = response as? HTTPURLResponse else {
                once(.failure(ForwardFailure(status: .badGateway, reason: "the upstream \(name) gave no HTTP answer")))
                return
            }
            let body = data.map { [UInt8]($0) } ?? []
            guard body.count <= responseLimit else {
                once(.failure(ForwardFailure(status: .badGateway, reason: "the upstream \(name) sent a body over \(responseLimit) bytes")))
                return
            }
            once(.success(UpstreamResponse(status: HTTPStatus(rawValue: response.statusCode), headers: Self.fields(of: response), body: body)))
        }
        task.resume()
        let milliseconds = Int(clamping: max(0, timeout.saturatedMilliseconds))
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds) + .milliseconds(500)) {
            once(.failure(ForwardFailure(status: 504, reason: "the upstream \(name) gave no complete answer within \(timeout)")))
            task.cancel()
        }
    }

    /// The answer's fields as URLSession hands them over (one value per name), without the
    /// `Content-Encoding` it has already decoded.
    private static func fields(of response: HTTPURLResponse) -> HTTPHeaders {
        var headers = HTTPHeaders()
        for case let (name as String, value as String) in response.allHeaderFields where name.lowercased() != "content-encoding" {
            headers.add(name: name, value: value)
        }
        return headers
    }
}
