import Testing

@testable import AuthStub

/// The rules for what the journal hides, one value at a time.
@Suite("Journal: redaction rules")
struct RedactionTests {
    /// The bundled services' rules: `wice` carries its token in `auth-token`.
    static let rules = Redaction(services: (try? AuthStubServer.loadFixtures([.bundled]).services) ?? [])
    static let token = "5c0b2f4e-1111-4222-8333-444455556666"

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let sent: String
        let shown: String
        var testDescription: String { "\(name): \(sent)" }
    }

    static let headers: [Case] = [
        Case(name: "Authorization", sent: "Basic dXNlcjpzZWNyZXQ=", shown: "Basic [redacted]"),
        Case(name: "authorization", sent: "Bearer \(token)", shown: "Bearer 5c0b…"),
        Case(name: "Proxy-Authorization", sent: #"Digest username="u", response="6629fae4""#, shown: "Digest [redacted]"),
        Case(name: "Authorization", sent: "opaque", shown: "[redacted]"),
        Case(name: "Cookie", sent: "session=abc123; theme=dark", shown: "session=[redacted]; theme=[redacted]"),
        Case(name: "Set-Cookie", sent: "id=a3fWa; Secure", shown: "id=[redacted]; Secure"),
        Case(name: "auth-token", sent: token, shown: "5c0b…"),
        Case(name: "X-Auth-Token", sent: token, shown: "5c0b…"),
        Case(name: "X-Api-Key", sent: "k-9f8e7d6c", shown: "k-9f…"),
        Case(name: "X-Client-Secret", sent: "hunter2", shown: "[redacted]"),
        Case(name: "Accept", sent: "application/json", shown: "application/json"),
        Case(name: "Content-Type", sent: "application/x-www-form-urlencoded", shown: "application/x-www-form-urlencoded"),
        Case(name: "X-AuthStub-Example", sent: "wice/login", shown: "wice/login"),
    ]

    @Test("header values: credentials keep their scheme, bearer tokens their first four characters, others stay", arguments: headers)
    func header(_ testCase: Case) {
        #expect(Self.rules.header(testCase.name, testCase.sent) == testCase.shown)
    }

    /// `name` is the Content-Type here.
    static let bodies: [Case] = [
        Case(name: "application/json", sent: #"{"username":"user","password":"secret"}"#, shown: #"{"username":"user","password":"[redacted]"}"#),
        Case(name: "text/plain", sent: #"{"username":"user","password":"secret"}"#, shown: #"{"username":"user","password":"[redacted]"}"#),
        Case(
            name: "application/json",
            sent: #"{"client": {"clientSecret": "s", "refresh_token": "r-abcdefgh"}, "list": [{"Password": 5}], "note": "hi", "token": null}"#,
            shown: #"{"client":{"clientSecret":"[redacted]","refresh_token":"r-ab…"},"list":[{"Password":"[redacted]"}],"note":"hi","token":null}"#
        ),
        Case(name: "application/json", sent: #"{ "note": "nothing secret" }"#, shown: #"{ "note": "nothing secret" }"#),
        Case(
            name: "application/x-www-form-urlencoded",
            sent: "username=user&password=secret&grant_type=password",
            shown: "username=user&password=[redacted]&grant_type=password"
        ),
        Case(
            name: "application/x-www-form-urlencoded; charset=utf-8",
            sent: "pass%77ord=secret&&refresh_token=abcdefgh&client_secret",
            shown: "pass%77ord=[redacted]&&refresh_token=abcd%E2%80%A6&client_secret"
        ),
        Case(name: "application/json", sent: #"{"username":"user","password":"secret""#, shown: "[redacted]"),
        Case(name: "text/plain", sent: "my password is secret", shown: "[redacted]"),
        Case(name: "text/plain", sent: "xxxx", shown: "xxxx"),
        Case(name: "application/json", sent: "", shown: ""),
    ]

    @Test("bodies: JSON and forms keep their shape with secret fields hidden; other text naming a secret is hidden whole", arguments: bodies)
    func body(_ testCase: Case) {
        #expect(Self.rules.body(testCase.sent, contentType: testCase.name) == testCase.shown)
    }

    @Test("query strings: secret parameters hidden, the rest as sent")
    func query() {
        #expect(Self.rules.query("a=1&access_token=abcdefgh&b=%2F") == "a=1&access_token=abcd%E2%80%A6&b=%2F")
        #expect(Self.rules.query("__code=401") == "__code=401")
        #expect(Self.rules.query(nil) == nil)
    }

    @Test("a service's own password field is hidden, whatever its name")
    func fixturePasswordField() throws {
        #expect(Self.rules.body(#"{"login":"ada","pin":"1234"}"#, contentType: "application/json") == #"{"login":"ada","pin":"1234"}"#)
        var service = try #require(try AuthStubServer.loadFixtures([.bundled]).services.first { $0.name == "wice" })
        service.credentials = [CredentialCheck(scheme: .body, usernameField: "login", passwordField: "pin")]
        let rules = Redaction(services: [service])
        #expect(rules.body(#"{"login":"ada","pin":"1234"}"#, contentType: "application/json") == #"{"login":"ada","pin":"[redacted]"}"#)
    }

    @Test("a common header is shown as sent in any capitalisation, unless a service's rules make it a key")
    func commonHeaderCapitalisations() throws {
        for name in ["Origin", "origin", "ORIGIN", "X-Request-Id", "x-request-id", "X-REQUEST-ID"] {
            #expect(Self.rules.header(name, "abcdefgh") == "abcdefgh")
        }
        var service = try #require(try AuthStubServer.loadFixtures([.bundled]).services.first { $0.name == "wice" })
        service.requiredHeaders = [RequiredHeader(name: "X-Request-ID", values: ["abcdefgh"])]
        let rules = Redaction(services: [service])
        for name in ["X-Request-Id", "x-request-id", "X-REQUEST-ID"] {
            #expect(rules.header(name, "abcdefgh") == "abcd…")
        }
        #expect(rules.header("Origin", "abcdefgh") == "abcdefgh")
    }

    @Test("tokens are shown by their first four characters, short ones not at all")
    func shortened() {
        #expect(Redaction.shortened(Self.token) == "5c0b…")
        #expect(Redaction.shortened("abcde") == "abcd…")
        #expect(Redaction.shortened("abcd") == "…")
        #expect(Redaction.shortened("") == "…")
    }
}
