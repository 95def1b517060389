import StubHTTP
import Testing

// Shorthands of shared/hostile-requests.md.
let G = "GET / HTTP/1.1\r\nHost: a\r\n"
let P = "POST / HTTP/1.1\r\nHost: a\r\n"
let PC = P + "Transfer-Encoding: chunked\r\n\r\n"

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

enum Outcome: Equatable {
    case request(ParsedRequest)
    case error(HTTPParseError)
}

/// Everything observable after feeding some bytes, `continueExpected` events aside (their number
/// depends on how the bytes were split; they are checked separately).
struct FeedResult: Equatable {
    var outcomes: [Outcome] = []
    var hasPartialRequestAtEnd = false
    var bufferedAtEnd = 0

    var requests: [ParsedRequest] {
        outcomes.compactMap { if case .request(let request) = $0 { request } else { nil } }
    }

    var error: HTTPParseError? {
        if case .error(let error) = outcomes.last { error } else { nil }
    }
}

/// Feeds `chunks` in order, calling `next()` until `needMore` after each append, and stops at
/// the first error (checking that it repeats, even after more bytes).
func feed(
    _ chunks: [ArraySlice<UInt8>],
    limits: HTTPLimits,
    continues: inout [Int],
    sourceLocation: SourceLocation
) -> FeedResult {
    var parser = HTTPRequestParser(limits: limits)
    var result = FeedResult()
    var continuesForCurrent = 0
    feeding: for chunk in chunks {
        parser.append(Array(chunk))
        draining: while true {
            switch parser.next() {
            case .needMore:
                break draining
            case .continueExpected:
                continuesForCurrent += 1
                continues.append(result.outcomes.count)
                if continuesForCurrent > 1 {
                    Issue.record("continueExpected twice for one request", sourceLocation: sourceLocation)
                    break draining
                }
            case .request(let request):
                result.outcomes.append(.request(request))
                continuesForCurrent = 0
            case .error(let error):
                result.outcomes.append(.error(error))
                #expect(!parser.hasPartialRequest, sourceLocation: sourceLocation)
                parser.append(bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n"))
                guard case .error(let again) = parser.next(), again == error else {
                    Issue.record("error not repeated after more bytes", sourceLocation: sourceLocation)
                    break feeding
                }
                break feeding
            }
        }
    }
    result.hasPartialRequestAtEnd = parser.hasPartialRequest
    result.bufferedAtEnd = parser.bufferedByteCount
    return result
}

/// Inputs up to this size are also fed split at every byte position.
let exhaustiveSplitLimit = 1_500

/// The ways a parser test feeds `input` besides whole: byte by byte, split in two at every
/// position (up to `exhaustiveSplitLimit` bytes), and in chunks of several sizes.
func splitFeeds(_ input: [UInt8]) -> [(name: String, chunks: [ArraySlice<UInt8>])] {
    var feeds: [(name: String, chunks: [ArraySlice<UInt8>])] = [("byte by byte", input.indices.map { input[$0...$0] })]
    if input.count <= exhaustiveSplitLimit {
        for split in input.indices.dropFirst() {
            feeds.append(("split at \(split)", [input[..<split], input[split...]]))
        }
    }
    for size in [2, 3, 7, 64, 1000, 4096, 65_536] where size < input.count {
        feeds.append(
            (
                "chunks of \(size)",
                stride(from: 0, to: input.count, by: size).map {
                    input[$0..<min($0 + size, input.count)]
                }
            )
        )
    }
    return feeds
}

/// Feeds `input` with `feed` in every way of `splitFeeds` and records the first way whose
/// result differs from `whole`, the result of feeding it whole.
func expectSplitFeedsAgree<Result: Equatable>(
    _ input: [UInt8],
    with whole: Result,
    sourceLocation: SourceLocation,
    _ feed: ([ArraySlice<UInt8>]) -> Result
) {
    for (name, chunks) in splitFeeds(input) {
        let result = feed(chunks)
        if result != whole {
            Issue.record("fed \(name): \(result) differs from whole: \(whole)", sourceLocation: sourceLocation)
            return
        }
    }
}

/// Parses `input` whole, split in two at every position, byte by byte, and (for large inputs) in
/// chunks of several sizes; expects every way to give the same result, and returns it.
@discardableResult
func parse(
    _ input: [UInt8],
    limits: HTTPLimits = HTTPLimits(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> FeedResult {
    var continues: [Int] = []
    let whole = feed([input[...]], limits: limits, continues: &continues, sourceLocation: sourceLocation)
    #expect(continues.isEmpty, "continueExpected although the whole request was buffered", sourceLocation: sourceLocation)

    expectSplitFeedsAgree(input, with: whole, sourceLocation: sourceLocation) { chunks in
        var ignored: [Int] = []
        return feed(chunks, limits: limits, continues: &ignored, sourceLocation: sourceLocation)
    }
    return whole
}

@discardableResult
func parse(
    _ text: String,
    limits: HTTPLimits = HTTPLimits(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> FeedResult {
    parse(bytes(text), limits: limits, sourceLocation: sourceLocation)
}

/// Expects exactly one request (and nothing left over) and returns it.
func expectRequest(
    _ input: [UInt8],
    limits: HTTPLimits = HTTPLimits(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> ParsedRequest? {
    let result = parse(input, limits: limits, sourceLocation: sourceLocation)
    #expect(result.error == nil, "unexpected \(String(describing: result.error))", sourceLocation: sourceLocation)
    #expect(result.requests.count == 1, sourceLocation: sourceLocation)
    #expect(!result.hasPartialRequestAtEnd, sourceLocation: sourceLocation)
    return result.requests.first
}

func expectRequest(
    _ text: String,
    limits: HTTPLimits = HTTPLimits(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> ParsedRequest? {
    expectRequest(bytes(text), limits: limits, sourceLocation: sourceLocation)
}

/// Expects the input to fail with `status` (after `requestsBefore` good requests).
func expectStatus(
    _ status: HTTPStatus,
    _ input: [UInt8],
    limits: HTTPLimits = HTTPLimits(),
    requestsBefore: Int = 0,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let result = parse(input, limits: limits, sourceLocation: sourceLocation)
    #expect(result.error?.status == status, "got \(result.outcomes)", sourceLocation: sourceLocation)
    #expect(result.requests.count == requestsBefore, sourceLocation: sourceLocation)
    if let reason = result.error?.reason {
        #expect(!reason.isEmpty, sourceLocation: sourceLocation)
    }
}

func expectStatus(
    _ status: HTTPStatus,
    _ text: String,
    limits: HTTPLimits = HTTPLimits(),
    requestsBefore: Int = 0,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectStatus(status, bytes(text), limits: limits, requestsBefore: requestsBefore, sourceLocation: sourceLocation)
}

/// Expects the input, which is incomplete, to have neither produced anything nor failed yet.
func expectIncomplete(
    _ text: String,
    limits: HTTPLimits = HTTPLimits(),
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let result = parse(bytes(text), limits: limits, sourceLocation: sourceLocation)
    #expect(result.outcomes.isEmpty, "got \(result.outcomes)", sourceLocation: sourceLocation)
}

/// A small deterministic generator (SplitMix64) for garbage and mutation tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension ParsedRequest {
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}
