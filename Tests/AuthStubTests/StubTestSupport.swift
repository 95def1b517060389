import AuthStubTesting
import Foundation
import TestSupport
import Testing

@testable import AuthStub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What the bundled fixtures hold: the two seed APIs and, since issue 17, `oauth2`, whose
/// endpoints grow with its features; tests about the seeds leave it out.
enum Bundled {
    /// The seed services' names.
    static let seedServices: Set<String> = ["usertoken", "wice"]
    /// How many endpoint files the bundled services hold.
    static let endpointCount = (try? AuthStubServer.loadFixtures([.bundled]).endpointCount) ?? -1
}

extension [ServiceUser] {
    /// The users of the seed services.
    var ofSeeds: [ServiceUser] { filter { Bundled.seedServices.contains($0.service) } }
}

/// A response as the tests look at it.
struct StubResponse {
    let status: Int
    let headers: [String: String]
    let body: Data

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as JSON (Foundation's parser: an independent check of ours).
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }

    /// What URLSession handed back for one request.
    init(data: Data, response: URLResponse) throws {
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name] = value }
        }
        self.init(status: http.statusCode, headers: fields, body: data)
    }

    init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Starts a server with the bundled fixtures (or `options`), runs `body`, always stops it:
/// the product's own `withAuthStub`, with the options first.
func withStub<Result: Sendable>(
    _ options: AuthStubServer.Options = AuthStubServer.Options(),
    _ body: (AuthStubServer) async throws -> Result
) async throws -> Result {
    try await withAuthStub(options: options, body)
}

extension AuthStubServer {
    /// Sends a request with URLSession and returns what came back.
    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil) async throws -> StubResponse {
        let url = try #require(URL(string: baseURL.absoluteString + path))
        var request = URLRequest(url: url)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body { request.httpBody = Data(body.utf8) }
        let (data, response) = try await makeTestSession().data(for: request)
        return try StubResponse(data: data, response: response)
    }

    /// Logs in to `wice` and returns the token from the `auth-token` header.
    func wiceLogin(base: String = "/m2m") async throws -> String {
        let response = try await send(
            "POST",
            base + "/v1/auth/login",
            headers: ["Content-Type": "application/json", "Accept": "application/json"],
            body: #"{"username":"user","password":"secret"}"#
        )
        #expect(response.status == 201)
        return try #require(response.header("auth-token"))
    }

    /// Logs in to `usertoken` with HTTP Basic and returns the body's token.
    func userTokenLogin(body: String? = nil) async throws -> String {
        var headers = ["Authorization": "Basic " + Data("user:secret".utf8).base64EncodedString(), "Accept": "application/json"]
        if body != nil { headers["Content-Type"] = "application/json" }
        let response = try await send("POST", "/auth/login", headers: headers, body: body)
        #expect(response.status == 200)
        return try #require(response.json?["token"] as? String)
    }

    /// The journal's last entry.
    var lastEntry: JournalEntry? { journal.last }
}

/// Lower-case UUID version 4.
func isUUIDv4(_ text: String) -> Bool {
    text.range(of: "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression) != nil
}

/// A temporary folder, removed after `body`.
func withTemporaryFolder<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}

/// Writes `text` to `folder/name`, creating folders on the way.
func write(_ text: String, to name: String, in folder: URL) throws {
    let file = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
}
