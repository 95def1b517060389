import StubHTTP
import Testing

@Suite("Connection behaviour")
struct ParserConnectionTests {
    @Test("#52 two requests in one write come out one at a time, in order")
    func twoRequestsInOneWrite() {
        let input = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2?x HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nz"
        let result = parse(input)
        #expect(result.requests.map(\.path) == ["/1", "/2"])
        #expect(result.requests.last?.query == "x")
        #expect(result.requests.last?.bodyText == "z")

        var parser = HTTPRequestParser()
        parser.append(bytes(input))
        guard case .request(let first) = parser.next() else {
            Issue.record("expected the first request")
            return
        }
        #expect(first.path == "/1")
        #expect(parser.hasPartialRequest)
        #expect(parser.bufferedByteCount == input.utf8.count - 28)
        guard case .request(let second) = parser.next() else {
            Issue.record("expected the second request")
            return
        }
        #expect(second.path == "/2")
        guard case .needMore = parser.next() else {
            Issue.record("expected needMore")
            return
        }
        #expect(!parser.hasPartialRequest)
        #expect(parser.bufferedByteCount == 0)
    }

    @Test("#53 Connection: close ends keep-alive; a pipelined request still parses")
    func connectionClose() {
        let result = parse(G + "Connection: close\r\n\r\n" + G + "\r\n")
        #expect(result.requests.map(\.keepAlive) == [false, true])
    }

    @Test(
        "#54 #55 keep-alive rules",
        arguments: [
            ("GET / HTTP/1.0\r\n\r\n", false),
            ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true),
            ("GET / HTTP/1.0\r\nConnection: Keep-Alive, Upgrade\r\n\r\n", true),
            ("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n", false),
            ("GET / HTTP/1.0\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n", false),
            ("GET / HTTP/1.0\r\nConnection: keep-alivex\r\n\r\n", false),
            ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true),
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n\r\n", true),
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection: foo, CLOSE\r\n\r\n", false),
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection:close\r\n\r\n", false),
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection: closed\r\n\r\n", true),
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection: clo\u{17F}e\r\n\r\n", true),
            ("GET / HTTP/1.1\r\nHost: a\r\nX-Connection: close\r\n\r\n", true),
        ] as [(String, Bool)]
    )
    func keepAlive(input: String, keepAlive: Bool) {
        #expect(expectRequest(input)?.keepAlive == keepAlive)
    }

    @Test("#56 after a complete request nothing is pending")
    func nothingPendingAfterRequest() {
        let result = parse(G + "\r\n")
        #expect(result.requests.count == 1)
        #expect(!result.hasPartialRequestAtEnd)
        #expect(result.bufferedAtEnd == 0)
    }

    @Test("#57 Expect: 100-continue with the body held back gives continueExpected once")
    func expectContinue() {
        var parser = HTTPRequestParser()
        parser.append(bytes(P + "Expect: 100-continue\r\nContent-Length: 5\r\n\r\n"))
        guard case .continueExpected = parser.next() else {
            Issue.record("expected continueExpected")
            return
        }
        guard case .needMore = parser.next() else {
            Issue.record("continueExpected must come once")
            return
        }
        parser.append(bytes("he"))
        guard case .needMore = parser.next() else {
            Issue.record("expected needMore")
            return
        }
        parser.append(bytes("llo"))
        guard case .request(let request) = parser.next() else {
            Issue.record("expected the request")
            return
        }
        #expect(request.bodyText == "hello")
        #expect(request.headers["expect"] == "100-continue")
    }

    @Test("#57 continueExpected also for a chunked body, any case of the token")
    func expectContinueChunked() {
        var parser = HTTPRequestParser()
        parser.append(bytes(PC.replacingHead(with: "Expect: 100-Continue\r\n")))
        guard case .continueExpected = parser.next() else {
            Issue.record("expected continueExpected")
            return
        }
        parser.append(bytes("1\r\nz\r\n0\r\n\r\n"))
        guard case .request(let request) = parser.next() else {
            Issue.record("expected the request")
            return
        }
        #expect(request.bodyText == "z")
    }

    @Test(
        "#57 no continueExpected when the body is empty, already here, or the request is HTTP/1.0",
        arguments: [
            P + "Expect: 100-continue\r\nContent-Length: 0\r\n\r\n",
            P + "Expect: 100-continue\r\n\r\n",
            G + "Expect: 100-continue\r\n\r\n",
            P + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\nab",
            PC.replacingHead(with: "Expect: 100-continue\r\n") + "0\r\n\r\n",
        ]
    )
    func noContinueNeeded(input: String) {
        var parser = HTTPRequestParser()
        parser.append(bytes(input))
        guard case .request = parser.next() else {
            Issue.record("expected the request at once")
            return
        }
        // `parse` also checks that no split way of feeding it ever gives continueExpected twice.
        #expect(expectRequest(input) != nil)
    }

    @Test("#57 HTTP/1.0 ignores 100-continue")
    func http10IgnoresContinue() {
        var parser = HTTPRequestParser()
        parser.append(bytes("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"))
        guard case .needMore = parser.next() else {
            Issue.record("expected needMore")
            return
        }
    }

    @Test(
        "#58 any other expectation is 417",
        arguments: [
            "foo", "100-continue, foo", "100-continuex", "", "200-ok", "100-continue;x",
        ]
    )
    func otherExpectation(value: String) {
        expectStatus(417, P + "Expect: \(value)\r\nContent-Length: 1\r\n\r\nx")
    }

    @Test("#59 HEAD, then a pipelined GET: both parse, the HEAD without a body")
    func headThenGet() {
        let result = parse("HEAD /r HTTP/1.1\r\nHost: a\r\n\r\nGET /r HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(result.requests.map(\.method) == ["HEAD", "GET"])
        #expect(result.requests.first?.body == [])
    }

    @Test("hasPartialRequest tells a begun request from an idle connection")
    func hasPartialRequest() {
        var parser = HTTPRequestParser()
        #expect(!parser.hasPartialRequest)
        parser.append(bytes("\r\n\r\n"))
        #expect(!parser.hasPartialRequest)
        _ = parser.next()
        #expect(!parser.hasPartialRequest)
        parser.append(bytes("\r"))
        #expect(!parser.hasPartialRequest)
        parser.append(bytes("\nG"))
        #expect(parser.hasPartialRequest)
        _ = parser.next()
        #expect(parser.hasPartialRequest)
        parser.append(bytes("ET / HTTP/1.1\r\nHost: a\r\n"))
        _ = parser.next()
        #expect(parser.hasPartialRequest)
        parser.append(bytes("\r\nGE"))
        guard case .request = parser.next() else {
            Issue.record("expected the request")
            return
        }
        #expect(parser.hasPartialRequest)
        #expect(parser.bufferedByteCount == 2)
        parser.append(bytes("\u{1}"))
        guard case .error(let error) = parser.next() else {
            Issue.record("expected an error")
            return
        }
        #expect(error.status == 400)
        #expect(!parser.hasPartialRequest)
        #expect(parser.bufferedByteCount == 0)
    }

    @Test("after an error the same error comes back, whatever arrives")
    func errorIsSticky() {
        var parser = HTTPRequestParser()
        parser.append(bytes("GET / HTTP/2.0\r\n"))
        guard case .error(let error) = parser.next() else {
            Issue.record("expected an error")
            return
        }
        #expect(error.status == 505)
        for _ in 0..<3 {
            parser.append(bytes(G + "\r\n"))
            guard case .error(let again) = parser.next() else {
                Issue.record("expected the error again")
                return
            }
            #expect(again == error)
        }
        #expect(parser.bufferedByteCount == 0)
    }
}

extension String {
    /// Inserts `fields` before the final empty line of a head ending in CRLF CRLF.
    fileprivate func replacingHead(with fields: String) -> String {
        // On bytes: "\r\n" is one Character, so dropLast on the String would drop both CRLFs.
        String(decoding: utf8.dropLast(2), as: UTF8.self) + fields + "\r\n"
    }
}
