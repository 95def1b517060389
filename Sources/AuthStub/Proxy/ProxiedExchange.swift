package import Foundation

/// One request the server forwarded to an upstream server and the answer it got back, as the
/// recorder (`authstub record`) sees it: everything exactly as sent, secrets included. It is
/// never journaled, logged or written as it is; the recorder turns it into fixtures with the
/// secrets replaced by placeholders.
package struct ProxiedExchange: Sendable, Equatable {
    /// The request method, e.g. `POST`.
    package var method: String
    /// The request path as the client sent it (percent-encoded), without the query.
    package var path: String
    /// The part of the target after `?`, or nil.
    package var query: String?
    /// The client's request headers, in order, as sent.
    package var requestHeaders: [HTTPHeaderField]
    /// The request body as sent.
    package var requestBody: [UInt8]
    /// The upstream's status code.
    package var status: Int
    /// The upstream's response headers, in order, as it sent them (before `Location` and
    /// cookie rewrites; framing fields such as `Transfer-Encoding` left out).
    package var responseHeaders: [HTTPHeaderField]
    /// The upstream's response body, its transfer coding removed, its content coding as sent.
    package var responseBody: [UInt8]
    /// When the request arrived, on the server clock.
    package var time: Date
    /// The upstream the request went to: scheme, host, port and any base path.
    package var upstream: URL

    /// An exchange with every part given.
    package init(
        method: String,
        path: String,
        query: String?,
        requestHeaders: [HTTPHeaderField],
        requestBody: [UInt8],
        status: Int,
        responseHeaders: [HTTPHeaderField],
        responseBody: [UInt8],
        time: Date,
        upstream: URL
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.status = status
        self.responseHeaders = responseHeaders
        self.responseBody = responseBody
        self.time = time
        self.upstream = upstream
    }

    /// The bytes the exchange holds in memory, as `Recording`'s cap counts them: its text and
    /// bodies plus 256 for the rest.
    package var byteCount: Int {
        let headers = (requestHeaders + responseHeaders).reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
        return 256 + method.utf8.count + path.utf8.count + (query?.utf8.count ?? 0) + headers + requestBody.count + responseBody.count
    }
}
