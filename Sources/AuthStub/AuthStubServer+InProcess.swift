#if canImport(FoundationNetworking)
import Foundation
public import FoundationNetworking
#else
public import Foundation
#endif

/// The socket-free transport: URLSession requests go straight into the engine.
extension AuthStubServer {
    /// A session configuration whose requests to this server's `baseURL` skip the network and
    /// go straight into its engine: the same fixtures, tokens, clock, faults and journal.
    /// Connection faults surface as the `URLError`s URLSession reports for them on a socket,
    /// and `delay` waits. The server need not be started. Such a session reaches every
    /// AuthStub server in the process by its `baseURL`; requests to other hosts go out as usual.
    ///
    /// ```swift
    /// let stub = try AuthStubServer()                       // no socket
    /// let session = URLSession(configuration: stub.inProcessConfiguration)
    /// let (data, _) = try await session.data(from: stub.baseURL.appendingPathComponent("__control/status"))
    /// ```
    public var inProcessConfiguration: URLSessionConfiguration {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.protocolClasses = [InProcessURLProtocol.self] + (configuration.protocolClasses ?? [])
        return configuration
    }

    /// A new `URLSession` on `inProcessConfiguration`.
    public func makeInProcessSession() -> URLSession {
        URLSession(configuration: inProcessConfiguration)
    }
}
