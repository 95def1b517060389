import Foundation
import TestSupport
import Testing

@testable import AuthStub

/// Same seed and a frozen clock: byte-identical responses across two runs.
@Suite("Determinism")
struct DeterminismTests {
    static let requests = [
        "POST /m2m/v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 39\r\n\r\n{\"username\":\"user\",\"password\":\"secret\"}",
        "POST /auth/login HTTP/1.1\r\nHost: a\r\nAuthorization: Basic dXNlcjpzZWNyZXQ=\r\n\r\n",
        "POST /v1/auth/logn HTTP/1.1\r\nHost: a\r\n\r\n",
    ]

    func run(seed: UInt64) async throws -> [UInt8] {
        var options = AuthStubServer.Options()
        options.seed = seed
        return try await withStub(options) { stub in
            try await stub.freezeClock(at: Date(timeIntervalSince1970: 1_795_428_000))
            let connection = try await RawConnection.connect(port: try #require(stub.port))
            var bytes: [UInt8] = []
            for request in Self.requests {
                try await connection.send(request)
                let response = try await connection.response()
                bytes += Array("\(response.status)\n".utf8) + response.headers.flatMap { Array("\($0.name): \($0.value)\n".utf8) } + response.body
            }
            return bytes
        }
    }

    @Test("two runs with seed 42 and a frozen clock answer byte for byte the same")
    func sameSeedSameBytes() async throws {
        let first = try await run(seed: 42)
        let second = try await run(seed: 42)
        #expect(first == second)
        #expect(String(decoding: first, as: UTF8.self).contains("auth-token: "))
    }

    @Test("another seed gives other tokens")
    func otherSeedOtherTokens() async throws {
        #expect(try await run(seed: 42) != run(seed: 43))
    }
}
