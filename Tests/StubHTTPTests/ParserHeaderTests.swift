import StubHTTP
import Testing

@Suite("Header section")
struct ParserHeaderTests {
    @Test("fields keep their order and case; OWS around values is removed")
    func fieldsInOrder() {
        let request = expectRequest(
            "GET / HTTP/1.1\r\nHost: a\r\nX-One: 1\r\nx-two:2\r\nX-Space: \t b  c \t\r\nX-Empty:\r\nX-Blank:   \r\nx-one: again\r\n\r\n"
        )
        let fields = request.map { Array($0.headers) } ?? []
        #expect(
            fields == [
                .init(name: "Host", value: "a"),
                .init(name: "X-One", value: "1"),
                .init(name: "x-two", value: "2"),
                .init(name: "X-Space", value: "b  c"),
                .init(name: "X-Empty", value: ""),
                .init(name: "X-Blank", value: ""),
                .init(name: "x-one", value: "again"),
            ]
        )
        #expect(request?.headers.values(for: "X-ONE") == ["1", "again"])
    }

    @Test("#19 HTTP/1.1 without Host is 400; HTTP/1.0 without Host is fine")
    func missingHost() {
        expectStatus(400, "GET / HTTP/1.1\r\n\r\n")
        expectStatus(400, "GET / HTTP/1.1\r\nX-Host: a\r\n\r\n")
        #expect(expectRequest("GET / HTTP/1.0\r\n\r\n")?.version == .http1_0)
        // An empty Host is allowed (RFC 9110 §7.2 permits it when there is no authority).
        #expect(expectRequest("GET / HTTP/1.1\r\nHost:\r\n\r\n")?.headers["host"] == "")
    }

    @Test("#20 two Host fields are 400, whatever their case or version")
    func twoHosts() {
        expectStatus(400, G + "Host: a\r\n\r\n")
        expectStatus(400, G + "HOST: b\r\n\r\n")
        expectStatus(400, "GET / HTTP/1.0\r\nhost: a\r\nHost: b\r\n\r\n")
    }

    @Test(
        "a Host that is not host[:port] is 400 (RFC 9112 §3.2, RFC 9110 §7.2)",
        arguments: [
            "a b", "a/b", "user@127.0.0.1", "[::1", "::1", "[::1]x", "a:b", "a:80:80", "a:8a", "%zz", "a%4", "a?b", "a#b",
            "[1.2.3.4]", "[::1:2:3:4:5:6:7:8]", "[1:2:3:4:5:6:7]", "[1::2::3]", "[:1::]", "[1:]", "[12345::]",
            "[::256.1.1.1]", "[::1.2.3]", "[::01.2.3.4]", "[1.2.3.4::]", "[fe80::1%25eth0]", "[v1]", "[v.x]", "[vz.x]", "[]",
            "a\"b", "a\\b", "a{b}", "ä",
        ]
    )
    func invalidHost(value: String) {
        expectStatus(400, "GET / HTTP/1.1\r\nHost: \(value)\r\n\r\n")
        expectStatus(400, "GET / HTTP/1.0\r\nHost: \(value)\r\n\r\n")
    }

    @Test(
        "a Host that is a reg-name, IPv4 or bracketed IPv6 literal, with or without a port, is accepted",
        arguments: [
            "", "a", "localhost:8080", "127.0.0.1", "127.0.0.1:", "999.1.1.1", "Example.COM.", "xn--bcher-kva.example",
            "a-b_c~d.e", "%41b", "!$&'()*+,;=", "[::1]", "[::1]:8080", "[::]", "[1::]", "[1:2:3:4:5:6:7:8]",
            "[1:2:3:4:5:6::8]", "[::ffff:127.0.0.1]:1", "[1:2:3:4:5:6:1.2.3.4]", "[FE80::A]", "[v1.x:y]", "[V1F.!]",
        ]
    )
    func validHost(value: String) {
        #expect(expectRequest("GET / HTTP/1.1\r\nHost: \(value)\r\n\r\n")?.headers["Host"] == value)
    }

    @Test("#21 whitespace between field name and colon is 400", arguments: ["X-A : b", "X-A\t: b", "Host : a"])
    func spaceBeforeColon(line: String) {
        expectStatus(400, G + line + "\r\n\r\n")
    }

    @Test(
        "#22 obs-fold (a line starting with SP or HTAB) is 400",
        arguments: [
            G + "X-A: b\r\n c\r\n\r\n",
            G + "X-A: b\r\n\tc\r\n\r\n",
            "GET / HTTP/1.1\r\n Host: a\r\n\r\n",
            "GET / HTTP/1.1\r\n\tHost: a\r\n\r\n",
            G + " \r\n\r\n",
        ]
    )
    func obsFold(input: String) {
        expectStatus(400, input)
    }

    @Test(
        "#24 a bad or missing field name, or no colon, is 400 — never dropped",
        arguments: [
            bytes(": x"), bytes("Fo@: x"), bytes("föo: x"), bytes("no colon here"), bytes("X-A"), bytes("(x): y"),
            bytes("X\u{7F}: y"), [0x58, 0x00, 0x3A, 0x20, 0x79], bytes("X\"A: b"), bytes("X/A: b"),
        ]
    )
    func badFieldName(line: [UInt8]) {
        expectStatus(400, bytes(G) + line + bytes("\r\n\r\n"))
    }

    @Test(
        "#25 a control byte (but HTAB) in a value is 400",
        arguments: [
            0x00, 0x01, 0x08, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F, 0x7F,
        ] as [UInt8]
    )
    func controlInValue(control: UInt8) {
        expectStatus(400, bytes(G + "X-A: a") + [control] + bytes("b\r\n\r\n"))
        // At the end, where it would otherwise look like trailing whitespace.
        expectStatus(400, bytes(G + "X-A: ab") + [control] + bytes("\r\n\r\n"))
    }

    @Test("#25 a control byte is found at every position of a long value (word-at-a-time scan)")
    func controlAtEveryPosition() {
        let length = 29
        for position in 0..<length {
            for control: UInt8 in [0x00, 0x0D, 0x1F, 0x7F] {
                var value = [UInt8](repeating: 0x76, count: length)
                value[position] = control
                expectStatus(400, bytes(G + "X-Long: ") + value + bytes("\r\n\r\n"))
            }
            var tabbed = [UInt8](repeating: 0xE4, count: length)
            tabbed[position] = 0x09
            let request = expectRequest(bytes(G + "X-Long: =") + tabbed + bytes("=\r\n\r\n"))
            #expect(request?.headers.rawValue(for: "x-long") == [0x3D] + tabbed + [0x3D])
        }
    }

    @Test("#26 a bare LF is found at every position of a long field line (word-at-a-time search)")
    func bareLFAtEveryPosition() {
        let line = Array("X-Long: 0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        for position in 1..<line.count {
            var broken = line
            broken[position] = 0x0A
            expectStatus(400, bytes(G) + broken + bytes("\r\n\r\n"))
        }
    }

    @Test("#25 HTAB inside a value is kept")
    func tabInValue() {
        #expect(expectRequest(G + "X-A: a\tb\r\n\r\n")?.headers["X-A"] == "a\tb")
    }

    @Test(
        "#26 bare LF inside the header block is 400 (smuggling vector)",
        arguments: [
            G + "x:x\nTransfer-Encoding: chunked\r\n\r\n",
            G + "x:x\r\n\n",
            G + "\n",
            G + "x: a\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\n\r\n",
            G + "\r\r\n",
            G + "x: a\rb\r\n\r\n",
        ]
    )
    func bareLFInHeaders(input: String) {
        expectStatus(400, input)
    }

    @Test("#27 non-ASCII values are accepted and kept as raw bytes")
    func rawValues() {
        let request = expectRequest(bytes(G + "X-A: bär\r\nX-B: ") + [0xFF, 0xFE] + bytes("\r\n\r\n"))
        #expect(request?.headers["x-a"] == "bär")
        #expect(request?.headers.rawValue(for: "X-A") == Array("bär".utf8))
        #expect(request?.headers.rawValue(for: "X-B") == [0xFF, 0xFE])
        #expect(request?.headers["X-B"] == "\u{FFFD}\u{FFFD}")
    }

    @Test("#28 10,000 header fields are 431, detected at the first field too many")
    func tenThousandFields() {
        let fields = (0..<10_000).map { "X-\($0): v\r\n" }.joined()
        expectStatus(431, G + fields + "\r\n")
        // Without the end of the block: still 431, the parser does not wait.
        expectStatus(431, G + fields)
    }

    @Test("#28 the field-count limit is exact (Host counts)")
    func fieldCountBoundary() {
        let limits = HTTPLimits(maxHeaderCount: 5)
        let four = (0..<4).map { "X-\($0): v\r\n" }.joined()
        #expect(expectRequest(G + four + "\r\n", limits: limits)?.headers.count == 5)
        expectStatus(431, G + four + "X-4: v\r\n", limits: limits)
        #expect(expectRequest(G + four + "\r\n")?.headers.count == 5)
    }

    @Test("#29 one 100 KiB value is 431, before its line ends")
    func hugeValue() {
        let value = String(repeating: "v", count: 100 * 1024)
        expectStatus(431, G + "X-Big: " + value + "\r\n\r\n")
        expectStatus(431, G + "X-Big: " + value)
    }

    @Test("#29 the header-byte limit is exact: field lines with CRLF, request line and final CRLF excluded")
    func headerBytesBoundary() {
        let limits = HTTPLimits(maxHeaderBytes: 40)
        // "Host: a\r\n" is 9 bytes; "X-A: " + 24 + CRLF is 31 bytes: 40 in all.
        let value = String(repeating: "z", count: 24)
        #expect(expectRequest(G + "X-A: \(value)\r\n\r\n", limits: limits)?.headers["X-A"] == value)
        expectStatus(431, G + "X-A: \(value)z\r\n\r\n", limits: limits)
        expectStatus(431, G + "X-A: \(value)\r\nB:\r\n\r\n", limits: limits)
        expectIncomplete(G + "X-A: " + String(repeating: "z", count: 10), limits: limits)
    }

    @Test("values with leading colon-like and quote bytes are kept verbatim")
    func oddButValidValues() {
        let request = expectRequest(G + "X-A: :a:b: \"q\" ,;=\r\nX-B:a b\r\n\r\n")
        #expect(request?.headers["X-A"] == ":a:b: \"q\" ,;=")
        #expect(request?.headers["X-B"] == "a b")
    }
}
