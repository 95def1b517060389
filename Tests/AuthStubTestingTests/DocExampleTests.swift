import AuthStub
import AuthStubTesting
import Foundation
import StubHTTP
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The short examples of the DocC articles and the README, verbatim between the marked lines
/// (DocSnippetTests checks that the docs still match), each followed by a check that it did
/// what the doc says.
@Suite("Doc examples: short snippets")
struct DocExampleTests {
    /// AuthStub's landing page.
    @Test func landingPage() async throws {
        // AuthStub.md
        let stub = try await AuthStubServer.start()  // bundled fixtures, 127.0.0.1, a free port
        print(stub.baseURL)  // http://127.0.0.1:53122
        try await stub.addFault(.unauthorized, times: 1)
        try await stub.advanceClock(by: .seconds(8 * 3600))
        await stub.stop()
        // end

        #expect(stub.baseURL.absoluteString.hasPrefix("http://127.0.0.1:"))
        #expect(try await stub.faults().map(\.fault.kind) == [.unauthorized])
        #expect(try await stub.clock().offset >= .seconds(8 * 3600))
    }

    /// AuthStubTesting's Testing Without a Socket: a server that never starts answers the
    /// socket-free transport.
    @Test func socketFreeTransport() async throws {
        // SocketFreeTransport.md
        let stub = try AuthStubServer()  // no socket
        let session = URLSession(configuration: stub.inProcessConfiguration)
        let (data, _) = try await session.data(from: stub.baseURL.appendingPathComponent("__control/status"))
        // end

        #expect(stub.port == nil)
        #expect(stub.baseURL.host?.hasSuffix(".invalid") == true)
        let status = try JSONValue.parse(Array(data))
        #expect(status["version"]?.stringValue?.isEmpty == false)
    }

    /// The README's failures, one call each, on a token from a real login.
    @Test func readmeFailures() async throws {
        try await withAuthStub { stub in
            let token = try await stub.mintToken(service: "wice").token
            // README.md
            try await stub.addFault(.unauthorized, times: 1)  // the next request gets 401
            try await stub.addFault(.status(503, headers: [HTTPHeaderField("Retry-After", "0")]), times: 2)
            try await stub.expireToken(token)
            try await stub.setDeprecation(DeprecationChange(method: "POST", path: "/m2m/v1/auth/logout", phase: .removed))
            // end

            #expect(try await stub.faults().count == 2)
            #expect(try await stub.tokens().first { $0.token == token }?.state == .expired)
            #expect(try await stub.deprecations().first { $0.method == "POST" }?.phase == .removed)
        }
    }

    /// The Architecture article's StubHTTP server: each path gets the action the doc says.
    @Test func httpLayerOnItsOwn() async throws {
        // Architecture.md
        let server = HTTPServer { request in
            switch request.path {
            case "/slow": .respond(HTTPResponse(status: 200, text: "late"), after: .milliseconds(500))
            case "/drop": .drop  // close, no response
            case "/reset": .reset  // TCP RST
            case "/truncated": .truncated(HTTPResponse(status: 200, text: "0123456789"), bodyBytes: 4)
            default: .respond(HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], text: "hi"))
            }
        }
        try await server.start()
        // end

        let port = try #require(server.port)
        let base = try #require(URL(string: "http://127.0.0.1:\(port)"))
        let (hi, _) = try await URLSession(configuration: .ephemeral).data(from: base)
        #expect(String(decoding: hi, as: UTF8.self) == "hi")
        await #expect(throws: URLError.self) {
            _ = try await URLSession(configuration: .ephemeral).data(from: base.appendingPathComponent("drop"))
        }
        await server.stop()
    }

    /// Changes.md's answering server: its handler answers on the event loop, over a real socket.
    @Test func answeringServerFromChanges() async throws {
        let server = HTTPServer(answering: { _ in .finished(.respond(HTTPResponse(status: 200, text: "hi"))) })
        try await server.start()

        let port = try #require(server.port)
        let base = try #require(URL(string: "http://127.0.0.1:\(port)/anything"))
        let (body, response) = try await URLSession(configuration: .ephemeral).data(from: base)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self) == "hi")
        await server.stop()
    }
}
