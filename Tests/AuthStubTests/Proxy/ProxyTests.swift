import Foundation
import StubHTTP
import TestSupport
import Testing

@testable import AuthStub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `proxyUnmatched` and a service's `"proxy"`: requests no fixture matches go to a real
/// upstream started by the test, and its answer comes back as sent, except for what a browser on
/// this server needs changed.
@Suite("Proxying unmatched requests")
struct ProxyTests {
    /// `hello, proxied world`, gzip-compressed.
    static let gzipped: [UInt8] = [
        31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 203, 72, 205, 201, 201, 215, 81, 40, 40, 202, 175, 200, 76, 77, 81, 40, 207, 47, 202, 73, 1, 0,
        125, 247, 192, 250, 20, 0, 0, 0,
    ]

    /// The upstream of most tests: `/base/gzip` a gzip-encoded text, anything else a 201 with
    /// cookies, a `Location` on itself and hop-by-hop fields, its body naming the request.
    static let answer: @Sendable (HTTPRequest) -> HTTPAction = { request in
        if request.path == "/base/gzip" {
            return .respond(HTTPResponse(status: 200, headers: ["Content-Type": "text/plain", "Content-Encoding": "gzip"], body: gzipped))
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "X-Upstream", value: "yes")
        headers.add(name: "Location", value: "http://\(request.headers["Host"] ?? "")/base/next?step=2")
        headers.add(name: "Set-Cookie", value: "session=abc; Domain=example.com; Path=/; Secure; HttpOnly; SameSite=None")
        headers.add(name: "Set-Cookie", value: "theme=dark; Path=/")
        headers.add(name: "Keep-Alive", value: "timeout=5")
        return .respond(HTTPResponse(status: 201, headers: headers, text: #"{"upstream":"\#(request.method) \#(request.target)"}"#))
    }

    @Test(
        "raw socket: an unmatched request goes upstream without its hop-by-hop fields, with Host and X-Forwarded-*; the answer comes back with Location and cookies rewritten; journaled with proxiedTo and the password hidden; recorded as sent"
    )
    func forwardsAndRewrites() async throws {
        try await TestUpstream.with(Self.answer) { upstream in
            var options = AuthStubServer.Options()
            options.proxyUnmatched = upstream.url.appendingPathComponent("base")
            let recording = Recording()
            options.recording = recording
            try await withStub(options) { stub in
                let port = try #require(stub.port)
                let body = #"{"name":"x","password":"hunter2"}"#
                let connection = try await RawConnection.connect(port: port)
                try await connection.send(
                    "POST /things/42?q=1 HTTP/1.1\r\nHost: localhost:\(port)\r\nContent-Type: application/json\r\n"
                        + "Connection: keep-alive, X-Hop\r\nX-Hop: hop\r\nKeep-Alive: timeout=9\r\nProxy-Authorization: Basic eDp5\r\n"
                        + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
                )
                let response = try await connection.response()
                #expect(response.status == 201)
                #expect(response.text == #"{"upstream":"POST /base/things/42?q=1"}"#)
                #expect(response.header("X-Upstream") == "yes")
                #expect(response.header("Location") == "http://localhost:\(port)/next?step=2")
                #expect(response.header("Keep-Alive") == nil)
                #expect(
                    response.headers.filter { $0.name == "Set-Cookie" }.map(\.value) == [
                        "session=abc; Path=/; HttpOnly; SameSite=Lax", "theme=dark; Path=/",
                    ]
                )

                let sent = try #require(upstream.requests.last)
                let upstreamPort = try #require(upstream.url.port)
                #expect(sent.headers["Host"] == "127.0.0.1:\(upstreamPort)")
                #expect(sent.headers["X-Forwarded-For"] == "127.0.0.1")
                #expect(sent.headers["X-Forwarded-Host"] == "localhost:\(port)")
                #expect(sent.headers["X-Forwarded-Proto"] == "http")
                #expect(sent.headers["Content-Type"] == "application/json")
                for hop in ["X-Hop", "Keep-Alive", "Proxy-Authorization"] { #expect(sent.headers[hop] == nil, "\(hop) was forwarded") }
                #expect(sent.body == Array(body.utf8))

                let entry = try #require(stub.lastEntry)
                #expect(entry.proxiedTo == "http://127.0.0.1:\(upstreamPort)/base/things/42")
                #expect(entry.status == 201)
                #expect(entry.service == nil)
                #expect(!entry.body.contains("hunter2"))
                #expect(entry.headers.first { $0.name == "Proxy-Authorization" }?.value.contains("eDp5") == false)

                let exchange = try #require(recording.exchanges.first)
                #expect(recording.exchanges.count == 1)
                #expect(exchange.method == "POST" && exchange.path == "/things/42" && exchange.query == "q=1")
                #expect(exchange.requestBody == Array(body.utf8))
                #expect(exchange.requestHeaders.contains(HTTPHeaderField("Proxy-Authorization", "Basic eDp5")))
                #expect(exchange.status == 201)
                #expect(exchange.responseHeaders.contains { $0.name == "Set-Cookie" && $0.value.contains("Domain=example.com") })
                #expect(exchange.responseHeaders.contains { $0.name == "Location" && $0.value.hasSuffix("/base/next?step=2") })
                #expect(exchange.upstream == options.proxyUnmatched)
            }
        }
    }

    @Test("raw socket: a gzip-encoded body comes back byte for byte, Content-Encoding kept")
    func gzipUntouched() async throws {
        try await TestUpstream.with(Self.answer) { upstream in
            var options = AuthStubServer.Options()
            options.proxyUnmatched = upstream.url.appendingPathComponent("base")
            try await withStub(options) { stub in
                let connection = try await RawConnection.connect(port: try #require(stub.port))
                try await connection.send("GET /gzip HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\n\r\n")
                let response = try await connection.response()
                #expect(response.status == 200)
                #expect(response.header("Content-Encoding") == "gzip")
                #expect(response.body == Self.gzipped)
                #expect(upstream.requests.last?.headers["Accept-Encoding"] == "gzip")

                // An absolute-form target naming another host goes to the configured upstream only.
                try await connection.send("GET http://evil.example/abs HTTP/1.1\r\nHost: evil.example\r\n\r\n")
                #expect(try await connection.response().status == 201)
                let sent = try #require(upstream.requests.last)
                #expect(sent.target == "/base/abs")
                #expect(sent.headers["Host"] == "127.0.0.1:\(upstream.url.port ?? 0)")
            }
        }
    }

    @Test(
        "both transports: unmatched → the upstream's answer, matched → faked, CORS on the proxied answer, preflights answered here",
        arguments: TransportUnderTest.startedPair
    )
    func transports(_ transport: TransportUnderTest) async throws {
        try await TestUpstream.with(Self.answer) { upstream in
            var options = AuthStubServer.Options()
            options.proxyUnmatched = upstream.url.appendingPathComponent("base")
            try await withTransport(transport, options) { client in
                let proxied = try await client.send("GET", "/things/7", headers: ["Origin": "http://localhost:3000"])
                #expect(proxied.status == 201)
                #expect(proxied.text == #"{"upstream":"GET /base/things/7"}"#)
                #expect(proxied.header("Access-Control-Allow-Origin") == "http://localhost:3000")
                #expect(proxied.header("Access-Control-Expose-Headers")?.contains("X-Upstream") == true)
                #expect(client.stub.lastEntry?.proxiedTo?.hasSuffix("/base/things/7") == true)

                // Over a socket URLSession decodes the gzip that came through intact; a URLProtocol's
                // data is handed over as it is.
                let gzip = try await client.send("GET", "/gzip")
                if transport.isInProcess {
                    #expect(Array(gzip.body) == Self.gzipped)
                } else {
                    #expect(gzip.text == "hello, proxied world")
                }

                let login = try await client.wiceLogin()
                #expect(login.status == 201)
                #expect(login.header("auth-token") != nil)

                let before = upstream.requests.count
                let preflight = try await client.send(
                    "OPTIONS",
                    "/things/7",
                    headers: ["Origin": "http://localhost:3000", "Access-Control-Request-Method": "PUT"]
                )
                #expect(preflight.status == 204)
                #expect(upstream.requests.count == before)
            }
        }
    }

    @Test(
        "both transports: an upstream that is down, answers garbage or is too slow gives 502 / 502 / 504 with the reason, journaled",
        arguments: TransportUnderTest.startedPair
    )
    func failures(_ transport: TransportUnderTest) async throws {
        let taken = try Socket.bindWithoutListening(host: "127.0.0.1", port: 0)
        defer { closeDescriptor(taken.fd) }
        let garbage = try GarbageUpstream()
        defer { garbage.stop() }
        try await TestUpstream.with({ _ in .respond(HTTPResponse(status: 200, text: "late"), after: .seconds(20)) }) { slow in
            let cases: [(URL, HTTPStatus, String)] = [
                (try #require(URL(string: "http://127.0.0.1:\(taken.port)")), 502, "cannot connect to the upstream http://127.0.0.1:\(taken.port)"),
                (garbage.url, 502, "the upstream \(garbage.url.absoluteString)"),
                (slow.url, 504, "gave no complete answer within"),
            ]
            for (url, status, reason) in cases {
                var options = AuthStubServer.Options()
                options.proxyUnmatched = url
                options.proxyTimeout = .milliseconds(500)
                try await withTransport(transport, options) { client in
                    let response = try await client.send("GET", "/anything")
                    #expect(response.status == status.code, "\(url)")
                    let error = try #require(response.json?["error"] as? String)
                    #expect(error.contains(reason), "\(error)")
                    #expect(client.stub.lastEntry?.reason == error)
                    #expect(client.stub.lastEntry?.status == status)
                    #expect(client.stub.lastEntry?.proxiedTo == url.absoluteString + "/anything")
                }
            }
        }
    }

    @Test("a service's proxy takes unmatched requests under its base path (its 405 too); others go to proxyUnmatched; its fixtures stay faked")
    func perServiceProxy() async throws {
        try await TestUpstream.with({ .respond(HTTPResponse(status: 200, text: "service upstream: \($0.target)")) }) { serviceUpstream in
            try await TestUpstream.with({ .respond(HTTPResponse(status: 200, text: "global upstream: \($0.target)")) }) { globalUpstream in
                try await withTemporaryFolder { folder in
                    let api = try ProxyFixtures.write(proxy: serviceUpstream.url.absoluteString, in: folder)
                    var options = AuthStubServer.Options(fixtures: [.directory(api)])
                    options.proxyUnmatched = globalUpstream.url
                    try await withStub(options) { stub in
                        #expect(try await stub.send("GET", "/api/other?x=1").text == "service upstream: /api/other?x=1")
                        #expect(try await stub.send("DELETE", "/api/me").text == "service upstream: /api/me")
                        #expect(try await stub.send("GET", "/elsewhere").text == "global upstream: /elsewhere")
                        let faked = try await stub.send("GET", "/api/me")
                        #expect(faked.text == #"{"faked":true}"#)
                        #expect(serviceUpstream.requests.count == 2)
                        #expect(globalUpstream.requests.count == 1)

                        // GET /__control/requests shows proxiedTo, and ControlClient reads it back.
                        let raw = try await stub.send("GET", "/__control/requests")
                        let listed = try #require(raw.json?["requests"] as? [[String: Any]])
                        #expect(listed.compactMap { $0["proxiedTo"] as? String }.count == 3)
                        let client = ControlClient(baseURL: stub.baseURL, session: makeTestSession())
                        let page = try await client.requests(JournalFilter(), limit: nil, after: nil)
                        #expect(page.entries.map(\.proxiedTo) == stub.journal.map(\.proxiedTo))
                        #expect(page.entries.first { $0.path == "/elsewhere" }?.proxiedTo == globalUpstream.url.absoluteString + "/elsewhere")
                    }
                }
            }
        }
    }

    @Test("a route whose endpoints' match none holds (the unmatched refusal) forwards under a service proxy; openapi documents its 502 and 504")
    func unmatchedEndpointSet() async throws {
        try await TestUpstream.with({ .respond(HTTPResponse(status: 200, text: "upstream: \($0.target)")) }) { upstream in
            try await withTemporaryFolder { folder in
                let api = try ProxyFixtures.write(proxy: upstream.url.absoluteString, in: folder)
                try await withStub(AuthStubServer.Options(fixtures: [.directory(api)])) { stub in
                    #expect(try await stub.send("GET", "/api/things?kind=a").text == #"{"kind":"a"}"#)
                    #expect(try await stub.send("GET", "/api/things?kind=b").text == "upstream: /api/things?kind=b")
                    #expect(stub.lastEntry?.proxiedTo == upstream.url.absoluteString + "/api/things")

                    let document = try #require(OpenAPIDocument.make(stub.fixtures).objectValue)
                    let paths = try #require(document["paths"]?.objectValue)
                    let things = try #require(paths["/api/things"]?.objectValue?["get"]?.objectValue?["responses"]?.objectValue)
                    #expect(things["502"] != nil && things["504"] != nil)
                    let me = try #require(paths["/api/me"]?.objectValue?["get"]?.objectValue?["responses"]?.objectValue)
                    #expect(me["502"] == nil)  // no match: nothing there is forwarded
                    let tag = try #require(document["tags"]?.arrayValue?.first?.objectValue)
                    #expect(tag["name"] == .string("api"))
                    #expect(tag["description"]?.stringValue?.contains(upstream.url.absoluteString) == true)
                }
            }
        }
    }

    @Test("faults apply to proxied requests: a status fault answers without a forward, a delay is waited out then forwarded, a drop closes")
    func faults() async throws {
        try await TestUpstream.with(Self.answer) { upstream in
            var options = AuthStubServer.Options()
            options.proxyUnmatched = upstream.url.appendingPathComponent("base")
            try await withStub(options) { stub in
                let status = try await stub.addFault(.status(418), match: FaultMatch(path: "/teapot"))
                let teapot = try await stub.send("GET", "/teapot")
                #expect(teapot.status == 418)
                #expect(upstream.requests.isEmpty)
                #expect(stub.lastEntry?.fault == status.id)

                let delay = try await stub.addFault(.delay(.milliseconds(50)), match: FaultMatch(path: "/slowly"))
                let slowly = try await stub.send("GET", "/slowly")
                #expect(slowly.status == 201)
                #expect(slowly.header("X-AuthStub-Fault") == delay.id)
                #expect(stub.lastEntry?.fault == delay.id)
                #expect(stub.lastEntry?.proxiedTo?.hasSuffix("/base/slowly") == true)

                _ = try await stub.addFault(.drop, match: FaultMatch(path: "/dropped"))
                await #expect(throws: URLError.self) { try await stub.send("GET", "/dropped") }
                #expect(upstream.requests.count == 1)

                // malformed: the upstream's answer is forwarded, and its body breaks off.
                _ = try await stub.addFault(.malformed, match: FaultMatch(path: "/cut"))
                let connection = try await RawConnection.connect(port: try #require(stub.port), sending: "GET /cut HTTP/1.1\r\nHost: a\r\n\r\n")
                let received = String(decoding: await connection.receiveUntilClosed().bytes, as: UTF8.self)
                let expected = #"{"upstream":"GET /base/cut"}"#
                #expect(received.hasPrefix("HTTP/1.1 201"))
                #expect(received.contains("Content-Length: \(expected.utf8.count)\r\n"))
                #expect(!received.hasSuffix(expected))
                #expect(upstream.requests.count == 2)
            }
        }
    }

    @Test("a proxyUnmatched or a service proxy that is not an http(s) URL with a host is refused with a sentence")
    func badTargets() async throws {
        for (text, reason) in [
            ("ftp://example.com", "only http and https"), ("http://user:pw@example.com", "user name or password"),
            ("https://example.com/api?x=1", "has a query"), ("http:///nohost", "names no host"),
        ] {
            var options = AuthStubServer.Options()
            options.proxyUnmatched = URL(string: text)
            do throws(FixtureLoadError) {
                _ = try AuthStubServer(options: options)
                Issue.record("\(text) was taken")
            } catch {
                #expect(error.problems.count == 1)
                #expect(error.problems.first?.path == "proxyUnmatched")
                #expect(error.problems.first?.reason.contains(reason) == true, "\(error)")
            }
            try await withTemporaryFolder { folder in
                let api = try ProxyFixtures.write(proxy: text, in: folder)
                do throws(FixtureLoadError) {
                    _ = try AuthStubServer.loadFixtures([.directory(api)])
                    Issue.record("\(text) was taken in a fixture")
                } catch {
                    #expect(error.problems.map(\.path) == ["$.proxy"])
                    #expect(error.problems.first?.reason.contains(reason) == true, "\(error)")
                }
            }
        }
    }
}

/// An `https` upstream goes through URLSession; one that cannot be reached is a 502 naming it.
@Suite("Proxying to https")
struct SecureProxyTests {
    @Test("an https upstream nobody listens on: 502 with the upstream named, through URLSession")
    func unreachable() async throws {
        let taken = try Socket.bindWithoutListening(host: "127.0.0.1", port: 0)
        defer { closeDescriptor(taken.fd) }
        var options = AuthStubServer.Options()
        options.proxyUnmatched = URL(string: "https://127.0.0.1:\(taken.port)/api")
        options.proxyTimeout = .seconds(5)
        try await withStub(options) { stub in
            let response = try await stub.send("GET", "/orders")
            #expect(response.status == 502)
            let error = try #require(response.json?["error"] as? String)
            #expect(error.hasPrefix("the upstream https://127.0.0.1:\(taken.port)/api gave no usable answer: "), "\(error)")
            #expect(stub.lastEntry?.proxiedTo == "https://127.0.0.1:\(taken.port)/api/orders")
        }
    }
}

/// The cap on forwards in flight: past it, a request is answered at once with a 503.
@Suite("Proxying: forwards in flight")
struct ProxyInFlightTests {
    /// Holds every answer until `open()`, off Swift's cooperative pool: tests that block the pool
    /// (`blockingCooperativePool`, up to 10 s each) run in the same process, and an upstream
    /// answering from a task waited such a block out before any held answer could go. Once, on
    /// a machine loaded with two callgrind runs beside `swift test`, a held answer missed the
    /// 30 s the test gives it.
    final class Gate: Sendable {
        private let state = Locked<(open: Bool, waiting: [@Sendable () -> Void])>((false, []))

        /// Runs `answer` once the gate is open; on a thread of its own when it is open already.
        func pass(_ answer: @escaping @Sendable () -> Void) {
            let open = state.withLock { state in
                if !state.open { state.waiting.append(answer) }
                return state.open
            }
            if open { Thread { answer() }.start() }
        }

        /// Opens the gate and runs every answer held until now.
        func open() {
            let waiting = state.withLock { state in
                state.open = true
                defer { state.waiting = [] }
                return state.waiting
            }
            for answer in waiting { answer() }
        }
    }

    @Test("with 64 forwards waiting on the upstream, the next request gets a 503 saying so; the 64 are answered once it answers")
    func cap() async throws {
        let gate = Gate()
        let arrived = Locked(0)
        var configuration = HTTPServer.Configuration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        // The handler runs on the upstream's event loop and hands its answer to the gate: no task.
        let upstream = HTTPServer(
            configuration: configuration,
            answering: { request in
                arrived.withLock { $0 += 1 }
                return .pending { deliver in gate.pass { deliver(.respond(HTTPResponse(status: 200, text: "late \(request.path)"))) } }
            }
        )
        try await upstream.start()
        defer { gate.open() }
        var options = AuthStubServer.Options()
        options.proxyUnmatched = URL(string: "http://127.0.0.1:\(try #require(upstream.port))")
        try await withStub(options) { stub in
            let port = try #require(stub.port)
            var waiting: [RawConnection] = []
            for index in 0..<Forwarders.inFlightLimit {
                waiting.append(try await RawConnection.connect(port: port, sending: "GET /held/\(index) HTTP/1.1\r\nHost: a\r\n\r\n"))
            }
            while arrived.withLock({ $0 }) < Forwarders.inFlightLimit { try await Task.sleep(for: .milliseconds(10)) }
            let refused = try await RawConnection.connect(port: port, sending: "GET /one-more HTTP/1.1\r\nHost: a\r\n\r\n").response()
            #expect(refused.status == 503)
            #expect(refused.text.contains("64 requests are being forwarded already"))
            gate.open()
            for (index, connection) in waiting.enumerated() {
                let response = try await connection.response()
                #expect(response.status == 200)
                #expect(response.text == "late /held/\(index)")
            }
        }
        await upstream.stop()
    }
}
