public import Foundation
import StubHTTP

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Contract requests through URLSession, for `https` base URLs. On Linux a 401 carrying an
/// authentication challenge comes back as a cancelled request rather than as the response
/// (swift-corelibs-foundation#5456), so `http` base URLs use `SocketContractTransport`.
public struct URLSessionContractTransport: ContractTransport {
    /// The server's base URL; each request's path is appended to it.
    public let baseURL: URL
    private let session: URLSession

    /// A transport to `baseURL`, on an ephemeral session that declines authentication challenges.
    public init(baseURL: URL) {
        self.baseURL = baseURL
        self.session = URLSession(configuration: .ephemeral, delegate: ChallengeRefuser(), delegateQueue: nil)
    }

    /// Sends `request` below `baseURL` and returns the answer.
    public func send(_ request: ContractRequest) async throws -> ContractResponse {
        let base = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        guard let url = URL(string: base + request.path) else { throw ContractTransportError("not a URL: \(base + request.path)") }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method.rawValue
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let (data, response) = try await session.data(for: urlRequest)
        guard let http = response as? HTTPURLResponse else { throw ContractTransportError("\(url): not an HTTP answer") }
        let headers = http.allHeaderFields.compactMap { key, value -> HTTPHeaderField? in
            guard let name = key as? String else { return nil }
            return HTTPHeaderField(name, "\(value)")
        }
        return ContractResponse(status: HTTPStatus(code: http.statusCode), headers: headers, body: Array(data))
    }
}

/// Declines every authentication challenge, so a request never waits for credentials.
private final class ChallengeRefuser: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        completionHandler(.rejectProtectionSpace, nil)
    }
}
