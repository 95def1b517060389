import Dispatch
import Foundation
import StubHTTP
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Answers `METHOD PATH BODY`, with the path in `X-Path`: enough to see which request answered.
let echoHandler: HTTPServer.Handler = { request in
    let text = "\(request.method) \(request.target) \(String(decoding: request.body, as: UTF8.self))"
    return .respond(HTTPResponse(status: 200, headers: ["Content-Type": "text/plain", "X-Path": request.path], text: text))
}

/// Starts a server on 127.0.0.1 and an ephemeral port, runs `body`, and always stops it.
func withLiveServer<Result>(
    configure: (inout HTTPServer.Configuration) -> Void = { _ in },
    handler: @escaping HTTPServer.Handler = echoHandler,
    _ body: (HTTPServer, Int) async throws -> Result
) async throws -> Result {
    var configuration = HTTPServer.Configuration()
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, handler: handler)
    try await server.start()
    let port = try #require(server.port)
    do {
        let result = try await body(server, port)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
