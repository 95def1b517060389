import StubHTTP
import Testing

@Suite("Request line")
struct ParserRequestLineTests {
    @Test("a plain GET")
    func plainGet() {
        let request = expectRequest(G + "\r\n")
        #expect(request?.method == "GET")
        #expect(request?.target == "/")
        #expect(request?.path == "/")
        #expect(request?.query == nil)
        #expect(request?.version == .http1_1)
        #expect(request?.headers == ["Host": "a"])
        #expect(request?.body == [])
        #expect(request?.keepAlive == true)
    }

    @Test(
        "the query is split at the first ?",
        arguments: [
            ("/a/b?x=1&y=?z", "/a/b", "x=1&y=?z"),
            ("/a?", "/a", ""),
            ("/?", "/", ""),
            ("/search", "/search", nil),
        ] as [(String, String, String?)]
    )
    func querySplit(target: String, path: String, query: String?) {
        let request = expectRequest("GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(request?.target == target)
        #expect(request?.path == path)
        #expect(request?.query == query)
    }

    @Test(
        "#1 a method with lower-case letters is 501, never GET (the catalogue allows 501 or 400)",
        arguments: ["get", "Get", "gET", "post"]
    )
    func lowercaseMethod(method: String) {
        expectStatus(501, "\(method) / HTTP/1.1\r\nHost: a\r\n\r\n")
    }

    @Test(
        "#2 a non-token byte in the method is 400",
        arguments: [
            [0x47, 0xC9, 0x54], [0x47, 0x45, 0x00, 0x54], [0x47, 0x45, 0x28, 0x54], [0x47, 0x7F],
        ] as [[UInt8]]
    )
    func badMethodByte(method: [UInt8]) {
        expectStatus(400, method + bytes(" / HTTP/1.1\r\nHost: a\r\n\r\n"))
    }

    @Test("#2 a bad method byte fails at once, without waiting for the line's end")
    func badMethodByteIsImmediate() {
        var parser = HTTPRequestParser()
        parser.append([0x47, 0xC9])
        guard case .error(let error) = parser.next() else {
            Issue.record("expected an error after two bytes")
            return
        }
        #expect(error.status == 400)
    }

    @Test(
        "#3 an unknown but valid method token is parsed (routing answers it)",
        arguments: ["FOO", "M-SEARCH", "PROPFIND", "X!#$%&'*+.^_`|~1"]
    )
    func unknownMethod(method: String) {
        #expect(expectRequest("\(method) / HTTP/1.1\r\nHost: a\r\n\r\n")?.method == HTTPMethod(method))
    }

    @Test("#4 the HTTP/0.9 form has no version: 400")
    func http09() {
        expectStatus(400, "GET /\r\n\r\n")
        expectStatus(400, "GET /\r\n")
    }

    @Test(
        "#5 a well-formed version other than 1.0 and 1.1 is 505",
        arguments: ["HTTP/2.0", "HTTP/0.9", "HTTP/1.2", "HTTP/3.0", "HTTP/9.9", "HTTP/0.0"]
    )
    func unsupportedVersion(version: String) {
        expectStatus(505, "GET / \(version)\r\nHost: a\r\n\r\n")
    }

    @Test(
        "#6 a malformed version is 400",
        arguments: [
            "HTTP/1.10", "HTTP/1.1x", "http/1.1", "Http/1.1", "HTTP/1", "HTTP/1.", "HTTP/11", "HTTP/1,1",
            "HTTP 1.1", "HTTPS/1.1", "HTTP/a.1", "HTTP/1.1 ", "HTTP/+.1", "", " HTTP/1.1",
        ]
    )
    func malformedVersion(version: String) {
        expectStatus(400, "GET / \(version)\r\nHost: a\r\n\r\n")
    }

    @Test(
        "#7 separators must be single spaces",
        arguments: [
            "GET  / HTTP/1.1", "GET /  HTTP/1.1", " GET / HTTP/1.1", "GET\t/ HTTP/1.1", "GET /\tHTTP/1.1",
        ]
    )
    func separators(line: String) {
        expectStatus(400, line + "\r\nHost: a\r\n\r\n")
    }

    @Test(
        "#8 a space, CR, control or non-ASCII byte inside the target is 400",
        arguments: [
            bytes("GET /a b HTTP/1.1\r\n"), bytes("GET /a\rb HTTP/1.1\r\n"), [0x47, 0x45, 0x54, 0x20, 0x2F, 0xFF],
            [0x47, 0x45, 0x54, 0x20, 0x2F, 0x7F], [0x47, 0x45, 0x54, 0x20, 0x2F, 0x00], bytes("GET /ä HTTP/1.1\r\n"),
            bytes("GET /a\nb HTTP/1.1\r\n"),
        ]
    )
    func badTargetByte(line: [UInt8]) {
        expectStatus(400, line + bytes(" HTTP/1.1\r\nHost: a\r\n\r\n"))
    }

    @Test("#8 a bad byte is found at every position of a long target (word-at-a-time scan)")
    func badTargetByteAtEveryPosition() {
        let target = Array("/abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        for position in 1..<target.count {
            for bad: UInt8 in [0x00, 0x0D, 0x7F, 0x80, 0xFF] {
                var broken = target
                broken[position] = bad
                expectStatus(400, bytes("GET ") + broken + bytes(" HTTP/1.1\r\nHost: a\r\n\r\n"))
            }
        }
        #expect(
            expectRequest(bytes("GET ") + target + bytes(" HTTP/1.1\r\nHost: a\r\n\r\n"))?.path
                == String(decoding: target, as: UTF8.self)
        )
    }

    @Test(
        "#9 absolute-form is accepted and routed by its path",
        arguments: [
            ("http://evil.example/x", "/x", nil),
            ("http://evil.example/x?y=1", "/x", "y=1"),
            ("HTTPS://Evil.Example:8443/a/b", "/a/b", nil),
            ("hTtP://h", "/", nil),
            ("http://h?a=b", "/", "a=b"),
            ("http://[::1]:8080/x", "/x", nil),
            ("http://127.0.0.1:/x", "/x", nil),
        ] as [(String, String, String?)]
    )
    func absoluteForm(target: String, path: String, query: String?) {
        let request = expectRequest("GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(request?.target == target)
        #expect(request?.path == path)
        #expect(request?.query == query)
    }

    @Test(
        "#9 an absolute-form target's authority is what the request names as its server",
        arguments: [
            ("http://evil.example/x", "evil.example"),
            ("HTTPS://Evil.Example:8443/a/b", "Evil.Example:8443"),
            ("http://h?a=b", "h"),
            ("http://user@h:1/", "user@h:1"),
            ("/x", nil),
            ("/http://evil.example/x", nil),
            ("*", nil),
        ] as [(String, String?)]
    )
    func absoluteFormAuthority(target: String, authority: String?) {
        var request = HTTPRequest(method: "GET", path: "/")
        request.target = target
        #expect(request.targetAuthority == authority)
    }

    @Test(
        "targets in no accepted form are 400",
        arguments: [
            "http:///x", "http://", "https://", "ftp://h/x", "evil.example/x", "a:443", "?x", "http:/x", "%2F",
            // Userinfo (RFC 9110 §4.2.4), an empty host, a bad port or an unclosed IPv6 literal.
            "http://user@h:1/", "http://@h/", "http://:80/x", "http://h:x/", "http://[::1/x", "http://[::1]]/",
        ]
    )
    func unacceptedForms(target: String) {
        expectStatus(400, "GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n")
    }

    @Test("#10 * is 400 except with OPTIONS")
    func asterisk() {
        expectStatus(400, "GET * HTTP/1.1\r\nHost: a\r\n\r\n")
        expectStatus(400, "DELETE * HTTP/1.1\r\nHost: a\r\n\r\n")
        expectStatus(400, "OPTIONS *x HTTP/1.1\r\nHost: a\r\n\r\n")
        let request = expectRequest("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(request?.path == "*")
        #expect(request?.target == "*")
        #expect(request?.query == nil)
        #expect(expectRequest("OPTIONS /x HTTP/1.1\r\nHost: a\r\n\r\n")?.path == "/x")
    }

    @Test("#11 CONNECT is 501 (the catalogue allows 405 or 501), never a tunnel")
    func connect() {
        expectStatus(501, "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n")
        expectStatus(501, "CONNECT / HTTP/1.1\r\nHost: a\r\n\r\n")
    }

    @Test("#12 a 64 KiB target is 414, as soon as the limit is passed")
    func longTarget() {
        let target = "/" + String(repeating: "a", count: 64 * 1024)
        expectStatus(414, "GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n")
        // No CRLF ever arrives: still 414.
        expectStatus(414, "GET \(target)")
        expectStatus(414, "GET /" + String(repeating: "a", count: 8 * 1024))
    }

    @Test("#12 the request-line limit is exact (CRLF not counted)")
    func requestLineLimitBoundary() {
        let limits = HTTPLimits(maxRequestLineBytes: 32)
        let fits = "GET /" + String(repeating: "b", count: 32 - 14) + " HTTP/1.1"
        #expect(fits.utf8.count == 32)
        #expect(expectRequest(fits + "\r\nHost: a\r\n\r\n", limits: limits)?.method == "GET")
        let tooLong = "GET /" + String(repeating: "b", count: 32 - 13) + " HTTP/1.1"
        expectStatus(414, tooLong + "\r\nHost: a\r\n\r\n", limits: limits)
        // A long method is the request line too.
        expectStatus(414, String(repeating: "M", count: 40), limits: limits)
        // Below the limit and incomplete: keep waiting.
        expectIncomplete("GET /" + String(repeating: "b", count: 20), limits: limits)
    }

    @Test("#13 bare LF ending the request line is 400")
    func bareLFRequest() {
        expectStatus(400, "GET / HTTP/1.1\nHost: a\n\n")
        expectStatus(400, "GET / HTTP/1.1\rHost: a\r\n\r\n")
        expectStatus(400, "GET / HTTP/1.1\r\rHost: a\r\n\r\n")
    }

    @Test("#14 empty lines before the request line are ignored")
    func leadingEmptyLines() {
        #expect(expectRequest("\r\n\r\n" + G + "\r\n")?.path == "/")
        #expect(expectRequest("\r\n" + G + "\r\n")?.method == "GET")
        let result = parse("\r\n\r\n\r\n")
        #expect(result.outcomes.isEmpty)
        #expect(!result.hasPartialRequestAtEnd)
        #expect(result.bufferedAtEnd == 0)
    }

    @Test("#14 a leading bare LF or a lone CR before the request line is 400 (bare LF is never a line end)")
    func leadingBareLF() {
        expectStatus(400, "\n" + G + "\r\n")
        expectStatus(400, "\r\n\n" + G + "\r\n")
        expectStatus(400, "\rGET / HTTP/1.1\r\nHost: a\r\n\r\n")
    }

    @Test(
        "#15 #16 odd paths reach the router literally, never decoded",
        arguments: [
            "/%zz%E0%A4", "/../../etc/passwd", "/%2e%2e/", "/a//b", "/a%00b", "/a#frag",
        ]
    )
    func literalPaths(target: String) {
        let request = expectRequest("GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(request?.path == target)
        #expect(request?.target == target)
    }

    @Test("#17 a TLS ClientHello is 400 at its first byte")
    func tlsClientHello() {
        let hello: [UInt8] =
            [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03]
            + Array(repeating: 0x5A, count: 32) + [0x20] + Array(repeating: 0x11, count: 32)
        expectStatus(400, hello)
        var parser = HTTPRequestParser()
        parser.append([0x16])
        guard case .error(let error) = parser.next() else {
            Issue.record("a 0x16 first byte must fail at once")
            return
        }
        #expect(error.status == 400)
    }

    @Test("#18 the HTTP/2 preface is 505 (the catalogue allows 505 or 400: the version check comes first)")
    func http2Preface() {
        expectStatus(505, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
    }

    @Test("#62 64 KiB of binary garbage is 400")
    func binaryGarbage() {
        var generator = SplitMix64(seed: 62)
        for _ in 0..<4 {
            let garbage = (0..<(64 * 1024)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            expectStatus(400, garbage)
        }
        // Garbage made only of token bytes stops at the line limit instead.
        expectStatus(414, [UInt8](repeating: 0x41, count: 64 * 1024))
    }

    @Test("HTTP/1.0 is accepted")
    func http10() {
        let request = expectRequest("GET /x HTTP/1.0\r\n\r\n")
        #expect(request?.version == .http1_0)
        #expect(request?.headers.count == 0)
    }
}
