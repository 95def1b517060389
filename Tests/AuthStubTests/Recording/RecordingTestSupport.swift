import Foundation
import StubHTTP
import TestSupport
import Testing

@testable import AuthStub

/// Sends requests to a live server with StubHTTP's client, each on a thread of its own, and keeps
/// each exchange as the proxy would record it: the request as sent, the response as received.
final class ExchangeCapture: Sendable {
    private let upstream: URL
    private let port: Int
    private let kept = Locked<[ProxiedExchange]>([])

    init(_ server: AuthStubServer) throws {
        upstream = server.baseURL
        port = try #require(server.port)
    }

    /// The exchanges so far, in order.
    var exchanges: [ProxiedExchange] { kept.withLock { $0 } }

    /// Sends one request and returns the exchange.
    @discardableResult
    func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: String = "") async throws -> ProxiedExchange {
        let port = port
        var fields = headers
        if !body.isEmpty, !fields.contains(where: { $0.0.lowercased() == "content-type" }) { fields.append(("Content-Type", "application/json")) }
        let request = HTTPClientRequest(
            method: HTTPMethod(method),
            target: target,
            headers: HTTPHeaders(fields.map { ($0.0, $0.1) }),
            body: Array(body.utf8)
        )
        let time = Date()
        let response = try await onOwnThread {
            let client = HTTPClient(port: port, keepAlive: false)
            defer { client.close() }
            return try client.send(request)
        }
        let path = String(target.prefix { $0 != "?" })
        let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) }
        let exchange = ProxiedExchange(
            method: method,
            path: path,
            query: query,
            requestHeaders: [HTTPHeaderField("Host", "127.0.0.1:\(port)")] + fields.map { HTTPHeaderField($0.0, $0.1) },
            requestBody: Array(body.utf8),
            status: response.status.code,
            responseHeaders: response.headers.map { HTTPHeaderField($0.name, $0.value) },
            responseBody: response.body,
            time: time,
            upstream: upstream
        )
        kept.withLock { $0.append(exchange) }
        return exchange
    }
}

extension ProxiedExchange {
    /// The response body as text.
    var text: String { String(decoding: responseBody, as: UTF8.self) }

    /// The first value of the response header `name`.
    func responseHeader(_ name: String) -> String? {
        responseHeaders.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// Hand-built exchanges: one request and its answer, at a fixed time against a fixed upstream.
func exchange(
    _ method: String,
    _ target: String,
    headers: [(String, String)] = [],
    body: String = "",
    status: Int,
    responseHeaders: [(String, String)] = [("Content-Type", "application/json")],
    response: String = "",
    at seconds: Double = 0,
    upstream: String = "https://api.example.test/v2"
) -> ProxiedExchange {
    ProxiedExchange(
        method: method,
        path: String(target.prefix { $0 != "?" }),
        query: target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) },
        requestHeaders: headers.map { HTTPHeaderField($0.0, $0.1) },
        requestBody: Array(body.utf8),
        status: status,
        responseHeaders: responseHeaders.map { HTTPHeaderField($0.0, $0.1) },
        responseBody: Array(response.utf8),
        time: Date(timeIntervalSince1970: 1_800_000_000 + seconds),
        upstream: URL(string: upstream) ?? URL(fileURLWithPath: "/")
    )
}

/// Writes `exchanges` as the service `name` into a new folder, loads it back (what `authstub
/// validate` does), and hands both to `body`.
func withRecordedFolder<Result>(
    _ exchanges: [ProxiedExchange],
    options: RecordingOptions = RecordingOptions(service: "recorded"),
    _ body: (URL, RecordingReport) async throws -> Result
) async throws -> Result {
    try await withTemporaryFolder { folder in
        let report = try RecordingWriter.write(exchanges, refused: 0, to: folder, options: options)
        let service = folder.appendingPathComponent(options.service)
        do {
            _ = try AuthStubServer.loadFixtures([.directory(service)])
        } catch {
            Issue.record(
                "the written folder does not load: \(error)\n\(try recordedFiles(in: service).map { "\($0.key):\n\($0.value)" }.joined(separator: "\n"))"
            )
            throw error
        }
        return try await body(service, report)
    }
}

/// The text of every file in `folder`, by name.
func recordedFiles(in folder: URL) throws -> [String: String] {
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
        files[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
    return files
}

/// A written file as JSON.
func recordedJSON(_ name: String, in folder: URL) throws -> JSONValue {
    try JSONValue.parse(Array(try Data(contentsOf: folder.appendingPathComponent(name))))
}
