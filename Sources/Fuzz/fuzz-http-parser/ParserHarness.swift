import FuzzSupport
import StubHTTP

/// Feeds one input to `HTTPRequestParser` whole and split, and checks that both ways agree.
///
/// Input layout: byte 0 steers the run (bit 7: small limits, so 414/431/413 are reachable with
/// short inputs; bits 0-2: how many chunk lengths follow); then that many bytes, each a chunk
/// length of 1-256 used in turn (none: byte by byte); the rest is the byte stream.
enum ParserHarness {
    /// Small enough that short inputs reach every limit.
    static let smallLimits = HTTPLimits(
        maxRequestLineBytes: 64,
        maxHeaderBytes: 128,
        maxHeaderCount: 6,
        maxBodyBytes: 64,
        maxChunkLineBytes: 32
    )

    static func run(_ input: [UInt8]) {
        guard let input = SplitFeedInput(input) else { return }
        let limits = input.control & 0x80 != 0 ? smallLimits : HTTPLimits()

        let whole = ParserFeed.run([input.stream[...]], limits: limits)
        let split = ParserFeed.run(input.splitChunks, limits: limits)
        require(whole == split, "whole feed \(whole) differs from split feed \(split) (\(input.splitDescription))")

        for request in whole.requests {
            checkRoundTrip(request, limits: limits)
        }
    }

    /// A parsed request written back out (field lines as `name:value`, the body re-chunked in one
    /// chunk when it came chunked) parses to the same request: nothing was lost or invented.
    static func checkRoundTrip(_ request: ParsedRequest, limits: HTTPLimits) {
        let bytes = request.serialized()
        let again = ParserFeed.run([bytes[...]], limits: limits)
        require(
            again.error == nil && again.requests == [request] && again.bufferedAtEnd == 0 && !again.partialAtEnd,
            "\(request) written out as \(bytes) parses as \(again)"
        )
    }
}
