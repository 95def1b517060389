import Foundation
import StubHTTP
import TestSupport
import Testing

/// Every row of the hostile-request catalogue, sent as raw bytes over a real socket to one
/// real `authstub serve`, which must still exit cleanly at the end (see `.servingCLI`).
@Suite("CLI: the hostile-request catalogue over a real socket", .servingCLI)
struct HostileCatalogueTests {
    @Test("one exchange per row", arguments: HostileRequest.all)
    func row(_ request: HostileRequest) async throws {
        let connection = try await Self.connect()
        // The server stops reading at the first byte it refuses and may close before the rest
        // is sent: a failed send is fine as long as the answer arrived.
        var sendFailure = ""
        do { try await connection.send(request.bytes) } catch { sendFailure = " (send failed: \(error))" }
        if request.halfClose { await connection.shutdownWrite() }

        switch request.answer {
        case .refused(let statuses):
            let (responses, rest, closed) = await Self.readUntilClosed(connection)
            let response = try #require(responses.first, "no answer\(sendFailure)")
            #expect(statuses.contains(response.status.code))
            #expect(response.header("Connection") == "close")
            #expect(response.header("Content-Length") != nil)
            #expect(responses.count == 1 && rest.isEmpty && closed)
            Self.check(request, response)
        case .answered(let statuses):
            let responses = try await connection.responses(statuses.count)
            #expect(responses.map(\.status.code) == statuses)
            if let first = responses.first { Self.check(request, first) }
            // Still open and in step: the next request gets its own answer.
            try await connection.send(Shorthand.status + "\r\n")
            #expect(try await connection.response().status == 200)
        case .answeredThenClosed(let statuses):
            let (responses, rest, closed) = await Self.readUntilClosed(connection)
            #expect(responses.map(\.status.code) == statuses)
            #expect(rest.isEmpty && closed)
            if let first = responses.first { Self.check(request, first) }
        case .closedQuietlyOr(let status):
            let (responses, rest, closed) = await Self.readUntilClosed(connection)
            #expect(closed)
            #expect(responses.isEmpty ? rest.isEmpty : responses.map(\.status.code) == [status])
        }
        await connection.close()
    }

    @Test("#50 Content-Length: 2 then abGET in one write: two responses, two journal entries")
    func smuggledRequestIsItsOwn() async throws {
        let connection = try await Self.connect()
        try await connection.send("POST /row50 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nabGET /row50-smuggled HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try await connection.responses(2).map(\.status) == [404, 404])
        let first = try await Self.journal(path: "/row50", on: connection)
        #expect(first.map { $0["body"] as? String } == ["ab"])
        let smuggled = try await Self.journal(path: "/row50-smuggled", on: connection)
        #expect(smuggled.map { $0["method"] as? String } == ["GET"])
        await connection.close()
    }

    @Test("#57 Expect: 100-continue with the body held back: 100 Continue first, then the answer")
    func expectContinue() async throws {
        let connection = try await Self.connect()
        try await connection.send(
            "POST /auth/login HTTP/1.1\r\nHost: a\r\n" + Shorthand.basic
                + "Content-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n"
        )
        let interim = try await connection.response()
        #expect(interim.status == 100)
        #expect(interim.header("Content-Length") == nil)
        try await connection.send("{}")
        #expect(try await connection.response().status == 200)
        await connection.close()
    }

    @Test(
        "#59 HEAD, then a pipelined GET: HEAD has the GET's Content-Length and no body",
        arguments: [(path: "/row59", status: 404), (path: "/auth/login", status: 405)]
    )
    func headThenGet(path: String, status: Int) async throws {
        let connection = try await Self.connect()
        try await connection.send("HEAD \(path) HTTP/1.1\r\nHost: a\r\n\r\nGET \(path) HTTP/1.1\r\nHost: a\r\n\r\n")
        let responses = try await connection.responses(2, headRequests: [0])
        #expect(responses.map(\.status.code) == [status, status])
        #expect(responses[0].body.isEmpty)
        #expect(responses[0].header("Content-Length") == String(responses[1].body.count))
        await connection.close()
    }

    @Test("#60 a 304 (from a status fault) has no body; the next request parses")
    func notModified() async throws {
        let connection = try await Self.connect()
        let fault = #"{"kind":"status","status":304,"match":{"path":"/row60"}}"#
        try await connection.send(
            "POST /__control/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(fault.utf8.count)\r\n\r\n\(fault)"
        )
        #expect(try await connection.response().status == 201)
        try await connection.send("GET /row60 HTTP/1.1\r\nHost: a\r\n\r\n" + Shorthand.status + "\r\n")
        let responses = try await connection.responses(2)
        #expect(responses.map(\.status.code) == [304, 200])
        #expect(responses[0].body.isEmpty)
        await connection.close()
    }

    // MARK: Helpers

    private static func connect() async throws -> RawConnection {
        try await RawConnection.connect(port: try #require(ServingCLI.current).port)
    }

    /// Everything until the server closes, as responses and what followed them.
    private static func readUntilClosed(_ connection: RawConnection) async -> (responses: [RawResponse], rest: [UInt8], closed: Bool) {
        let (bytes, closed) = await connection.receiveUntilClosed()
        var responses: [RawResponse] = []
        var rest = bytes[...]
        while let (response, after) = RawResponse.parse(rest, isHead: false) {
            responses.append(response)
            rest = after
        }
        return (responses, Array(rest), closed)
    }

    /// The headers a row expects on its first response.
    private static func check(_ request: HostileRequest, _ response: RawResponse) {
        for (name, value) in request.headers {
            #expect(response.header(name) == value, "\(name)")
        }
    }

    /// The journal entries for `path`, read on `connection`.
    private static func journal(path: String, on connection: RawConnection) async throws -> [[String: Any]] {
        try await connection.send("GET /__control/requests?path=\(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let response = try await connection.response()
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return try #require(object?["requests"] as? [[String: Any]])
    }
}
