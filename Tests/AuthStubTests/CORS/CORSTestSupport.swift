import Foundation
import TestSupport
import Testing

@testable import AuthStub

extension AuthStubServer {
    /// One request over a fresh socket, headers exactly as given (`Host` included, first).
    func corsSend(
        _ method: String,
        _ path: String,
        host: String = "127.0.0.1",
        headers: [(String, String)] = [],
        body: String = ""
    ) async throws -> RawResponse {
        let connection = try await RawConnection.connect(port: try #require(port))
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.utf8.count)\r\n\r\n"
        try await connection.send(head + body)
        // A generous wait: a busy machine (parallel builds) can be slow; a hang still ends.
        let response = try await connection.response(timeout: .seconds(60))
        await connection.close()
        return response
    }
}

extension RawResponse {
    /// The items of a comma-separated header, lowercased.
    func headerList(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }
            .flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }
}
