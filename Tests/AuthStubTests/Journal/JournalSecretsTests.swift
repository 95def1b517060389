import Foundation
import StubHTTP
import TestSupport
import Testing

@testable import AuthStub

/// What clients send as credentials never reaches the journal (unless the server keeps
/// secrets), and filters given a full token or header value still find the requests.
@Suite("Journal: secrets are hidden")
struct JournalSecretsTests {
    static let basic = "Basic " + Data("user:secret".utf8).base64EncodedString()

    /// Over a real socket: a JSON login (#1), a form login (#2, 415), a Basic login (#3), a
    /// bump with its bearer token (#4), a wice logout with its auth-token (#5), and a request
    /// with the token in a cookie and the query (#6, 405). Returns the wice and usertoken tokens.
    static func logInEveryWay(_ stub: AuthStubServer) async throws -> (wice: String, bearer: String) {
        let wice = try await stub.wiceLogin()
        let form = try await stub.controlRawSend(
            "POST",
            "/m2m/v1/auth/login",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "username=user&password=secret"
        )
        #expect(form.status == 415)
        let basic = try await stub.controlUserTokenLogin("user", "secret")
        #expect(basic.status == 200)
        let bearer = try #require(try JSONValue.parse(basic.body)["token"]?.stringValue)
        #expect(try await stub.controlBump(bearer).status == 200)
        #expect(try await stub.controlWiceLogout(wice).status == 204)
        let cookie = try await stub.controlRawSend("GET", "/auth/bump?access_token=\(bearer)", headers: ["Cookie": "session=\(bearer)"])
        #expect(cookie.status == 405)
        return (wice, bearer)
    }

    @Test("form, JSON and Basic logins over a socket: GET /__control/requests holds no password, Basic value or full token")
    func controlRequestsHoldNoSecret() async throws {
        try await withStub { stub in
            let (wice, bearer) = try await Self.logInEveryWay(stub)
            let listing = try await stub.controlRawSend("GET", "/__control/requests")
            #expect(listing.status == 200)
            for secret in ["secret", String(Self.basic.dropFirst(6)), wice, bearer] {
                #expect(!listing.text.contains(secret), "the journal shows \(secret)")
            }

            let entries = try await stub.controlClient().requests()
            try #require(entries.count == 6)
            #expect(entries.map(\.body) == [#"{"username":"user","password":"[redacted]"}"#, "username=user&password=[redacted]", "", "", "", ""])
            func header(_ entry: JournalEntry, _ name: String) -> String? { entry.headers.first { $0.name.lowercased() == name.lowercased() }?.value }
            #expect(header(entries[2], "Authorization") == "Basic [redacted]")
            #expect(header(entries[3], "Authorization") == "Bearer \(bearer.prefix(4))…")
            #expect(header(entries[4], "auth-token") == "\(wice.prefix(4))…")
            #expect(header(entries[5], "Cookie") == "session=[redacted]")
            #expect(entries[5].query == "access_token=\(bearer.prefix(4))%E2%80%A6")
            #expect(entries.map(\.token) == ["\(wice.prefix(4))…", nil, "\(bearer.prefix(4))…", "\(bearer.prefix(4))…", "\(wice.prefix(4))…", nil])
            #expect(entries.map(\.user) == ["user", nil, "user", "user", "user", nil])
            #expect(entries == stub.journal, "the server keeps no more than it shows")
        }
    }

    @Test("a filter given the full token or header value finds the requests that carried it", arguments: ControlTransport.allCases)
    func filtersMatchFullValues(transport: ControlTransport) async throws {
        try await withControl(transport) { stub, control async throws in
            let (wice, bearer) = try await Self.logInEveryWay(stub)
            #expect(try await control.requests(JournalFilter(token: wice)).map(\.id) == [1, 5])
            #expect(try await control.requests(JournalFilter(token: bearer)).map(\.id) == [3, 4])
            #expect(try await control.countRequests(JournalFilter(token: bearer)) == 2)
            #expect(try await control.requests(JournalFilter(token: "\(wice.prefix(4))…")).map(\.id) == [1, 5], "as the journal shows it")
            #expect(try await control.requests(JournalFilter(token: String(wice.dropLast()))).isEmpty)
            #expect(try await control.requests(JournalFilter(header: .init("authorization", "Bearer \(bearer)"))).map(\.id) == [4])
            #expect(try await control.requests(JournalFilter(header: .init("Authorization", Self.basic))).map(\.id) == [3])
            #expect(try await control.requests(JournalFilter(header: .init("Authorization", "Basic [redacted]"))).map(\.id) == [3])
            #expect(try await control.requests(JournalFilter(header: .init("Authorization", "Basic dXNlcjpub3Bl"))).isEmpty)
            #expect(try await control.requests(JournalFilter(header: .init("auth-token", wice))).map(\.id) == [5])
            #expect(try await control.requests(JournalFilter(header: .init("Cookie", "session=\(bearer)"))).map(\.id) == [6])
            #expect(try await control.requests(JournalFilter(header: .init("Content-Type", "application/x-www-form-urlencoded"))).map(\.id) == [2])
            #expect(try await control.requests(JournalFilter(header: .init("Authorization"))).map(\.id) == [3, 4])
        }
    }

    @Test("header and token filters over HTTP: query parameters, and the count's JSON body")
    func filtersOverHTTP() async throws {
        try await withStub { stub in
            let (wice, _) = try await Self.logInEveryWay(stub)
            let byToken = try await stub.controlRawSend("GET", "/__control/requests?token=\(wice)")
            #expect(try JSONValue.parse(byToken.body)["requests"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [1, 5])
            let byHeader = try await stub.controlRawSend("GET", "/__control/requests?header=auth-token:%20\(wice)")
            #expect(try JSONValue.parse(byHeader.body)["requests"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [5])
            let count = try await stub.controlRawSend("POST", "/__control/requests/count", body: #"{"header": "Cookie"}"#)
            #expect(try JSONValue.parse(count.body)["count"]?.intValue == 1)
            let nameless = try await stub.controlRawSend("GET", "/__control/requests?header=:x")
            #expect(nameless.status == 400)
            #expect(try JSONValue.parse(nameless.body)["field"]?.stringValue == "header")
        }
    }

    @Test("keepSecrets: the journal keeps bodies, credentials and tokens as sent")
    func keepSecrets() async throws {
        var options = AuthStubServer.Options()
        options.keepSecrets = true
        try await withStub(options) { stub in
            let (wice, bearer) = try await Self.logInEveryWay(stub)
            let entries = try await stub.controlClient().requests()
            try #require(entries.count == 6)
            #expect(entries.map(\.body) == [#"{"username":"user","password":"secret"}"#, "username=user&password=secret", "", "", "", ""])
            #expect(entries[2].headers.contains(HTTPHeaderField("Authorization", Self.basic)))
            #expect(entries[3].headers.contains(HTTPHeaderField("Authorization", "Bearer \(bearer)")))
            #expect(entries[5].headers.contains(HTTPHeaderField("Cookie", "session=\(bearer)")))
            #expect(entries[5].query == "access_token=\(bearer)")
            #expect(entries.map(\.token) == [wice, nil, bearer, bearer, wice, nil])
            #expect(try await stub.requests(JournalFilter(token: wice)).map(\.id) == [1, 5])
        }
    }

    @Test("the request log is told the entry as the journal keeps it")
    func requestLogSeesRedacted() async throws {
        let seen = Locked<[JournalEntry]>([])
        var options = AuthStubServer.Options()
        options.requestLog = { entry in seen.withLock { $0.append(entry) } }
        let token = try await withStub(options) { stub in try await stub.wiceLogin() }
        // Entries reach the log in batches; the stop at the end of withStub passed on the last.
        let logged = try #require(seen.withLock { $0 }.first)
        #expect(logged.body == #"{"username":"user","password":"[redacted]"}"#)
        #expect(logged.token == "\(token.prefix(4))…")
    }
}
