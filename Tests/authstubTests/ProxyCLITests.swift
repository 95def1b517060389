import Foundation
import StubHTTP
import TestSupport
import Testing

@testable import authstub

/// The real `authstub serve --proxy-unmatched`, with its default request lines.
@Suite("CLI: proxy unmatched")
struct ProxyCLITests {
    @Test("serve --proxy-unmatched: the banner names the upstream, an unmatched request gets its answer, the request line says where it went")
    func servesThrough() async throws {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let upstream = HTTPServer(configuration: configuration) { request in
            .respond(HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], text: "upstream saw \(request.target)"))
        }
        try await upstream.start()
        let url = "http://127.0.0.1:\(try #require(upstream.port))/api"
        let server = try CLIProcess.start(["serve", "--port", "0", "--proxy-unmatched", url, "--proxy-timeout", "10s"])
        let port = try await NothingLostCLITests.port(of: server)
        let proxied = try await NothingLostCLITests.send(port: port, "GET", "/orders/7?full=1")
        let faked = try await NothingLostCLITests.send(port: port, "POST", "/auth/bump")
        let result = try await server.stop(signal: SIGTERM)
        await upstream.stop()
        #expect(proxied.status == 200)
        #expect(proxied.text == "upstream saw /api/orders/7?full=1")
        #expect(faked.status == 401)  // a bundled route: answered here, not forwarded
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\n  proxy: unmatched requests → \(url)\n"), "\(result.stdout)")
        #expect(result.stdout.contains("GET /orders/7 200 → proxied \(url)/orders/7 "), "\(result.stdout)")
    }

    @Test("a bad --proxy-unmatched or --proxy-timeout is a usage error naming the flag and the problem")
    func badFlags() throws {
        let cases: [([String], String)] = [
            (["--proxy-unmatched", "ftp://example.com"], "--proxy-unmatched: the proxy URL ftp://example.com has the scheme \"ftp\""),
            (["--proxy-unmatched", "https://example.com/api#top"], "has a fragment"),
            (["--proxy-timeout", "10"], "--proxy-timeout must be a duration such as 10s, 1m30s or 500ms, not '10'"),
            (["--proxy-timeout", "0s"], "not '0s'"),
        ]
        for (arguments, message) in cases {
            do throws(UsageError) {
                _ = try CommandLineParser.parse(["serve"] + arguments)
                Issue.record("\(arguments) was taken")
            } catch {
                #expect(error.message.contains(message), "\(error.message)")
            }
        }
        let parsed = try CommandLineParser.parse(
            ["serve"],
            environment: ["AUTHSTUB_PROXY_UNMATCHED": "https://staging.example.com/api", "AUTHSTUB_PROXY_TIMEOUT": "1m30s"]
        )
        guard case .serve(let options) = parsed else {
            Issue.record("not serve: \(parsed)")
            return
        }
        #expect(options.proxyUnmatched == URL(string: "https://staging.example.com/api"))
        #expect(options.proxyTimeout == .seconds(90))
    }
}
