import Foundation
import StubHTTP
import TestSupport
import Testing

@testable import AuthStub

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The socket-free transport against the socket: byte-for-byte the same answers and journal
/// from twin servers, one engine behind both transports of a started server, the 401 with a
/// Basic challenge, the body limit, and sessions that stay with their own server.
@Suite("Transport: parity and shared state")
struct TransportParityTests {
    /// A fixed run of requests touching every kind of answer; tokens are taken from earlier
    /// answers, so on a seeded server with a frozen clock every run gives the same bytes.
    static func script(_ client: TransportClient) async throws -> [StubResponse] {
        var responses: [StubResponse] = []
        func record(_ response: StubResponse) -> StubResponse {
            responses.append(response)
            return response
        }
        let json = TransportRequests.json
        let login = record(try await client.wiceLogin())
        let token = login.header("auth-token") ?? "none"
        let v2 = record(try await client.wiceLogin("/v1/auth/login", headers: ["Accept": TransportRequests.v2]))
        let v2Token = v2.anyJSON as? String ?? "none"
        _ = record(try await client.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": token]))
        _ = record(try await client.send("POST", "/v1/auth/logout", headers: ["auth-token": v2Token, "Accept": "application/json"]))
        _ = record(try await client.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": TransportRequests.unknownToken]))
        _ = record(try await client.send("DELETE", "/m2m/v1/auth/logout"))
        _ = record(try await client.send("POST", "/m2m/v1/auth/login", headers: json, body: #"{"username":"user","password":"nope"}"#))
        _ = record(try await client.send("POST", "/m2m/v1/auth/login", headers: json, body: "not json"))
        _ = record(try await client.send("POST", "/m2m/v1/auth/login", headers: ["Content-Type": "text/plain"], body: TransportRequests.credentials))
        _ = record(
            try await client.send(
                "POST",
                "/m2m/v1/auth/login",
                headers: ["Content-Type": "application/json", "Accept": "text/html"],
                body: TransportRequests.credentials
            )
        )
        let userLogin = record(try await client.userTokenLogin())
        let userToken = userLogin.json?["token"] as? String ?? "none"
        _ = record(
            try await client.send(
                "POST",
                "/auth/login",
                headers: ["Authorization": TransportRequests.basic, "Content-Type": "application/json"],
                body: #"{"note":"Client API Access","expirationTime":"2099-07-29T23:59:59-05:00"}"#
            )
        )
        _ = record(try await client.bump(userToken))
        _ = record(try await client.bump(TransportRequests.unknownToken))
        _ = record(try await client.send("POST", "/auth/logout", headers: ["Authorization": "Bearer \(userToken)"]))
        _ = record(try await client.send("POST", "/v1/auth/logn", headers: json, body: TransportRequests.credentials))
        _ = record(try await client.send("GET", "/m2m/v1/auth/logout"))
        _ = record(try await client.send("HEAD", "/m2m/v1/auth/logn"))
        _ = record(try await client.send("GET", "/m2m/v1/auth/logn?a=b%20c&d"))
        _ = record(try await client.wiceLogin(headers: ["Prefer": "code=401"]))
        _ = record(try await client.wiceLogin("/m2m/v1/auth/login?__example=token-string"))
        _ = record(try await client.send("GET", "/__control/status"))
        _ = record(try await client.send("GET", "/__control/tokens"))
        try await client.stub.addFault(.status(503, headers: [HTTPHeaderField("Retry-After", "2")]), times: 1)
        _ = record(try await client.wiceLogin())
        try await client.stub.addFault(.unauthorized, match: FaultMatch(method: "POST", path: "/v1/auth/login"), times: 1)
        _ = record(try await client.wiceLogin("/v1/auth/login"))
        try await client.stub.addFault(.deprecatedRemoved, times: 1)
        _ = record(try await client.send("POST", "/m2m/v1/auth/logout", headers: ["auth-token": token, "Accept": "application/json"]))
        try await client.stub.advanceClock(by: .seconds(8 * 3600))
        let late = record(try await client.wiceLogin())
        _ = record(try await client.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": late.header("auth-token") ?? "none"]))
        return responses
    }

    /// Runs `script` on a seeded server with a frozen clock reached through `transport`.
    static func run(_ transport: TransportUnderTest) async throws -> (responses: [StubResponse], journal: [JournalEntry], authority: String) {
        try await withTransport(transport, transportSeededOptions()) { client in
            try await client.stub.transportFreeze()
            return (try await script(client), client.stub.journal, client.authority)
        }
    }

    /// The status without what differs between transports: the clock's offset, and the
    /// journal's bytes (URLSession adds headers of its own over a socket).
    static func withoutClockOffset(_ text: String) -> String {
        text.replacingOccurrences(of: #""offsetMs":-?[0-9]+"#, with: #""offsetMs":0"#, options: .regularExpression)
            .replacingOccurrences(of: #""bytes":[0-9]+"#, with: #""bytes":0"#, options: .regularExpression)
    }

    @Test(
        "twin seeded servers with frozen clocks: the in-process transports give the socket's statuses, bodies and headers",
        arguments: [TransportUnderTest.inProcess, .inProcessUnstarted]
    )
    func sameAnswers(transport: TransportUnderTest) async throws {
        let socket = try await Self.run(.socket)
        let other = try await Self.run(transport)
        try #require(socket.responses.count == other.responses.count)
        #expect(socket.responses.count > 25)
        for (index, (expected, actual)) in zip(socket.responses, other.responses).enumerated() {
            #expect(actual.status == expected.status, "request \(index)")
            // The control status reports the clock's offset from real time, which moves
            // between the two runs; everything else is the same byte for byte.
            let expectedText = Self.withoutClockOffset(expected.text)
            #expect(Self.withoutClockOffset(actual.text) == expectedText, "request \(index)")
            #expect(actual.comparableHeaders == expected.comparableHeaders, "request \(index)")
            if expectedText == expected.text {
                #expect(actual.header("Content-Length") == expected.header("Content-Length"), "request \(index)")
            }
        }
        // Not a run of identical answers: the script reaches many different ones.
        #expect(Set(socket.responses.map(\.status)).isSuperset(of: [200, 201, 204, 400, 401, 404, 405, 406, 410, 415, 503]))
    }

    @Test(
        "twin seeded servers: the journal entries of in-process requests have the socket's fields",
        arguments: [TransportUnderTest.inProcess, .inProcessUnstarted]
    )
    func sameJournal(transport: TransportUnderTest) async throws {
        let socket = try await Self.run(.socket)
        let other = try await Self.run(transport)
        try #require(socket.journal.count == other.journal.count)
        #expect(socket.journal.count > 20)
        for (expected, actual) in zip(socket.journal, other.journal) {
            #expect(actual.transportComparable == expected.transportComparable)
            #expect(actual.transportHeader("Host") == other.authority)
            // Every header the test set arrives in both, with the same value (the socket's
            // URLSession adds its own, such as User-Agent, on top).
            for field in actual.headers where field.name.lowercased() != "host" {
                #expect(expected.transportHeader(field.name) == field.value, "#\(actual.id) \(field.name)")
            }
        }
        #expect(other.journal.contains { $0.deprecated })
        #expect(other.journal.contains { $0.fault != nil })
        #expect(other.journal.contains { $0.query != nil })
    }

    @Test("one started server: a token from either transport works on the other, on one clock and one journal")
    func sharedState() async throws {
        try await withTransport(.socket) { socket in
            let inProcess = TransportClient(transport: .inProcess, stub: socket.stub, session: socket.stub.makeInProcessSession())
            defer { inProcess.session.finishTasksAndInvalidate() }
            #expect(inProcess.stub.baseURL == socket.stub.baseURL)

            // wice: logged in over the socket, logged out in process, refused over the socket.
            let socketToken = try await socket.wiceToken()
            #expect(try await inProcess.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": socketToken]).status == 204)
            #expect(try await socket.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": socketToken]).status == 401)
            #expect(socket.stub.journal.last?.reason == "token logged out")

            // usertoken: logged in in process, bumped over the socket.
            let login = try await inProcess.userTokenLogin()
            let userToken = try #require(login.json?["token"] as? String)
            #expect(try await socket.bump(userToken).status == 200)

            // The clock: a token from the in-process side expires for the socket side.
            let idle = try await inProcess.wiceToken()
            try await socket.stub.advanceClock(by: .seconds(8 * 3600))
            #expect(try await socket.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": idle]).status == 401)
            #expect(socket.stub.journal.last?.reason == "token idle for 8h0m (limit 8h)")

            // A fault installed once applies to whichever transport comes first.
            try await socket.stub.addFault(.status(418), times: 1)
            #expect(try await inProcess.wiceLogin().status == 418)
            #expect(try await socket.wiceLogin().status == 201)

            // One journal, numbered in order across both transports.
            let journal = socket.stub.journal
            #expect(journal.map(\.id) == Array(1...journal.count))
            #expect(journal.map(\.status) == [201, 204, 401, 200, 200, 201, 401, 418, 201])
            #expect(journal.allSatisfy { $0.transportHeader("Host") == socket.authority })
            // The in-process requests carry only what was set; the socket's also what libcurl adds.
            #expect(journal[1].transportHeader("User-Agent") == nil)
            #expect(journal[2].transportHeader("User-Agent") != nil)
        }
    }

    /// Linux's URLSession answers a 401 that carries `WWW-Authenticate: Basic` with an
    /// authentication challenge, and with no delegate to answer it the task never completes
    /// (swift-corelibs-foundation#5456) — over the socket and over the socket-free transport
    /// alike, since the challenge comes from URLSession, not from the transport. With a
    /// delegate that cancels the challenge, both hand the delegate the 401 and then fail with
    /// `URLError.cancelled`; the journal has the refusal. The socket's full answer is read
    /// through a raw connection below.
    @Test(
        "usertoken login without credentials: the same Basic challenge, then URLError.cancelled, on every transport",
        arguments: TransportUnderTest.allCases
    )
    func basicChallenge(transport: TransportUnderTest) async throws {
        try await withTransport(transport) { client in
            let recorder = TransportChallengeRecorder()
            let configuration = transport.isInProcess ? client.stub.inProcessConfiguration : URLSessionConfiguration.ephemeral
            let session = URLSession(configuration: configuration, delegate: recorder, delegateQueue: nil)
            defer { session.finishTasksAndInvalidate() }
            let request = try client.request("POST", "/auth/login", headers: ["Accept": "application/json"])
            do {
                let (_, response) = try await session.data(for: request)
                Issue.record("expected the challenge to be cancelled, got \(String(describing: (response as? HTTPURLResponse)?.statusCode))")
            } catch let error as URLError {
                #expect(error.code == .cancelled)
            }
            let challenge = try #require(recorder.challenges.first)
            #expect(recorder.challenges.count == 1)
            #expect(challenge.method == NSURLAuthenticationMethodHTTPBasic)
            #expect(challenge.response?.statusCode == 401)
            #expect(challenge.response?.value(forHTTPHeaderField: "WWW-Authenticate") == #"Basic realm="usertoken""#)
            let entry = try #require(client.stub.journal.last)
            #expect(entry.status == 401)
            #expect(entry.reason == "missing credentials (no Authorization header)")
        }
    }

    @Test("usertoken login without credentials over a raw socket: 401 with the Basic challenge and the documented body")
    func basicChallengeRaw() async throws {
        try await withTransport(.socket) { client in
            let connection = try await RawConnection.connect(port: try #require(client.stub.port))
            try await connection.send("POST /auth/login HTTP/1.1\r\nHost: a\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
            let response = try await connection.response()
            await connection.close()
            #expect(response.status == 401)
            #expect(response.header("WWW-Authenticate") == #"Basic realm="usertoken""#)
            #expect(response.text == #"{"message":"Authorization failed"}"#)
        }
    }

    static func limitedOptions(_ limit: Int) -> AuthStubServer.Options {
        var options = AuthStubServer.Options()
        options.http.limits.maxBodyBytes = limit
        return options
    }

    @Test(
        "a body over the HTTP limit → 413 in process, as over the socket, and nothing reaches the engine",
        arguments: [TransportUnderTest.inProcess, .inProcessUnstarted]
    )
    func bodyTooLarge(transport: TransportUnderTest) async throws {
        try await withTransport(transport, Self.limitedOptions(64)) { client in
            let large = String(repeating: "x", count: 65)
            let response = try await client.send("POST", "/m2m/v1/auth/login", headers: TransportRequests.json, body: large)
            #expect(response.status == 413)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text == #"{"error":"body larger than 64 bytes"}"#)
            #expect(client.stub.journal.isEmpty)

            // A stream body is measured too.
            var streamed = try client.request("POST", "/m2m/v1/auth/login", headers: TransportRequests.json)
            streamed.httpBodyStream = InputStream(data: Data(String(repeating: "y", count: 100_000).utf8))
            #expect(try await client.send(streamed).status == 413)
            #expect(client.stub.journal.isEmpty)

            // At the limit the body goes through: 64 bytes of not-JSON get the engine's 400.
            let atLimit = try await client.send(
                "POST",
                "/m2m/v1/auth/login",
                headers: TransportRequests.json,
                body: String(repeating: "x", count: 64)
            )
            #expect(atLimit.status == 400)
            #expect(client.stub.journal.last?.body == String(repeating: "x", count: 64))

            // And a login whose body arrives as a stream works.
            var login = try client.request("POST", "/m2m/v1/auth/login", headers: TransportRequests.json)
            login.httpBodyStream = InputStream(data: Data(TransportRequests.credentials.utf8))
            #expect(try await client.send(login).status == 201)
            #expect(client.stub.journal.last?.body == TransportRequests.journaledCredentials)
        }
    }

    @Test("the socket's 413 for the same body, read raw: the status and body the in-process transport gives")
    func bodyTooLargeSocket() async throws {
        try await withTransport(.socket, Self.limitedOptions(64)) { client in
            let connection = try await RawConnection.connect(port: try #require(client.stub.port))
            try await connection.send("POST /m2m/v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 65\r\n\r\n")
            let response = try await connection.response()
            await connection.close()
            #expect(response.status == 413)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text == #"{"error":"body larger than 64 bytes"}"#)
            #expect(client.stub.journal.isEmpty)
        }
    }

    @Test("two servers that never listen: each session reaches only its own server")
    func sessionsStayWithTheirServer() async throws {
        let first = try AuthStubServer()
        let second = try AuthStubServer()
        #expect(first.baseURL != second.baseURL)
        #expect(first.baseURL.host?.hasSuffix(".invalid") == true)
        #expect(first.port == nil)
        let one = TransportClient(transport: .inProcessUnstarted, stub: first, session: first.makeInProcessSession())
        let two = TransportClient(transport: .inProcessUnstarted, stub: second, session: second.makeInProcessSession())
        defer {
            one.session.finishTasksAndInvalidate()
            two.session.finishTasksAndInvalidate()
        }

        let firstToken = try await one.wiceToken()
        _ = try await two.send("GET", "/m2m/v1/auth/logn?second")
        _ = try await one.send("GET", "/m2m/v1/auth/logn?first")
        try await first.addFault(.status(503), times: nil)

        #expect(first.journal.map(\.query) == [nil, "first"])
        #expect(second.journal.map(\.query) == ["second"])
        #expect(try await second.tokens().isEmpty)
        #expect(try await second.faults().isEmpty)
        // The first server's token and fault mean nothing to the second.
        let refused = try await two.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": firstToken])
        #expect(refused.status == 401)
        #expect(second.journal.last?.reason == "unknown token")
        #expect(try await one.send("DELETE", "/m2m/v1/auth/logout", headers: ["auth-token": firstToken]).status == 503)
        #expect(first.journal.count == 3)
    }

    @Test("an in-process session leaves other hosts to the network: an .invalid host it does not serve fails to resolve")
    func otherHostsGoOut() async throws {
        let stub = try AuthStubServer()
        let session = stub.makeInProcessSession()
        defer { session.finishTasksAndInvalidate() }
        let url = try #require(URL(string: "http://authstub-not-a-server.invalid/m2m/v1/auth/login"))
        await #expect(throws: URLError.self) { _ = try await session.data(from: url) }
        #expect(stub.journal.isEmpty)
    }
}
