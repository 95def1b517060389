import AsyncHTTPClient
import Foundation
import HTTPTypes
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// Calls every operation of the bundled fixtures through the client swift-openapi-generator made
// from `authstub openapi`, against the `authstub serve` at the URL given, refusals included.
// One line per check, then a total; exits 1 when a check fails: an `.undocumented` answer, a
// body that does not decode (the client throws) or a declared header it cannot read.

/// What one call changes about the request the generated client makes: the credentials (the
/// generator ignores security schemes), and for the refusals a real client meets, headers or
/// a body it would not send itself.
struct Tweak: Sendable {
    var headers: [String: String] = [:]
    var body: String?
}

enum Current {
    @TaskLocal static var tweak = Tweak()
}

/// Applies `Current.tweak` to each request.
struct TweakMiddleware: ClientMiddleware {
    func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        var body = body
        for (name, value) in Current.tweak.headers {
            guard let field = HTTPField.Name(name) else { continue }
            request.headerFields[field] = value
        }
        if let text = Current.tweak.body { body = HTTPBody(text) }
        return try await next(request, body, baseURL)
    }
}

/// A failed check's reason.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `value`, or a failure naming what was missing.
func need<Value>(_ value: Value?, _ what: String) throws -> Value {
    guard let value else { throw Failure("no \(what)") }
    return value
}

/// The failure for an answer of another kind than expected (`.undocumented` among them).
func unexpected(_ output: Any) -> Failure {
    Failure("unexpected answer: \(String(describing: output).prefix(300))")
}

/// The checks' shared state: the generated client, the transport's HTTP client for control
/// calls, and the tally.
@MainActor
final class Run {
    let serverURL: URL
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
    let client: Client
    var passed = 0
    var failed = 0

    init(serverURL: URL) {
        self.serverURL = serverURL
        client = Client(
            serverURL: serverURL,
            configuration: .init(),
            transport: AsyncHTTPClientTransport(configuration: .init(client: http)),
            middlewares: [TweakMiddleware()]
        )
    }

    /// Runs one check with `tweak`, printing `ok` or `FAIL` and why.
    func check(_ name: String, _ tweak: Tweak = Tweak(), _ body: () async throws -> Void) async {
        do {
            try await Current.$tweak.withValue(tweak) { try await body() }
            passed += 1
            print("ok    \(name)")
        } catch {
            failed += 1
            print("FAIL  \(name): \(error)")
        }
    }

    /// A control API call (`PUT /__control/deprecations` …), outside the generated client.
    func control(_ method: String, _ path: String, _ json: String) async throws {
        var request = URLRequest(url: serverURL.appendingPathComponent(path))
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(json.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else { throw Failure("control \(path) answered \(status)") }
    }
}

/// `Authorization: Basic` for `user` and `password`.
func basic(_ user: String, _ password: String) -> String {
    "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
}

@main
enum OpenAPIClientCheck {
    @MainActor
    static func main() async throws {
        guard CommandLine.arguments.count == 2, let serverURL = URL(string: CommandLine.arguments[1]) else {
            print("usage: openapi-client-check <authstub serve URL>")
            exit(64)
        }
        let run = Run(serverURL: serverURL)
        await run.wice()
        await run.wiceM2m()
        await run.usertoken()
        await run.oauth2()
        try await run.http.shutdown()
        print("openapi-client: \(run.passed + run.failed) checks, \(run.passed) passed, \(run.failed) failed")
        exit(run.failed == 0 ? 0 : 1)
    }
}
