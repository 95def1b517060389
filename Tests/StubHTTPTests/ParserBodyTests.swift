import StubHTTP
import Testing

@Suite("Body framing")
struct ParserBodyTests {
    @Test("a POST with a Content-Length body")
    func contentLengthBody() {
        let request = expectRequest(P + "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"a\":\"b\\r\\n\"}")
        #expect(request?.method == "POST")
        #expect(request?.bodyText == "{\"a\":\"b\\r\\n\"}")
        #expect(request?.headers["content-length"] == "13")
    }

    @Test("Content-Length 0 and leading zeros are fine; OWS around the value is trimmed")
    func contentLengthForms() {
        #expect(expectRequest(P + "Content-Length: 0\r\n\r\n")?.body == [])
        #expect(expectRequest(P + "Content-Length: 0003\r\n\r\nabc")?.bodyText == "abc")
        #expect(expectRequest(P + "content-length:\t 2 \t\r\n\r\nhi")?.bodyText == "hi")
    }

    @Test("a body arrives as binary, bytes untouched")
    func binaryBody() {
        let payload: [UInt8] = Array(0...255) + [0x0D, 0x0A, 0x0A, 0x00]
        let request = expectRequest(bytes(P + "Content-Length: \(payload.count)\r\n\r\n") + payload)
        #expect(request?.body == payload)
    }

    @Test("#32 Content-Length with Transfer-Encoding is 400, in either order")
    func contentLengthAndTransferEncoding() {
        expectStatus(400, P + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
        expectStatus(400, P + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
        expectStatus(400, P + "Transfer-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabc")
    }

    @Test(
        "#33 #34 more than one Content-Length is 400, even when equal (simplest safe rule)",
        arguments: [
            "Content-Length: 1\r\nContent-Length: 2\r\n",
            "Content-Length: 2\r\nContent-Length: 2\r\n",
            "Content-Length: 2\r\ncontent-length: 2\r\n",
            "Content-Length: 2, 2\r\n",
            "Content-Length: 2,2\r\n",
        ]
    )
    func multipleContentLengths(fields: String) {
        expectStatus(400, P + fields + "\r\nab")
    }

    @Test(
        "#35 #36 #38 Content-Length must be plain digits",
        arguments: [
            "+5", "-1", "4 2", "", "0x10", "1e3", "5.0", "５", "1_000", "\"5\"", "5;", "٣",
        ]
    )
    func badContentLength(value: String) {
        expectStatus(400, P + "Content-Length: \(value)\r\n\r\nabcde")
    }

    @Test(
        "#37 an overflowing Content-Length is 400 (the catalogue allows 413), never a trap",
        arguments: [
            "99999999999999999999", "9999999999999999999", "9223372036854775808", "18446744073709551616",
            "000000000000000000001",
        ]
    )
    func overflowingContentLength(value: String) {
        expectStatus(400, P + "Content-Length: \(value)\r\n\r\n")
    }

    @Test("#37 Int.max fits the 19-digit rule, so it is refused as too large (413)")
    func intMaxContentLength() {
        expectStatus(413, P + "Content-Length: 9223372036854775807\r\n\r\n")
    }

    @Test("#39 a huge Content-Length is 413 at once, before the body arrives")
    func hugeContentLength() {
        expectStatus(413, P + "Content-Length: 1000000000\r\n\r\nab")
        expectStatus(413, P + "Content-Length: 1000000000\r\n\r\n")
    }

    @Test("#39 the body limit is exact")
    func bodyLimitBoundary() {
        let limits = HTTPLimits(maxBodyBytes: 8)
        #expect(expectRequest(P + "Content-Length: 8\r\n\r\n12345678", limits: limits)?.bodyText == "12345678")
        expectStatus(413, P + "Content-Length: 9\r\n\r\n", limits: limits)
    }

    @Test(
        "#40 Transfer-Encoding: chunked not last is 400, any other coding 501",
        arguments: [
            ("gzip", 501), ("chunked, gzip", 400), ("chunkedchunked", 501), ("chun\u{212A}ed", 501),
            ("gzip, chunked", 501), ("chunked, chunked", 400), ("identity", 501), ("chunked,", 400),
            (",chunked", 400), ("", 400), ("chunked;q=1", 501), ("x-custom", 501), ("\"chunked\"", 501),
            ("chunked , gzip , chunked", 400),
        ] as [(String, HTTPStatus)]
    )
    func transferCodings(value: String, status: HTTPStatus) {
        expectStatus(status, P + "Transfer-Encoding: \(value)\r\n\r\n0\r\n\r\n")
    }

    @Test("#40 Transfer-Encoding across several fields is one list")
    func transferCodingsAcrossFields() {
        expectStatus(400, P + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        expectStatus(501, P + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        expectStatus(400, P + "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n0\r\n\r\n")
    }

    @Test(
        "#40 chunked is matched ASCII-case-insensitively, with OWS",
        arguments: [
            "Chunked", "CHUNKED", " chunked ", "cHuNkEd",
        ]
    )
    func chunkedCase(value: String) {
        #expect(expectRequest(P + "Transfer-Encoding:\(value)\r\n\r\n1\r\nz\r\n0\r\n\r\n")?.bodyText == "z")
    }

    @Test("#41 Transfer-Encoding in HTTP/1.0 is 400")
    func transferEncodingInHTTP10() {
        expectStatus(400, "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
    }

    @Test("chunked with extensions and trailers")
    func chunkedBody() {
        let request = expectRequest(
            PC + "4;name=value;flag\r\nWiki\r\n5;\tq = \"a \\\"b\\\"\" ; x=y\r\npedia\r\n"
                + "E\r\n in\r\n\r\nchunks.\r\n0;last\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n"
        )
        #expect(request?.bodyText == "Wikipedia in\r\n\r\nchunks.")
        #expect(request?.headers["X-Trailer"] == nil)
        #expect(request?.headers.count == 2)
    }

    @Test("chunk sizes are hex, either case, up to 15 digits")
    func chunkSizes() {
        let payload = String(repeating: "x", count: 0x1A)
        #expect(expectRequest(PC + "1a\r\n\(payload)\r\n0\r\n\r\n")?.body.count == 0x1A)
        #expect(expectRequest(PC + "1A\r\n\(payload)\r\n0\r\n\r\n")?.body.count == 0x1A)
        #expect(expectRequest(PC + "00000000000001A\r\n\(payload)\r\n000\r\n\r\n")?.body.count == 0x1A)
        #expect(expectRequest(PC + "0\r\n\r\n")?.body == [])
    }

    @Test(
        "#42 #43 a chunk size of more than 15 hex digits is 400 (the catalogue allows 413 for #43)",
        arguments: [
            "00000000000000001", "FFFFFFFFFFFFFFFF", "10000000000000000", "0000000000000000",
        ]
    )
    func longChunkSize(size: String) {
        expectStatus(400, PC + size + "\r\nabc\r\n0\r\n\r\n")
    }

    @Test("#42 exactly 16 hex digits is already 400, even for small values that would otherwise parse")
    func sixteenDigitChunkSize() {
        expectStatus(400, PC + "000000000000000A\r\n0123456789\r\n0\r\n\r\n")
        expectStatus(400, PC + "0000000000000000\r\n\r\n")
        #expect(expectRequest(PC + "00000000000000A\r\n0123456789\r\n0\r\n\r\n")?.bodyText == "0123456789")
    }

    @Test("#43 a 15-digit size fits in an Int and is refused as too large (413), never wraps")
    func maxChunkSize() {
        expectStatus(413, PC + "FFFFFFFFFFFFFFF\r\nabc")
    }

    @Test(
        "#44 #47 a chunk size with a sign, prefix or whitespace is 400",
        arguments: [
            "-1", "+3", "0x3", "3 ", "3\t", " 3", "", "g", "3 ;a", "٣", "3,", ";a",
        ]
    )
    func badChunkSize(size: String) {
        expectStatus(400, PC + size + "\r\nabc\r\n0\r\n\r\n")
    }

    @Test(
        "#45 bare LF after a chunk size or in an extension is 400",
        arguments: [
            PC + "3\nabc\r\n0\r\n\r\n",
            PC + "3;a=b\nabc\r\n0\r\n\r\n",
            PC + "3\r\nabc\r\n0\n\r\n",
            PC + "3\r\nabc\r\n0\r\n\n",
            PC + "3\r\nabc\r\n0\r\nX-T: a\n\r\n",
            PC + "\n",
        ]
    )
    func bareLFInChunked(input: String) {
        expectStatus(400, input)
    }

    @Test(
        "#45 malformed or control-laden chunk extensions are 400",
        arguments: [
            bytes("3;\r\n"), bytes("3;=b\r\n"), bytes("3;a=\r\n"), bytes("3;a=\"b\r\n"), bytes("3;a b\r\n"),
            bytes("3;a=b c\r\n"), [0x33, 0x3B, 0x61, 0x00, 0x0D, 0x0A], [0x33, 0x3B, 0x61, 0x3D, 0x22, 0x01, 0x22, 0x0D, 0x0A],
            bytes("3;a=\"\\\r\n"), bytes("3;a\rb\r\n"), bytes("3;a=@\r\n"),
        ]
    )
    func badChunkExtension(line: [UInt8]) {
        expectStatus(400, bytes(PC) + line + bytes("abc\r\n0\r\n\r\n"))
    }

    @Test("#46 chunk data not followed by CRLF is 400, at its first wrong byte")
    func chunkDataWithoutCRLF() {
        expectStatus(400, PC + "3\r\nabcXX")
        expectStatus(400, PC + "3\r\nabcd\r\n0\r\n\r\n")
        expectStatus(400, PC + "3\r\nabc\rX")
        expectStatus(400, PC + "3\r\nabc\n0\r\n\r\n")
        expectStatus(400, PC + "3\r\nab\r\n0\r\n\r\n")
    }

    @Test("#48 trailers are accepted, validated like headers, and never merged into headers")
    func trailers() {
        let request = expectRequest(PC + "1\r\nq\r\n0\r\nHost: evil\r\nContent-Length: 5\r\nX-T:  v \r\n\r\n")
        #expect(request?.headers["Host"] == "a")
        #expect(request?.headers.contains("Content-Length") == false)
        #expect(request?.headers.contains("X-T") == false)
        #expect(request?.bodyText == "q")
        expectStatus(400, PC + "0\r\nBad Name: v\r\n\r\n")
        expectStatus(400, PC + "0\r\n folded\r\n\r\n")
        expectStatus(400, bytes(PC + "0\r\nX-T: a") + [0x00] + bytes("\r\n\r\n"))
    }

    @Test("#48 trailer fields count toward the header limits")
    func trailerLimits() {
        let countLimits = HTTPLimits(maxHeaderCount: 3)
        #expect(expectRequest(PC + "0\r\nA: 1\r\n\r\n", limits: countLimits) != nil)
        expectStatus(431, P + "Transfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\nB: 2\r\n\r\n", limits: countLimits)
        let byteLimits = HTTPLimits(maxHeaderBytes: 60)
        // Head: 9 + 28 = 37 bytes; 23 more fit.
        #expect(expectRequest(PC + "0\r\nA: " + String(repeating: "t", count: 18) + "\r\n\r\n", limits: byteLimits) != nil)
        expectStatus(431, PC + "0\r\nA: " + String(repeating: "t", count: 19) + "\r\n\r\n", limits: byteLimits)
    }

    @Test("a chunked body over the limit is 413 when the chunk size arrives, before its data")
    func chunkedBodyLimit() {
        let limits = HTTPLimits(maxBodyBytes: 10)
        #expect(expectRequest(PC + "5\r\n12345\r\n5\r\n67890\r\n0\r\n\r\n", limits: limits)?.bodyText == "1234567890")
        expectStatus(413, PC + "5\r\n12345\r\n6\r\n", limits: limits)
        expectStatus(413, PC + "B\r\n", limits: limits)
    }

    @Test("a chunk-size line over its limit is 400, even without its CRLF")
    func chunkLineLimit() {
        let limits = HTTPLimits(maxChunkLineBytes: 16)
        #expect(expectRequest(PC + "1;abcdefghijkl\r\nz\r\n0\r\n\r\n", limits: limits)?.bodyText == "z")
        expectStatus(400, PC + "1;abcdefghijklm\r\nz\r\n0\r\n\r\n", limits: limits)
        expectStatus(400, PC + "1;" + String(repeating: "e", count: 100), limits: limits)
    }

    @Test("#49 a GET with a body is accepted and the body consumed")
    func getWithBody() {
        let result = parse(G + "Content-Length: 5\r\n\r\nhelloGET /next HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(result.requests.map(\.method) == ["GET", "GET"])
        #expect(result.requests.first?.bodyText == "hello")
        #expect(result.requests.last?.path == "/next")
        #expect(result.error == nil)
    }

    @Test("#50 Content-Length: 2 then abGET in one write is two requests")
    func smuggledSecondRequest() {
        let result = parse(P + "Content-Length: 2\r\n\r\nabGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(result.requests.count == 2)
        #expect(result.requests.first?.bodyText == "ab")
        #expect(result.requests.last?.path == "/smuggled")
        #expect(result.requests.last?.body == [])
        #expect(result.error == nil)
        #expect(!result.hasPartialRequestAtEnd)
    }

    @Test("#51 a body cut short leaves a partial request, never a request with a partial body")
    func truncatedBody() {
        let result = parse(P + "Content-Length: 100\r\n\r\n0123456789")
        #expect(result.outcomes.isEmpty)
        #expect(result.hasPartialRequestAtEnd)
        let chunked = parse(PC + "64\r\n0123456789")
        #expect(chunked.outcomes.isEmpty)
        #expect(chunked.hasPartialRequestAtEnd)
    }

    @Test("a chunked request followed by a pipelined one")
    func chunkedThenPipelined() {
        let result = parse(PC + "3\r\nabc\r\n0\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(result.requests.map(\.path) == ["/", "/2"])
        #expect(result.requests.first?.bodyText == "abc")
    }
}
