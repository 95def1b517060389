import FuzzSupport
import StubHTTP

/// Everything observable from one way of feeding a byte stream to a parser (`continueExpected`
/// aside: how many there are depends on the split).
struct ParserFeed: Equatable, CustomStringConvertible {
    var requests: [ParsedRequest] = []
    var error: HTTPParseError?
    var partialAtEnd = false
    var bufferedAtEnd = 0

    static let statuses: Set<HTTPStatus> = [400, 413, 414, 417, 431, 501, 505]

    var description: String {
        "\(requests.count) requests \(requests), error \(error.map(String.init(describing:)) ?? "none"), "
            + "partial at end \(partialAtEnd), buffered at end \(bufferedAtEnd)"
    }

    /// Appends `chunks` in turn, draining the parser after each append, and checks the
    /// invariants that hold after every event.
    static func run(_ chunks: [ArraySlice<UInt8>], limits: HTTPLimits) -> ParserFeed {
        var parser = HTTPRequestParser(limits: limits)
        var feed = ParserFeed()
        var appended = 0
        var consumed = 0
        var continuePending = false
        feeding: for chunk in chunks {
            parser.append(Array(chunk))
            appended += chunk.count
            draining: while true {
                let event = parser.next()
                let buffered = parser.bufferedByteCount
                require(buffered >= 0 && buffered <= appended - consumed, "buffers \(buffered) bytes of \(appended - consumed) unconsumed")
                consumed = appended - buffered
                switch event {
                case .needMore:
                    break draining
                case .continueExpected:
                    require(!continuePending, "continueExpected twice for one request")
                    continuePending = true
                case .request(let request):
                    check(request, limits: limits)
                    feed.requests.append(request)
                    continuePending = false
                case .error(let error):
                    require(statuses.contains(error.status) && !error.reason.isEmpty, "unexpected error \(error)")
                    require(!parser.hasPartialRequest && buffered == 0, "a failed parser still holds a request")
                    parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
                    guard case .error(let again) = parser.next(), again == error else {
                        fatalError("invariant broken: error \(error) not repeated after more bytes")
                    }
                    feed.error = error
                    break feeding
                }
            }
        }
        feed.partialAtEnd = parser.hasPartialRequest
        feed.bufferedAtEnd = parser.bufferedByteCount
        require(!continuePending || feed.error != nil || feed.partialAtEnd, "continueExpected for a request that was complete")
        return feed
    }

    /// What every request the parser hands out must satisfy.
    static func check(_ request: ParsedRequest, limits: HTTPLimits) {
        require(request.method.isValid, "method \(request.method) is not a token")
        require(request.version == .http1_0 || request.version == .http1_1, "version \(request.version)")
        require(request.path.hasPrefix("/") || request.path == "*", "path \(request.path)")
        require(request.headers.count <= limits.maxHeaderCount, "\(request.headers.count) header fields")
        require(request.body.count <= limits.maxBodyBytes, "\(request.body.count) body bytes")
        require(request.version == .http1_1 ? request.headers.contains("Host") : true, "HTTP/1.1 without Host")
    }
}
