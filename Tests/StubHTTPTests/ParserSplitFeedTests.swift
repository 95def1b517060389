import Testing

@testable import StubHTTP

/// Every test in the other parser suites already feeds its input whole, split at every byte
/// position and byte by byte (see `parse`). These add large inputs, long pipelined streams and
/// mutated inputs.
@Suite("Split feeding and large inputs")
struct ParserSplitFeedTests {
    @Test("a 256 KiB Content-Length body, in chunks of every size")
    func largeFixedBody() {
        var generator = SplitMix64(seed: 1)
        let payload = (0..<(256 * 1024)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let request = expectRequest(bytes(P + "Content-Length: \(payload.count)\r\n\r\n") + payload)
        #expect(request?.body == payload)
    }

    @Test("a large chunked body with extensions, in chunks of every size")
    func largeChunkedBody() {
        var input = bytes(PC)
        var expected: [UInt8] = []
        for index in 0..<200 {
            let chunk = [UInt8](repeating: UInt8(index & 0xFF), count: 1000 + index)
            input += bytes(String(chunk.count, radix: 16) + ";i=\(index)\r\n") + chunk + bytes("\r\n")
            expected += chunk
        }
        input += bytes("0\r\nX-Sum: done\r\n\r\n")
        #expect(expectRequest(input)?.body == expected)
    }

    @Test("100 header fields filling 64 KiB are accepted")
    func fullHeaderSection() {
        // 99 fields of exactly 650 bytes each plus Host (9 bytes) stays under 65,536.
        let value = String(repeating: "v", count: 650 - 9)
        let fields = (100..<199).map { "X-\($0): " + value + "\r\n" }.joined()
        #expect(fields.utf8.count == 99 * 650)
        #expect(fields.utf8.count + 9 <= 64 * 1024)
        let request = expectRequest(G + fields + "\r\n")
        #expect(request?.headers.count == 100)
        #expect(request?.headers["x-142"] == value)
    }

    @Test("1,000 pipelined requests of mixed shapes, with bounded buffering")
    func longPipelinedStream() {
        var stream: [UInt8] = []
        var expectedPaths: [String] = []
        for index in 0..<1000 {
            switch index % 4 {
            case 0:
                stream += bytes("GET /g\(index)?q=\(index) HTTP/1.1\r\nHost: a\r\n\r\n")
            case 1:
                stream += bytes("POST /p\(index) HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc")
            case 2:
                stream += bytes("PUT /c\(index) HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2;x\r\nhi\r\n0\r\nT: 1\r\n\r\n")
            default:
                stream += bytes("\r\nDELETE /d\(index) HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            }
            expectedPaths.append(["/g", "/p", "/c", "/d"][index % 4] + "\(index)")
        }
        for size in [1, 5, 13, 100, 4096, stream.count] {
            var parser = HTTPRequestParser()
            var paths: [String] = []
            var largestBuffer = 0
            var offset = 0
            while offset < stream.count {
                let end = min(offset + size, stream.count)
                parser.append(Array(stream[offset..<end]))
                offset = end
                largestBuffer = max(largestBuffer, parser.message.buffer.count)
                draining: while true {
                    switch parser.next() {
                    case .request(let request): paths.append(request.path)
                    case .needMore: break draining
                    case .continueExpected:
                        Issue.record("no Expect was sent")
                        break draining
                    case .error(let error):
                        Issue.record("unexpected \(error)")
                        return
                    }
                }
            }
            #expect(paths == expectedPaths, "chunks of \(size)")
            #expect(parser.bufferedByteCount == 0)
            if size < 200 {
                // Consumed bytes are dropped: the buffer never holds much more than one request.
                #expect(largestBuffer < 400, "chunks of \(size): buffer grew to \(largestBuffer)")
            }
        }
    }

    @Test("mutated requests give the same outcome however they are split, and only known statuses")
    func mutatedRequests() {
        let seeds = [
            G + "\r\n",
            P + "Content-Length: 5\r\n\r\nhello",
            PC + "3;a=\"b\"\r\nabc\r\n0\r\nX-T: v\r\n\r\n",
            "OPTIONS * HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n",
            "GET http://h/x?y HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        ].map(bytes)
        let interesting: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x20, 0x2C, 0x3A, 0x3B, 0x2D, 0x2B, 0x30, 0x46, 0x7F, 0x80, 0xFF]
        let statuses: Set<HTTPStatus> = [400, 413, 414, 417, 431, 501, 505]
        var generator = SplitMix64(seed: 2024)
        for round in 0..<400 {
            var input = seeds[round % seeds.count]
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0..<input.count, using: &generator)
                let byte =
                    Bool.random(using: &generator)
                    ? interesting[Int.random(in: 0..<interesting.count, using: &generator)]
                    : UInt8.random(in: 0...255, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: input[position] = byte
                case 1: input.insert(byte, at: position)
                default: if input.count > 1 { input.remove(at: position) }
                }
            }
            let result = parse(
                input,
                limits: HTTPLimits(
                    maxRequestLineBytes: 64,
                    maxHeaderBytes: 128,
                    maxHeaderCount: 6,
                    maxBodyBytes: 16
                )
            )
            if let error = result.error {
                #expect(statuses.contains(error.status), "round \(round): \(error)")
            }
        }
    }
}
