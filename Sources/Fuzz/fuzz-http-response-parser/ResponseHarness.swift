import FuzzSupport
import StubHTTP

/// Feeds one input to `HTTPResponseParser` whole and split, and checks that both ways agree
/// and that every response it hands out keeps the parser's promises.
///
/// Input layout: byte 0 steers the run (bit 7: small limits, so every limit is reachable with
/// short inputs; bit 6: the connection closes after the stream, so `finish()` runs; bit 5: the
/// first response answers HEAD; bits 0-2: how many chunk lengths follow); then that many
/// bytes, each a chunk length of 1-256 used in turn (none: byte by byte); the rest is the
/// byte stream.
enum ResponseHarness {
    /// Small enough that short inputs reach every limit.
    static let smallLimits = HTTPResponseParser.Limits(
        maxStatusLineBytes: 32,
        maxHeaderBytes: 128,
        maxHeaderCount: 6,
        maxBodyBytes: 64,
        maxChunkLineBytes: 32
    )

    static func run(_ input: [UInt8]) {
        guard let input = SplitFeedInput(input) else { return }
        let limits = input.control & 0x80 != 0 ? smallLimits : HTTPResponseParser.Limits()
        let close = input.control & 0x40 != 0
        let firstIsHead = input.control & 0x20 != 0

        let whole = ResponseFeed.run([input.stream[...]], limits: limits, close: close, firstIsHead: firstIsHead)
        let split = ResponseFeed.run(input.splitChunks, limits: limits, close: close, firstIsHead: firstIsHead)
        require(whole == split, "whole feed \(whole) differs from split feed \(split) (\(input.splitDescription))")
    }
}

/// Everything observable from one way of feeding a byte stream to a response parser.
struct ResponseFeed: Equatable, CustomStringConvertible {
    var responses: [ParsedResponse] = []
    var error: HTTPClientError?
    var closeError: HTTPClientError?

    var description: String {
        "\(responses.count) responses \(responses.map { "\($0.status) \($0.body.count)B" }), "
            + "error \(error.map(String.init(describing:)) ?? "none"), at close \(closeError.map(String.init(describing:)) ?? "nothing")"
    }

    /// Appends `chunks` in turn, draining the parser after each append, then (with `close`)
    /// calls `finish()`; checks every response on the way.
    static func run(_ chunks: [ArraySlice<UInt8>], limits: HTTPResponseParser.Limits, close: Bool, firstIsHead: Bool) -> ResponseFeed {
        var parser = HTTPResponseParser(limits: limits)
        var feed = ResponseFeed()
        var appended = 0
        feeding: for chunk in chunks {
            parser.append(Array(chunk))
            appended += chunk.count
            while true {
                let isHead = firstIsHead && feed.responses.isEmpty
                let event = parser.next(answeringHead: isHead)
                require(
                    parser.bufferedByteCount >= 0 && parser.bufferedByteCount <= appended,
                    "buffers \(parser.bufferedByteCount) of \(appended) bytes"
                )
                switch event {
                case .needMore:
                    continue feeding
                case .response(let response):
                    check(response, isHead: isHead, limits: limits)
                    feed.responses.append(response)
                case .error(let error):
                    require(error.kind == .malformed || error.kind == .tooLarge, "unexpected error \(error)")
                    require(parser.bufferedByteCount == 0, "a failed parser still holds bytes")
                    parser.append(Array("HTTP/1.1 200 OK\r\n\r\n".utf8))
                    guard case .error(let again) = parser.next(), again == error else {
                        fatalError("invariant broken: error \(error) not repeated after more bytes")
                    }
                    feed.error = error
                    break feeding
                }
            }
        }
        if close && feed.error == nil {
            let isHead = firstIsHead && feed.responses.isEmpty
            do {
                let response = try parser.finish()
                check(response, isHead: isHead, limits: limits)
                feed.responses.append(response)
            } catch {
                require([.closed, .malformed, .tooLarge].contains(error.kind), "unexpected error at close \(error)")
                feed.closeError = error
            }
        }
        return feed
    }

    /// What every response the parser hands out must satisfy.
    static func check(_ response: ParsedResponse, isHead: Bool, limits: HTTPResponseParser.Limits) {
        require((100...999).contains(response.status), "status \(response.status)")
        require(response.version == .http1_0 || response.version == .http1_1, "version \(response.version)")
        require(response.headers.count <= limits.maxHeaderCount, "\(response.headers.count) header fields")
        require(response.body.count <= limits.maxBodyBytes, "\(response.body.count) body bytes")
        let bodiless = isHead || !response.status.permitsBody
        require(!bodiless || response.body.isEmpty, "a body on a \(response.status) (HEAD: \(isHead))")
    }
}
