// The catalogue's rows, in its order and with its numbers. Rows that need more than one
// exchange (#50, #57, #59, the 304 of #60) are tests of their own in HostileCatalogueTests;
// rows that need time or many connections are covered elsewhere, over real sockets:
//   #30 slowloris: LiveTimeoutTests (408 at the request timeout; a trickling client beside a
//       fast one) and .ci/check-slow-clients.sh (slowhttptest against the real CLI);
//   #31 connect and send nothing: LiveTimeoutTests.idleTimeout;
//   #61 reset mid-response: ClientResetTests, against the real CLI;
//   #63 more connections than `ulimit -n`: DescriptorExhaustionTests, against the real CLI.
// #23 does not exist.

extension HostileRequest {
    typealias S = Shorthand

    static let requestLine: [HostileRequest] = [
        .init(1, "lower-case method is never GET", "get /__control/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", .refused([400, 501])),
        .init(2, "non-token byte \\xc9 in the method", Array("G".utf8) + [0xC9] + Array("T / HTTP/1.1\r\nHost: a\r\n\r\n".utf8), .refused([400])),
        .init(2, "NUL in the method", Array("GE".utf8) + [0x00] + Array("T / HTTP/1.1\r\nHost: a\r\n\r\n".utf8), .refused([400])),
        .init(3, "unknown method on a known path", "FOO /auth/login HTTP/1.1\r\nHost: a\r\n\r\n", .answered([405]), headers: ["Allow": "POST"]),
        .init(3, "unknown method on an unknown path", "FOO /nowhere HTTP/1.1\r\nHost: a\r\n\r\n", .answered([404])),
        .init(4, "HTTP/0.9 request line", "GET /\r\n\r\n", .refused([400])),
        .init(5, "HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", .refused([505])),
        .init(6, "HTTP/1.10", "GET / HTTP/1.10\r\nHost: a\r\n\r\n", .refused([400])),
        .init(6, "HTTP/1.1x", "GET / HTTP/1.1x\r\nHost: a\r\n\r\n", .refused([400])),
        .init(7, "two spaces after the method", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", .refused([400])),
        .init(8, "space inside the target", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", .refused([400])),
        .init(8, "CR inside the target", "GET /a\rb HTTP/1.1\r\nHost: a\r\n\r\n", .refused([400])),
        .init(8, "raw \\xff inside the target", Array("GET /a".utf8) + [0xFF] + Array("b HTTP/1.1\r\nHost: a\r\n\r\n".utf8), .refused([400])),
        .init(
            9,
            "absolute form is routed by its path, never proxied",
            "GET http://evil.example/auth/login HTTP/1.1\r\nHost: a\r\n\r\n",
            .answered([405]),
            headers: ["Allow": "POST"]
        ),
        .init(10, "* without OPTIONS", "GET * HTTP/1.1\r\nHost: a\r\n\r\n", .refused([400])),
        .init(11, "CONNECT is never a tunnel", "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n", .refused([405, 501])),
        .init(12, "a 64 KiB target", "GET /" + String(repeating: "a", count: 64 * 1024) + " HTTP/1.1\r\nHost: a\r\n\r\n", .refused([414])),
        .init(13, "bare-LF request", "GET / HTTP/1.1\nHost: a\n\n", .refused([400])),
        .init(14, "empty lines before the request line are ignored", "\r\n\r\n" + S.status + "\r\n", .answered([200])),
        .init(15, "bad percent-encoding is matched literally", "GET /%zz%E0%A4 HTTP/1.1\r\nHost: a\r\n\r\n", .answered([404])),
        .init(16, "dot segments never reach a file", "GET /../../etc/passwd HTTP/1.1\r\nHost: a\r\n\r\n", .answered([404])),
        .init(16, "encoded dot segments never reach a file", "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: a\r\n\r\n", .answered([404])),
        .init(
            17,
            "TLS ClientHello",
            [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03] + [UInt8](repeating: 0, count: 64),
            .refused([400])
        ),
        .init(18, "HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", .refused([400, 505])),
    ]

    static let headerSection: [HostileRequest] = [
        .init(19, "HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", .refused([400])),
        .init(19, "a Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", .refused([400])),
        .init(19, "a Host with userinfo, on a control route", "GET /__control/status HTTP/1.1\r\nHost: user@127.0.0.1\r\n\r\n", .refused([400])),
        .init(19, "an unclosed IPv6 literal in Host", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", .refused([400])),
        .init(20, "two Host headers", S.G + "Host: b\r\n\r\n", .refused([400])),
        .init(21, "space before the colon", S.G + "X-A : b\r\n\r\n", .refused([400])),
        .init(22, "obs-fold with SP", S.G + "X-A: b\r\n c\r\n\r\n", .refused([400])),
        .init(22, "obs-fold with HTAB", S.G + "X-A: b\r\n\tc\r\n\r\n", .refused([400])),
        .init(24, "empty field name", S.G + ": x\r\n\r\n", .refused([400])),
        .init(24, "@ in the field name", S.G + "Fo@: x\r\n\r\n", .refused([400])),
        .init(24, "non-ASCII field name", S.G + "föo: x\r\n\r\n", .refused([400])),
        .init(24, "a line with no colon", S.G + "no colon here\r\n\r\n", .refused([400])),
        .init(25, "NUL in a value", S.G + "X-A: a\u{0}b\r\n\r\n", .refused([400])),
        .init(25, "CR in a value", S.G + "X-A: a\rb\r\n\r\n", .refused([400])),
        .init(25, "another control byte in a value", S.G + "X-A: a\u{1}b\r\n\r\n", .refused([400])),
        .init(26, "bare LF inside the header block", S.G + "x:x\nTransfer-Encoding: chunked\r\n\r\n", .refused([400])),
        .init(27, "UTF-8 value is accepted", S.status + "X-A: bär\r\n\r\n", .answered([200])),
        .init(27, "non-UTF-8 value is accepted", Array((S.status + "X-A: ").utf8) + [0xFF, 0xFE] + Array("\r\n\r\n".utf8), .answered([200])),
        .init(28, "10,000 header fields", S.G + (0..<10_000).map { "X-\($0): x\r\n" }.joined() + "\r\n", .refused([431])),
        .init(29, "one 100 KiB header value", S.G + "X-A: " + String(repeating: "a", count: 100 * 1024) + "\r\n\r\n", .refused([431])),
    ]

    static let bodyFraming: [HostileRequest] = [
        .init(32, "Content-Length and Transfer-Encoding", S.P + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .refused([400])),
        .init(33, "two different Content-Lengths", S.P + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab", .refused([400])),
        .init(34, "Content-Length: 2 twice", S.P + "Content-Length: 2\r\nContent-Length: 2\r\n\r\nab", .refused([400])),
        .init(34, "Content-Length: 2, 2", S.P + "Content-Length: 2, 2\r\n\r\nab", .refused([400])),
        .init(35, "Content-Length: +5", S.P + "Content-Length: +5\r\n\r\nabcde", .refused([400])),
        .init(36, "Content-Length: -1", S.P + "Content-Length: -1\r\n\r\n", .refused([400])),
        .init(37, "a 20-digit Content-Length", S.P + "Content-Length: 99999999999999999999\r\n\r\n", .refused([400, 413])),
        .init(38, "Content-Length: 4 2", S.P + "Content-Length: 4 2\r\n\r\nabcd", .refused([400])),
        .init(38, "empty Content-Length", S.P + "Content-Length:\r\n\r\n", .refused([400])),
        .init(38, "Content-Length: 0x10", S.P + "Content-Length: 0x10\r\n\r\n", .refused([400])),
        .init(38, "Content-Length: 1e3", S.P + "Content-Length: 1e3\r\n\r\n", .refused([400])),
        .init(39, "1,000,000,000 declared, 2 sent", S.P + "Content-Length: 1000000000\r\n\r\nab", .refused([413])),
        .init(40, "Transfer-Encoding: gzip", S.P + "Transfer-Encoding: gzip\r\n\r\n", .refused([501])),
        .init(40, "chunked not last", S.P + "Transfer-Encoding: chunked, gzip\r\n\r\n", .refused([400])),
        .init(40, "chunkedchunked", S.P + "Transfer-Encoding: chunkedchunked\r\n\r\n", .refused([501])),
        .init(40, "chunked with a Kelvin sign", S.P + "Transfer-Encoding: chun\u{212A}ed\r\n\r\n", .refused([501])),
        .init(41, "HTTP/1.0 with Transfer-Encoding", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .refused([400])),
        .init(42, "chunk size of 17 hex digits", S.PC + "00000000000000001\r\na\r\n0\r\n\r\n", .refused([400])),
        .init(43, "chunk size FFFFFFFFFFFFFFFF", S.PC + "FFFFFFFFFFFFFFFF\r\n", .refused([400, 413])),
        .init(44, "chunk size -1", S.PC + "-1\r\n", .refused([400])),
        .init(44, "chunk size +3", S.PC + "+3\r\nabc\r\n0\r\n\r\n", .refused([400])),
        .init(44, "chunk size 0x3", S.PC + "0x3\r\nabc\r\n0\r\n\r\n", .refused([400])),
        .init(45, "bare LF after a chunk size", S.PC + "3\nabc\r\n0\r\n\r\n", .refused([400])),
        .init(45, "bare LF in a chunk extension", S.PC + "3;a=b\nabc\r\n0\r\n\r\n", .refused([400])),
        .init(46, "chunk data not followed by CRLF", S.PC + "3\r\nabcXX\r\n0\r\n\r\n", .refused([400])),
        .init(47, "space after the chunk size", S.PC + "3 \r\nabc\r\n0\r\n\r\n", .refused([400])),
        .init(
            48,
            "a trailer is accepted and never merged: credentials in it do not log in",
            "POST /auth/login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + S.basic + "\r\n",
            .answered([401])
        ),
        .init(
            48,
            "the same login with the credentials as a header succeeds",
            "POST /auth/login HTTP/1.1\r\nHost: a\r\n" + S.basic + "Transfer-Encoding: chunked\r\n\r\n0\r\nX-T: 1\r\n\r\n",
            .answered([200])
        ),
        .init(
            49,
            "GET with a body: the body is consumed, the next request parses",
            "GET /__control/status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello" + S.status + "\r\n",
            .answered([200, 200])
        ),
        .init(
            51,
            "body cut short by FIN never reaches a handler",
            S.P + "Content-Length: 100\r\n\r\n0123456789",
            .closedQuietlyOr(400),
            halfClose: true
        ),
    ]

    static let connectionBehaviour: [HostileRequest] = [
        .init(52, "two requests in one write", S.status + "\r\n" + "GET /nowhere HTTP/1.1\r\nHost: a\r\n\r\n", .answered([200, 404])),
        .init(
            53,
            "Connection: close, then a pipelined request",
            S.status + "Connection: close\r\n\r\n" + S.status + "\r\n",
            .answeredThenClosed([200]),
            headers: ["Connection": "close"]
        ),
        .init(
            54,
            "HTTP/1.0 is answered, closed, never chunked",
            "GET /__control/status HTTP/1.0\r\n\r\n",
            .answeredThenClosed([200]),
            headers: ["Transfer-Encoding": nil]
        ),
        .init(
            55,
            "HTTP/1.0 keep-alive is kept open and echoed",
            "GET /__control/status HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            .answered([200]),
            headers: ["Connection": "keep-alive"]
        ),
        .init(56, "a request, then SHUT_WR: the full response, then close", S.status + "\r\n", .answeredThenClosed([200]), halfClose: true),
        .init(58, "Expect: foo", S.G + "Expect: foo\r\n\r\n", .refused([417])),
        .init(
            60,
            "a 204 has no body and no Content-Length; the next request parses",
            "DELETE /v1/auth/logout HTTP/1.1\r\nHost: a\r\nPrefer: code=204\r\n\r\n",
            .answered([204]),
            headers: ["Content-Length": nil]
        ),
        .init(62, "64 KiB of binary garbage", (0..<(64 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }, .refused([400])),
        .init(
            64,
            "control route with a foreign Host (DNS rebinding)",
            "GET /__control/status HTTP/1.1\r\nHost: attacker.example\r\n\r\n",
            .answered([403])
        ),
        .init(
            65,
            "control POST from a foreign Origin as text/plain",
            "POST /__control/reset HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}",
            .answered([403]),
            headers: ["Access-Control-Allow-Origin": nil]
        ),
    ]

    /// Every row that is one exchange of bytes.
    static let all = requestLine + headerSection + bodyFraming + connectionBehaviour
}
