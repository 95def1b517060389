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
        guard let control = input.first else { return }
        let limits = control & 0x80 != 0 ? smallLimits : HTTPLimits()
        let lengthCount = min(Int(control & 0x07), input.count - 1)
        let lengths = input.dropFirst().prefix(lengthCount).map { Int($0) + 1 }
        let stream = Array(input.dropFirst(1 + lengthCount))

        let whole = ParserFeed.run(stream, chunkLengths: [stream.count], limits: limits)
        let split = ParserFeed.run(stream, chunkLengths: lengths.isEmpty ? [1] : lengths, limits: limits)
        require(whole == split, "whole feed \(whole) differs from split feed \(split) (chunks \(lengths))")

        for request in whole.requests {
            checkRoundTrip(request, limits: limits)
        }
    }

    /// A parsed request written back out (field lines as `name:value`, the body re-chunked in one
    /// chunk when it came chunked) parses to the same request: nothing was lost or invented.
    static func checkRoundTrip(_ request: ParsedRequest, limits: HTTPLimits) {
        let bytes = request.serialized()
        let again = ParserFeed.run(bytes, chunkLengths: [bytes.count], limits: limits)
        require(
            again.error == nil && again.requests == [request] && again.bufferedAtEnd == 0 && !again.partialAtEnd,
            "\(request) written out as \(bytes) parses as \(again)"
        )
    }
}
