import Testing

@testable import StubHTTP

/// Everything observable after feeding some bytes to a response parser and, with `close`,
/// telling it the connection closed.
struct ResponseFeed: Equatable {
    var responses: [ParsedResponse] = []
    /// The error `next` reported, if any (feeding stops there).
    var error: HTTPClientError?
    /// What `finish()` threw at the close, if it threw.
    var closeError: HTTPClientError?
    var bufferedAtEnd = 0

    var texts: [String] { responses.map { String(decoding: $0.body, as: UTF8.self) } }
}

/// Feeds `chunks` in order, calling `next` until `needMore` after each append; responses whose
/// index is in `heads` answer `HEAD`. With `close`, ends with `finish()`.
func feedResponses(_ chunks: [ArraySlice<UInt8>], heads: Set<Int>, close: Bool, limits: HTTPResponseParser.Limits) -> ResponseFeed {
    var parser = HTTPResponseParser(limits: limits)
    var feed = ResponseFeed()
    feeding: for chunk in chunks {
        parser.append(Array(chunk))
        while true {
            switch parser.next(answeringHead: heads.contains(feed.responses.count)) {
            case .needMore: continue feeding
            case .response(let response): feed.responses.append(response)
            case .error(let error):
                feed.error = error
                parser.append(bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
                guard case .error(let again) = parser.next(), again == error else {
                    Issue.record("error \(error) not repeated after more bytes")
                    return feed
                }
                break feeding
            }
        }
    }
    if close && feed.error == nil {
        do {
            feed.responses.append(try parser.finish())
        } catch {
            feed.closeError = error
        }
    }
    feed.bufferedAtEnd = parser.bufferedByteCount
    return feed
}

/// Parses `input` whole and in every way of `splitFeeds`, expects every way to give the same
/// result, and returns it.
@discardableResult
func parseResponses(
    _ input: [UInt8],
    heads: Set<Int> = [],
    close: Bool = false,
    limits: HTTPResponseParser.Limits = HTTPResponseParser.Limits(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> ResponseFeed {
    let whole = feedResponses([input[...]], heads: heads, close: close, limits: limits)
    expectSplitFeedsAgree(input, with: whole, sourceLocation: sourceLocation) {
        feedResponses($0, heads: heads, close: close, limits: limits)
    }
    return whole
}

@discardableResult
func parseResponses(
    _ text: String,
    heads: Set<Int> = [],
    close: Bool = false,
    limits: HTTPResponseParser.Limits = HTTPResponseParser.Limits(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> ResponseFeed {
    parseResponses(bytes(text), heads: heads, close: close, limits: limits, sourceLocation: sourceLocation)
}

/// Expects `text` to fail with an error of `kind` before any response.
func expectResponseError(
    _ kind: HTTPClientError.Kind,
    _ text: String,
    limits: HTTPResponseParser.Limits = HTTPResponseParser.Limits(),
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let result = parseResponses(text, limits: limits, sourceLocation: sourceLocation)
    #expect(result.error?.kind == kind, "got \(result)", sourceLocation: sourceLocation)
    #expect(result.error?.reason.isEmpty == false, sourceLocation: sourceLocation)
    #expect(result.responses.isEmpty, sourceLocation: sourceLocation)
}
