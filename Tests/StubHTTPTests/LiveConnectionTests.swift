import Foundation
import StubHTTP
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Keep-alive, pipelining, HTTP/1.0, HEAD and Connection: close over real sockets.
@Suite("Live: connections")
struct LiveConnectionTests {
    @Test("URLSession: GET, then POST with a body, on a kept-alive connection")
    func urlSessionGetAndPost() async throws {
        try await withLiveServer { _, port in
            let session = makeTestSession()
            let (getBody, getResponse) = try await session.data(from: try #require(URL(string: "http://127.0.0.1:\(port)/hello?x=1")))
            let get = try #require(getResponse as? HTTPURLResponse)
            #expect(get.statusCode == 200)
            #expect(String(decoding: getBody, as: UTF8.self) == "GET /hello?x=1 ")
            #expect(get.value(forHTTPHeaderField: "Server") == "AuthStub")
            #expect(get.value(forHTTPHeaderField: "Date")?.hasSuffix(" GMT") == true)

            var post = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/login")))
            post.httpMethod = "POST"
            post.httpBody = Data("{\"a\":1}".utf8)
            let (postBody, _) = try await session.data(for: post)
            #expect(String(decoding: postBody, as: UTF8.self) == "POST /login {\"a\":1}")
        }
    }

    @Test("Requests on one kept-alive connection are answered one after another")
    func keepAlive() async throws {
        try await withLiveServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            for index in 0..<5 {
                try await connection.send("GET /\(index) HTTP/1.1\r\nHost: a\r\n\r\n")
                let response = try await connection.response()
                #expect(response.status == 200)
                #expect(response.text == "GET /\(index) ")
                #expect(response.header("Connection") == nil)
            }
        }
    }

    @Test("Pipelined requests are answered in order even when earlier ones take longer")
    func pipeliningKeepsOrder() async throws {
        let slowFirst: HTTPServer.Handler = { request in
            let delay: Duration = request.path == "/1" ? .milliseconds(150) : .zero
            return .respond(HTTPResponse(status: 200, text: request.path), after: delay)
        }
        try await withLiveServer(handler: slowFirst) { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.1\r\nHost: a\r\n\r\n")
            let responses = try await connection.responses(3)
            #expect(responses.map(\.text) == ["/1", "/2", "/3"])
        }
    }

    @Test("Connection: close answers the first request, ignores the pipelined one, and closes")
    func connectionClose() async throws {
        try await withLiveServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("GET /first HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /second HTTP/1.1\r\nHost: a\r\n\r\n")
            let (bytes, closed) = await connection.receiveUntilClosed()
            #expect(closed)
            let (response, rest) = try #require(RawResponse.parse(bytes[...], isHead: false))
            #expect(response.text == "GET /first ")
            #expect(response.header("Connection") == "close")
            #expect(rest.isEmpty)
        }
    }

    @Test("HTTP/1.0 is answered and closed; with keep-alive it stays open and says so")
    func http10() async throws {
        try await withLiveServer { _, port in
            let plain = try await RawConnection.connect(port: port)
            try await plain.send("GET /old HTTP/1.0\r\n\r\n")
            let (bytes, closed) = await plain.receiveUntilClosed()
            #expect(closed)
            let response = try #require(RawResponse.parse(bytes[...], isHead: false)).0
            #expect(response.status == 200)
            #expect(response.header("Transfer-Encoding") == nil)

            let kept = try await RawConnection.connect(port: port)
            for _ in 0..<2 {
                try await kept.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let again = try await kept.response()
                #expect(again.header("Connection") == "keep-alive")
            }
        }
    }

    @Test("HEAD gets GET's Content-Length and no body; a pipelined GET still parses")
    func head() async throws {
        try await withLiveServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("HEAD /x HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n")
            let responses = try await connection.responses(2, headRequests: [0])
            #expect(responses[0].body.isEmpty)
            #expect(responses[0].header("Content-Length") == "HEAD /x ".utf8.count.description)
            #expect(responses[1].text == "GET /x ")
        }
    }

    @Test("204, 304 and 1xx carry no body, and 204 no Content-Length", arguments: [204, 304])
    func noBodyStatuses(status: HTTPStatus) async throws {
        let handler: HTTPServer.Handler = { _ in .respond(HTTPResponse(status: status, text: "must not be sent")) }
        try await withLiveServer(handler: handler) { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
            let responses = try await connection.responses(2)
            #expect(responses.allSatisfy { $0.status == status && $0.body.isEmpty && $0.header("Content-Length") == nil })
        }
    }

    @Test("Expect: 100-continue gets 100 Continue before the body is sent")
    func expectContinue() async throws {
        try await withLiveServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            let interim = try await connection.response()
            #expect(interim.status == 100)
            try await connection.send("hello")
            let final = try await connection.response()
            #expect(final.status == 200)
            #expect(final.text == "POST /up hello")
        }
    }

    @Test("A body over the limit is refused with 413 before it is sent")
    func bodyTooLargeRefusedEarly() async throws {
        try await withLiveServer(configure: { $0.limits.maxBodyBytes = 1024 }) { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000000\r\nExpect: 100-continue\r\n\r\n")
            let (bytes, closed) = await connection.receiveUntilClosed()
            let response = try #require(RawResponse.parse(bytes[...], isHead: false)).0
            #expect(response.status == 413)
            #expect(response.header("Connection") == "close")
            #expect(closed)
        }
    }

    @Test("Chunked request bodies reach the handler de-chunked")
    func chunkedBody() async throws {
        try await withLiveServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send(
                "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"
            )
            let response = try await connection.response()
            #expect(response.text == "POST /c hello world")
        }
    }

    @Test("A request and then a half-close still gets its full response")
    func halfCloseAfterRequest() async throws {
        try await withLiveServer { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("GET /bye HTTP/1.1\r\nHost: a\r\n\r\n")
            await connection.shutdownWrite()
            let (bytes, closed) = await connection.receiveUntilClosed()
            #expect(try #require(RawResponse.parse(bytes[...], isHead: false)).0.text == "GET /bye ")
            #expect(closed)
        }
    }

    @Test("The handler sees peer, path, query, headers in order and a connection id")
    func requestDetails() async throws {
        let seen = RequestBox()
        let handler: HTTPServer.Handler = { request in
            seen.store(request)
            return .respond(HTTPResponse(status: 204))
        }
        try await withLiveServer(handler: handler) { _, port in
            let connection = try await RawConnection.connect(port: port)
            try await connection.send("GET /p/a?b=c&d HTTP/1.1\r\nHost: a\r\nX-First: 1\r\nx-second: 2\r\n\r\nGET /again HTTP/1.1\r\nHost: a\r\n\r\n")
            _ = try await connection.responses(2)
            let requests = seen.all
            try #require(requests.count == 2)
            #expect(requests[0].path == "/p/a")
            #expect(requests[0].query == "b=c&d")
            #expect(requests[0].peer.hasPrefix("127.0.0.1:"))
            #expect(Array(requests[0].headers).map(\.name) == ["Host", "X-First", "x-second"])
            #expect(requests[0].headers["X-SECOND"] == "2")
            #expect(requests[0].connectionID == requests[1].connectionID)
        }
    }
}

/// Collects the requests a handler saw.
final class RequestBox: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [HTTPRequest] = []
    func store(_ request: HTTPRequest) { lock.withLock { requests.append(request) } }
    var all: [HTTPRequest] { lock.withLock { requests } }
}
