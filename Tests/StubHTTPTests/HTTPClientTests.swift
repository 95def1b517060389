import TestSupport
import Testing

@testable import StubHTTP

/// The request writer's bytes, and the client against a live server.
@Suite("HTTP client")
struct HTTPClientTests {
    /// Runs blocking client calls on a thread of their own (`onOwnThread`).
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await onOwnThread(work)
    }

    static func text(_ response: ParsedResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test("the writer: request line, Host unless given, fields in order, Content-Length for a body or a POST, Connection: close last")
    func writer() throws {
        let post = HTTPClientRequest(
            method: "POST",
            target: "/login?x=1",
            headers: ["Accept": "*/*", "content-length": "99", "Connection": "keep-alive"],
            body: Array("{}".utf8)
        )
        #expect(
            String(decoding: try RequestSerializer.bytes(post, authority: "[::1]:8080", closing: true), as: UTF8.self)
                == "POST /login?x=1 HTTP/1.1\r\nHost: [::1]:8080\r\nAccept: */*\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
        )
        let get = HTTPClientRequest(method: "GET", target: "/", headers: ["host": "example.test"])
        #expect(
            String(decoding: try RequestSerializer.bytes(get, authority: "a", closing: false), as: UTF8.self)
                == "GET / HTTP/1.1\r\nhost: example.test\r\n\r\n"
        )
        let emptyPut = HTTPClientRequest(method: "PUT", target: "/x")
        #expect(
            String(decoding: try RequestSerializer.bytes(emptyPut, authority: "a", closing: false), as: UTF8.self)
                == "PUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n"
        )
    }

    @Test(
        "the writer refuses bytes that would change the request's meaning",
        arguments: [
            HTTPClientRequest(method: "GET", target: "/a b"),
            HTTPClientRequest(method: "GE T", target: "/"),
            HTTPClientRequest(method: "GET", target: ""),
            HTTPClientRequest(method: "GET", target: "/", headers: ["X-A": "1\r\nX-Injected: 2"]),
            HTTPClientRequest(method: "GET", target: "/", headers: ["X A": "1"]),
        ]
    )
    func writerRefuses(request: HTTPClientRequest) {
        #expect(throws: HTTPClientError.self) { try RequestSerializer.bytes(request, authority: "a", closing: false) }
        do {
            _ = try RequestSerializer.bytes(request, authority: "a", closing: false)
        } catch {
            #expect(error.kind == .invalidRequest)
        }
    }

    @Test("the Host authority brackets IPv6 literals and leaves out port 80")
    func authority() {
        #expect(HTTPClient(host: "127.0.0.1", port: 8080).authority == "127.0.0.1:8080")
        #expect(HTTPClient(host: "::1", port: 80).authority == "[::1]")
        #expect(HTTPClient(host: "::1", port: 9).authority == "[::1]:9")
        #expect(HTTPClient(host: "example.test", port: 80).authority == "example.test")
    }

    @Test("keep-alive: two requests share one connection; a Connection: close answer makes the next one connect again")
    func keepAlive() async throws {
        let handler: HTTPServer.Handler = { request in
            let headers: HTTPHeaders = request.path == "/close" ? ["Connection": "close"] : [:]
            return .respond(HTTPResponse(status: 200, headers: headers, text: "\(request.method) \(request.path) \(request.connectionID)"))
        }
        try await withLiveServer(handler: handler) { _, port in
            let (texts, connections) = try await Self.blocking { () throws in
                let client = HTTPClient(port: port)
                var texts: [String] = []
                for path in ["/a", "/b", "/close", "/c"] {
                    texts.append(Self.text(try client.send(HTTPClientRequest(method: "GET", target: path))))
                }
                return (texts, client.connectionCount)
            }
            #expect(texts.map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == ["GET /a", "GET /b", "GET /close", "GET /c"])
            let ids = texts.map { $0.split(separator: " ").last.map(String.init) ?? "" }
            #expect(ids[0] == ids[1] && ids[1] == ids[2] && ids[2] != ids[3])
            #expect(connections == 2)
        }
    }

    @Test("without keepAlive every request says Connection: close and gets its own connection")
    func noKeepAlive() async throws {
        let handler: HTTPServer.Handler = { request in
            .respond(HTTPResponse(status: 200, text: request.headers["Connection"] ?? "none"))
        }
        try await withLiveServer(handler: handler) { _, port in
            let (texts, connections) = try await Self.blocking { () throws in
                let client = HTTPClient(port: port, keepAlive: false)
                let texts = [
                    try client.send(HTTPClientRequest(method: "GET", target: "/")), try client.send(HTTPClientRequest(method: "GET", target: "/")),
                ].map(Self.text)
                return (texts, client.connectionCount)
            }
            #expect(texts == ["close", "close"])
            #expect(connections == 2)
        }
    }

    @Test("a redirect is returned, never followed; HEAD gets no body")
    func redirectAndHead() async throws {
        let handler: HTTPServer.Handler = { request in
            request.path == "/old"
                ? .respond(HTTPResponse(status: 302, headers: ["Location": "/new"], text: "moved"))
                : .respond(HTTPResponse(status: 200, text: "new"))
        }
        try await withLiveServer(handler: handler) { _, port in
            let (redirect, head, after) = try await Self.blocking { () throws in
                let client = HTTPClient(port: port)
                return (
                    try client.send(HTTPClientRequest(method: "GET", target: "/old")),
                    try client.send(HTTPClientRequest(method: "HEAD", target: "/new")),
                    try client.send(HTTPClientRequest(method: "GET", target: "/new"))
                )
            }
            #expect(redirect.status == 302 && redirect.headers["Location"] == "/new" && Self.text(redirect) == "moved")
            #expect(head.status == 200 && head.body.isEmpty && head.headers["Content-Length"] == "3")
            #expect(Self.text(after) == "new")
        }
    }

    @Test("connection faults and limits come back as errors of their kind; the next request connects again")
    func errors() async throws {
        let handler: HTTPServer.Handler = { request in
            switch request.path {
            case "/drop": .drop
            case "/reset": .reset
            case "/truncated": .truncated(HTTPResponse(status: 200, text: "0123456789"), bodyBytes: 4)
            case "/slow": .respond(HTTPResponse(status: 200, text: "late"), after: .seconds(120))
            default: .respond(HTTPResponse(status: 200, text: String(repeating: "x", count: 100)))
            }
        }
        try await withLiveServer(handler: handler) { _, port in
            let (kinds, connections) = try await Self.blocking { () -> ([String: HTTPClientError.Kind], Int) in
                let client = HTTPClient(port: port, limits: HTTPResponseParser.Limits(maxBodyBytes: 50))
                let impatient = HTTPClient(port: port, timeout: .seconds(1))
                var kinds: [String: HTTPClientError.Kind] = [:]
                for path in ["/drop", "/reset", "/truncated", "/big", "/slow"] {
                    do throws(HTTPClientError) {
                        _ = try (path == "/slow" ? impatient : client).send(HTTPClientRequest(method: "GET", target: path))
                    } catch {
                        kinds[path] = error.kind
                    }
                }
                return (kinds, client.connectionCount)
            }
            #expect(kinds == ["/drop": .closed, "/reset": .closed, "/truncated": .closed, "/big": .tooLarge, "/slow": .timedOut])
            #expect(connections == 4)
        }
    }

    @Test("nobody listening: connectFailed")
    func refused() async throws {
        // A port bound and not listening, held until the end: no other test's server can take it.
        let taken = try Socket.bindWithoutListening(host: "127.0.0.1", port: 0)
        defer { closeDescriptor(taken.fd) }
        let port = taken.port
        let error = try await Self.blocking { () -> HTTPClientError? in
            do throws(HTTPClientError) {
                _ = try HTTPClient(port: port).send(HTTPClientRequest(method: "GET", target: "/"))
                return nil
            } catch {
                return error
            }
        }
        #expect(error?.kind == .connectFailed)
    }
}
