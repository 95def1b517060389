import Foundation
import StubHTTP
import TestSupport
import Testing

@testable import AuthStub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Requests and checks shared by the fault and override suites.
enum FaultRequests {
    static let json = ["Content-Type": "application/json", "Accept": "application/json"]
    static let credentials = #"{"username":"user","password":"secret"}"#
    static let basic = "Basic " + Data("user:secret".utf8).base64EncodedString()
    static let v2 = "application/vnd.se.alkit.wice.authservice-v2+json"

    /// A raw wice login with the right credentials.
    static func rawWiceLogin(path: String = "/m2m/v1/auth/login") -> String {
        "POST \(path) HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
            + "Content-Length: \(credentials.utf8.count)\r\nConnection: close\r\n\r\n\(credentials)"
    }

    /// A raw usertoken login with the right Basic credentials.
    static let rawUserTokenLogin =
        "POST /auth/login HTTP/1.1\r\nHost: a\r\nAuthorization: \(basic)\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
}

extension AuthStubServer {
    /// A wice login with the right credentials, whatever it answers.
    func faultWiceLogin(_ path: String = "/m2m/v1/auth/login", headers extra: [String: String] = [:]) async throws -> StubResponse {
        try await send("POST", path, headers: FaultRequests.json.merging(extra) { $1 }, body: FaultRequests.credentials)
    }

    /// A usertoken bump with `token`.
    func faultBump(_ token: String) async throws -> StubResponse {
        try await send("POST", "/auth/bump", headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"])
    }

    /// Sends a request that must fail in URLSession (a fresh ephemeral session, so no
    /// connection is reused) and returns its `URLError`.
    func faultURLError(
        _ method: String,
        _ path: String,
        headers: [String: String] = [:],
        body: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> URLError? {
        do {
            let response = try await send(method, path, headers: headers, body: body)
            Issue.record("expected a URLError, got status \(response.status) with \(response.body.count) body bytes", sourceLocation: sourceLocation)
            return nil
        } catch let error as URLError {
            return error
        }
    }

    /// Opens a connection, sends `request`, and returns everything until the server closes it
    /// (or the error the socket reported, e.g. a reset).
    func faultRawExchange(_ request: String) async throws -> Result<[UInt8], SystemError> {
        let connection = try await RawConnection.connect(port: try #require(port), sending: request)
        var received: [UInt8] = []
        var outcome: Result<[UInt8], SystemError>?
        while outcome == nil {
            do {
                let chunk = try await connection.receive()
                if chunk.isEmpty { outcome = .success(received) }
                received += chunk
            } catch let error as SystemError {
                outcome = received.isEmpty ? .failure(error) : .success(received)
            }
        }
        await connection.close()
        return try #require(outcome)
    }

    /// The installed fault with `id`.
    func faultNamed(_ id: String) async throws -> InstalledFault {
        try #require(try await faults().first { $0.id == id })
    }
}

/// The head of a raw answer whose body may break off: the status, the headers, the body bytes
/// that arrived and the length the head promised.
struct FaultRawAnswer {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init?(_ bytes: [UInt8]) {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else { return nil }
        var lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        self.status = status
        headers = lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        body = Array(bytes[(end + separator.count)...])
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var contentLength: Int? { header("Content-Length").flatMap { Int($0) } }
    var text: String { String(decoding: body, as: UTF8.self) }
}
