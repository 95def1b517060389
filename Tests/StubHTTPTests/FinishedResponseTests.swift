import Testing

@testable import StubHTTP

/// The one rule both transports follow to finish a handler's response, and the bytes the
/// socket writer makes of it.
@Suite("Finishing a response")
struct FinishedResponseTests {
    static let get11 = FinishedResponse.Request(method: "GET", version: .http1_1, keepAlive: true)

    static func finish(_ response: HTTPResponse, _ request: FinishedResponse.Request = get11, bodyLimit: Int? = nil) -> FinishedResponse {
        FinishedResponse(response, answering: request, date: "Sun, 06 Nov 1994 08:49:37 GMT", server: "Test", bodyLimit: bodyLimit)
    }

    static func names(_ finished: FinishedResponse) -> [String] { finished.fields.map(\.name) }

    @Test("Date and Server first, the handler's fields in order, then Content-Length; the socket writes exactly that")
    func ordinaryResponse() {
        let finished = Self.finish(HTTPResponse(status: 201, headers: ["X-B": "2", "x-a": "1"], text: "hey"))
        #expect(finished.status == 201)
        #expect(
            Array(finished.fields) == [
                .init(name: "Date", value: "Sun, 06 Nov 1994 08:49:37 GMT"), .init(name: "Server", value: "Test"),
                .init(name: "X-B", value: "2"), .init(name: "x-a", value: "1"), .init(name: "Content-Length", value: "3"),
            ]
        )
        #expect(Array(finished.body) == Array("hey".utf8))
        #expect(finished.keepAlive)
        var bytes: [UInt8] = []
        ResponseSerializer.append(finished, to: &bytes)
        #expect(
            String(decoding: bytes, as: UTF8.self) == "HTTP/1.1 201 Created\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nServer: Test\r\n"
                + "X-B: 2\r\nx-a: 1\r\nContent-Length: 3\r\n\r\nhey"
        )
    }

    @Test("a handler's own Date and Server win, in any case; its Content-Length, Transfer-Encoding and Connection are dropped")
    func handlerFields() {
        let response = HTTPResponse(
            status: 200,
            headers: [
                "date": "then", "SERVER": "mine", "content-length": "99",
                "Transfer-Encoding": "chunked", "Connection": "keep-alive",
            ],
            text: "ab"
        )
        let finished = Self.finish(response)
        #expect(Self.names(finished) == ["date", "SERVER", "Content-Length"])
        #expect(finished.fields["Content-Length"] == "2")
        #expect(finished.keepAlive)
        #expect(FinishedResponse.isSetFromBody("CONTENT-length") && FinishedResponse.isSetFromBody("transfer-encoding"))
        #expect(!FinishedResponse.isSetFromBody("Connection") && !FinishedResponse.isSetFromBody("Content-Type"))
    }

    @Test("HEAD gets the Content-Length a GET would get and no body")
    func head() {
        let finished = Self.finish(
            HTTPResponse(status: 404, text: "missing"),
            FinishedResponse.Request(method: "HEAD", version: .http1_1, keepAlive: true)
        )
        #expect(finished.fields["Content-Length"] == "7")
        #expect(finished.body.isEmpty)
    }

    @Test("1xx, 204 and 304 carry no body and no Content-Length", arguments: [100, 204, 304])
    func noBody(status: HTTPStatus) {
        let finished = Self.finish(HTTPResponse(status: status, headers: ["Content-Length": "4"], text: "body"))
        #expect(finished.body.isEmpty)
        #expect(!finished.fields.contains("Content-Length"))
    }

    @Test("a status outside 100-999 becomes 500", arguments: [0, 99, 1000, -1])
    func badStatus(code: Int) {
        let status = HTTPStatus(code: code)
        #expect(Self.finish(HTTPResponse(status: status)).status == 500)
        #expect(Self.finish(HTTPResponse(status: status)).reasonPhrase == "Internal Server Error")
    }

    @Test("Connection: close when the request or the handler asks for it, or when the body is cut short")
    func closing() {
        let byRequest = Self.finish(HTTPResponse(status: 200), FinishedResponse.Request(method: "GET", version: .http1_1, keepAlive: false))
        let byHandler = Self.finish(HTTPResponse(status: 200, headers: ["Connection": "upgrade , CLOSE"]))
        let cut = Self.finish(HTTPResponse(status: 200, text: "0123456789"), bodyLimit: 4)
        for finished in [byRequest, byHandler, cut] {
            #expect(!finished.keepAlive)
            #expect(finished.fields.values(for: "Connection") == ["close"])
        }
        #expect(Array(cut.body) == Array("0123".utf8))
        #expect(cut.fields["Content-Length"] == "10")
        #expect(Self.finish(HTTPResponse(status: 200, text: "ab"), bodyLimit: -3).body.isEmpty)
    }

    @Test("an HTTP/1.0 connection kept open is told so; an HTTP/1.1 one is not")
    func keepAliveFor10() {
        let old = Self.finish(HTTPResponse(status: 200), FinishedResponse.Request(method: "GET", version: .http1_0, keepAlive: true))
        #expect(old.fields["Connection"] == "keep-alive")
        #expect(!Self.finish(HTTPResponse(status: 200)).fields.contains("Connection"))
    }
}
