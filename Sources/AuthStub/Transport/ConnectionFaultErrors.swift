import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The errors the socket-free transport reports for connection faults: the ones URLSession
/// itself reports when the same fault happens on a real socket, so a test sees the same error
/// whichever transport it runs on. The platforms differ because Linux's FoundationNetworking
/// sits on libcurl (measured with Swift 6.3.1); the Darwin values follow Apple's URL Loading
/// System, which reports a connection lost mid-exchange as `networkConnectionLost`. (Nothing
/// in this package can be compiled for Darwin here; the Darwin branch is written to its
/// documentation.)
enum ConnectionFaultErrors {
    #if os(Linux)
    /// Closed without an answer: libcurl's "empty reply from server".
    static let dropped = URLError(.badServerResponse)
    /// Reset by the peer.
    static let reset = URLError(.networkConnectionLost)
    /// The body broke off before its `Content-Length`: libcurl's partial-file error, which
    /// FoundationNetworking reports with code -1.
    static let truncated = URLError(.unknown)
    #else
    static let dropped = URLError(.networkConnectionLost)
    static let reset = URLError(.networkConnectionLost)
    static let truncated = URLError(.networkConnectionLost)
    #endif
}
