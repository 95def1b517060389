import Foundation
import StubHTTP
import TestSupport
import Testing

/// Catalogue row #61 and its mid-request twin, against the real CLI: clients that reset
/// (SO_LINGER 0, then close) halfway through a request, or before or while reading a large
/// response. Afterwards the server answers, holds no leaked descriptor, and exits cleanly:
/// a SIGPIPE would have killed it (exit 141).
@Suite("CLI: clients that reset mid-request and mid-response", .servingCLI)
struct ClientResetTests {
    static let rounds = 200
    static let bigBody = 1 << 20

    @Test("resets in a loop leave the server serving, with its descriptors back to baseline")
    func resetsLeaveNoTrace() async throws {
        let server = try #require(ServingCLI.current)
        let port = server.port
        // A 1 MiB answer on /big: more than the socket buffers hold, so the server is still
        // writing when the reset arrives.
        let fault =
            #"{"kind":"status","status":200,"match":{"path":"/big"},"body":""#
            + String(repeating: "a", count: Self.bigBody) + #""}"#
        #expect(
            try await Self.exchange(
                port: port,
                "POST /__control/faults HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: \(fault.utf8.count)\r\n\r\n\(fault)"
            ).status == 201
        )
        #expect(try await Self.exchange(port: port, "GET /big HTTP/1.1\r\nHost: a\r\n\r\n").body.count == Self.bigBody)
        let baseline = await Self.settledDescriptorCount(of: server)

        for round in 0..<Self.rounds {
            // Mid-request: headers and part of a declared body, then a reset.
            let partial = try await RawConnection.connect(port: port)
            try await partial.send(
                "POST /v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"username\":"
            )
            await partial.reset()

            // A full request for the large answer, reset unread; every other round after its
            // first bytes arrived, so the reset lands mid-response.
            let greedy = try await RawConnection.connect(port: port)
            try await greedy.send("GET /big HTTP/1.1\r\nHost: a\r\n\r\n")
            if round.isMultiple(of: 2) { _ = try await greedy.receive() }
            await greedy.reset()
        }

        #expect(try await Self.exchange(port: port, "GET /__control/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").status == 200)
        if let baseline {
            let settled = await Self.waitForDescriptors(of: server, atMost: baseline)
            #expect(settled <= baseline, "\(settled) descriptors open, \(baseline) before the resets")
        }
    }

    /// One request on a fresh connection, and its response.
    private static func exchange(port: Int, _ request: String) async throws -> RawResponse {
        let connection = try await RawConnection.connect(port: port)
        try await connection.send(request)
        let response = try await connection.response()
        await connection.close()
        return response
    }

    /// The server's descriptor count once two reads 100 ms apart agree (the server closes its
    /// end of a finished exchange a moment after the client does); nil without `/proc`.
    private static func settledDescriptorCount(of server: ServingCLI) async -> Int? {
        var last = server.openDescriptorCount()
        for _ in 0..<300 {
            try? await Task.sleep(for: .milliseconds(100))
            let count = server.openDescriptorCount()
            if count == last { return count }
            last = count
        }
        return last
    }

    /// Polls the server's descriptor count for up to 30 s until it is at most `limit`; the
    /// last count seen.
    private static func waitForDescriptors(of server: ServingCLI, atMost limit: Int) async -> Int {
        let deadline = ContinuousClock.now + .seconds(30)
        var count = server.openDescriptorCount() ?? 0
        while count > limit && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
            count = server.openDescriptorCount() ?? 0
        }
        return count
    }
}
