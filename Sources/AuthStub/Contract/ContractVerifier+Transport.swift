public import Foundation

extension ContractVerifier {
    /// The transport for `baseURL`: the HTTP layer's own client for `http`, the platform's
    /// URLSession for `https` (the HTTP layer speaks no TLS).
    public static func transport(for baseURL: URL) throws(ContractTransportError) -> any ContractTransport {
        guard let host = baseURL.host, !host.isEmpty else { throw ContractTransportError("the base URL has no host: \(baseURL.absoluteString)") }
        switch baseURL.scheme?.lowercased() {
        case "http":
            let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
            return SocketContractTransport(host: bareHost, port: baseURL.port ?? 80, pathPrefix: baseURL.path)
        case "https":
            return URLSessionContractTransport(baseURL: baseURL)
        default:
            throw ContractTransportError("the base URL must start with http:// or https://, not \(baseURL.absoluteString)")
        }
    }
}
