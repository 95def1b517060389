import Testing

@testable import StubHTTP

/// The client's response parser. Every input is also fed byte by byte and split in two at every
/// position (see `parseResponses`), and must give the same result.
@Suite("Response parser")
struct ResponseParserTests {
    @Test("status line, fields and a Content-Length body; a pipelined second response follows")
    func contentLength() {
        let result = parseResponses(
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nx-a:  one \r\nContent-Length: 4\r\n\r\nnope"
                + "HTTP/1.1 201 \r\nContent-Length: 0\r\n\r\n"
        )
        #expect(result.error == nil)
        #expect(result.responses.map(\.status) == [404, 201])
        #expect(result.responses.map(\.reason) == ["Not Found", ""])
        #expect(result.texts == ["nope", ""])
        #expect(result.responses.first?.headers["content-type"] == "text/plain")
        #expect(result.responses.first?.headers["X-A"] == "one")
        #expect(result.responses.allSatisfy { $0.version == .http1_1 && $0.keepAlive })
        #expect(result.bufferedAtEnd == 0)
    }

    @Test("a status line without a reason phrase")
    func noReason() {
        #expect(parseResponses("HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok").responses.map(\.status) == [200])
    }

    @Test("a chunked body is put back together; extensions are checked and trailers never merged")
    func chunked() {
        let result = parseResponses(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                + "4;ext=\"a b\"\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nX-Trailer: t\r\n\r\n"
        )
        let response = result.responses.first
        #expect(response?.headers["content-type"] == "application/json")
        #expect(result.texts == [#"{"a":1}"#])
        #expect(response?.headers.contains("X-Trailer") == false)
        #expect(response?.keepAlive == true)
    }

    @Test("without Content-Length or chunked coding, the body runs until the connection closes")
    func untilClose() {
        let text = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this\r\n\r\nand this"
        let open = parseResponses(text)
        #expect(open.responses.isEmpty && open.error == nil)
        let closed = parseResponses(text, close: true)
        #expect(closed.texts == ["all of this\r\n\r\nand this"])
        #expect(closed.responses.first?.keepAlive == false)
        #expect(parseResponses("HTTP/1.0 200 OK\r\n\r\nold", close: true).texts == ["old"])
    }

    @Test("no body in answer to HEAD, or with 1xx, 204 and 304, whatever the fields say; the next response still parses")
    func noBody() {
        let head = parseResponses("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 1\r\n\r\nx", heads: [0])
        #expect(head.responses.map(\.status) == [200, 404])
        #expect(head.texts == ["", "x"])
        #expect(head.responses.first?.headers["Content-Length"] == "9")
        for status in [100, 204, 304] {
            let result = parseResponses("HTTP/1.1 \(status) X\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            #expect(result.responses.map(\.status.code) == [status, 200])
            #expect(result.texts == ["", "ok"])
        }
    }

    @Test("keep-alive: HTTP/1.1 unless Connection has close; HTTP/1.0 only with keep-alive")
    func keepAlive() {
        func keepsAlive(_ version: String, _ connection: String?) -> Bool? {
            let field = connection.map { "Connection: \($0)\r\n" } ?? ""
            return parseResponses("\(version) 200 OK\r\n\(field)Content-Length: 0\r\n\r\n").responses.first?.keepAlive
        }
        #expect(keepsAlive("HTTP/1.1", nil) == true)
        #expect(keepsAlive("HTTP/1.1", "foo, Close") == false)
        #expect(keepsAlive("HTTP/1.0", nil) == false)
        #expect(keepsAlive("HTTP/1.0", "keep-alive") == true)
        #expect(parseResponses("HTTP/1.0 200 OK\r\n\r\n").responses.isEmpty)
    }

    @Test(
        "a malformed status line is a clear error",
        arguments: [
            ("SSH-2.0-OpenSSH\r\n\r\n", "not an HTTP/1.x response: it does not start with HTTP/"),
            ("\u{16}\u{03}\u{01}\u{02}\u{00}", "not an HTTP/1.x response: it does not start with HTTP/"),
            ("http/1.1 200 OK\r\n\r\n", "not an HTTP/1.x response: it does not start with HTTP/"),
            ("HTTP/1.1 20 OK\r\n\r\n", "malformed status line (expected HTTP/1.x, a space and a three-digit status)"),
            ("HTTP/1.1 2000 OK\r\n\r\n", "malformed status line (expected HTTP/1.x, a space and a three-digit status)"),
            ("HTTP/1.1  200 OK\r\n\r\n", "malformed status line (expected HTTP/1.x, a space and a three-digit status)"),
            ("HTTP/2.0 200 OK\r\n\r\n", "HTTP/2.0 responses are not supported"),
            ("HTTP/1.1 099 Low\r\n\r\n", "status 99 is below 100"),
            ("HTTP/1.1 200 O\u{01}K\r\n\r\n", "control byte in the reason phrase"),
            ("HTTP/1.1 200 OK\n\r\n", "bare LF in the status line"),
        ]
    )
    func malformedStatusLine(text: String, reason: String) {
        let result = parseResponses(text)
        #expect(result.error == HTTPClientError(.malformed, reason))
    }

    @Test(
        "framing the server would refuse is refused here too",
        arguments: [
            "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n",
            "Content-Length: 3\r\nContent-Length: 3\r\n",
            "Content-Length: +3\r\n",
            "Content-Length: 3, 3\r\n",
            "Transfer-Encoding: gzip\r\n",
            "Transfer-Encoding: chunked, gzip\r\n",
            "X-A: b\nTransfer-Encoding: chunked\r\n",
            "X-A : b\r\n",
            " folded\r\n",
        ]
    )
    func badFraming(fields: String) {
        expectResponseError(.malformed, "HTTP/1.1 200 OK\r\n" + fields + "\r\nabc")
    }

    @Test("Transfer-Encoding in an HTTP/1.0 response, and a bad chunk, are errors")
    func badChunks() {
        expectResponseError(.malformed, "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        for chunks in ["3\r\nabcX\r\n0\r\n\r\n", "0x3\r\nabc\r\n0\r\n\r\n", "3\nabc\r\n0\r\n\r\n", "00000000000000001\r\na\r\n0\r\n\r\n"] {
            expectResponseError(.malformed, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks)
        }
    }

    @Test("each limit is a tooLarge error, as soon as it is known")
    func limits() {
        let small = HTTPResponseParser.Limits(maxStatusLineBytes: 20, maxHeaderBytes: 40, maxHeaderCount: 2, maxBodyBytes: 8, maxChunkLineBytes: 8)
        expectResponseError(.tooLarge, "HTTP/1.1 200 A long reason phrase\r\n\r\n", limits: small)
        expectResponseError(.tooLarge, "HTTP/1.1 200 OK\r\nX-Long: " + String(repeating: "v", count: 40) + "\r\n\r\n", limits: small)
        expectResponseError(.tooLarge, "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: small)
        // Declared too large: refused before any body byte arrives.
        expectResponseError(.tooLarge, "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", limits: small)
        expectResponseError(.tooLarge, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n4\r\n", limits: small)
        // As in the server, an overlong chunk-size line is malformed rather than large.
        expectResponseError(.malformed, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;a=bcdefgh\r\n", limits: small)
        expectResponseError(.tooLarge, "HTTP/1.1 200 OK\r\n\r\n123456789", limits: small)
        #expect(parseResponses("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n12345678", limits: small).texts == ["12345678"])
        #expect(parseResponses("HTTP/1.1 200 OK\r\n\r\n12345678", close: true, limits: small).texts == ["12345678"])
        let unbounded = HTTPResponseParser.Limits(
            maxStatusLineBytes: .max,
            maxHeaderBytes: .max,
            maxHeaderCount: .max,
            maxBodyBytes: .max,
            maxChunkLineBytes: .max
        )
        #expect(parseResponses("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", limits: unbounded).texts == ["ok"])
    }

    @Test(
        "a response cut short by the close is a closed error saying where",
        arguments: [
            ("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}", "the body broke off after 2 of 10 bytes"),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nd", "the chunked body broke off after 4 bytes"),
            ("HTTP/1.1 200 OK\r\nContent-Le", "the connection closed inside the response head"),
            ("HTTP/1.", "the connection closed inside the response head"),
            ("", "the connection closed without a response"),
        ]
    )
    func cutShort(text: String, reason: String) {
        let result = parseResponses(text, close: true)
        #expect(result.responses.isEmpty)
        #expect(result.closeError == HTTPClientError(.closed, reason))
    }

    @Test("a large chunked body and a large Content-Length body, in pieces of every size, agree")
    func largeBodies() {
        var generator = SplitMix64(seed: 7)
        let payload = (0..<(64 * 1024)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var chunked = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        for start in stride(from: 0, to: payload.count, by: 1000) {
            let piece = payload[start..<min(start + 1000, payload.count)]
            chunked += bytes(String(piece.count, radix: 16) + "\r\n") + piece + bytes("\r\n")
        }
        chunked += bytes("0\r\n\r\n")
        let fixed = bytes("HTTP/1.1 200 OK\r\nContent-Length: \(payload.count)\r\n\r\n") + payload
        for input in [chunked, fixed] {
            #expect(parseResponses(input).responses.map(\.body) == [payload])
        }
    }
}
