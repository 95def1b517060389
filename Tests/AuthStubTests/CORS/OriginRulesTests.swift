import Testing

@testable import AuthStub

/// Which origins and host names count as this machine.
@Suite("CORS: origin and host rules")
struct OriginRulesTests {
    @Test(
        "loopback origins",
        arguments: [
            "http://localhost:5173", "http://localhost", "https://localhost:8443", "http://127.0.0.1:3000", "http://127.1.2.3:80",
            "http://[::1]:8081", "http://app.localhost:3000", "HTTP://LOCALHOST:1",
        ]
    )
    func loopback(origin: String) {
        #expect(OriginRules.isLoopbackOrigin(origin))
    }

    @Test(
        "not loopback",
        arguments: [
            "http://localhost.evil.example", "http://127.0.0.1.evil.example", "http://evil.example", "null", "file://",
            "http://128.0.0.1", "http://127.0.0.1/path", "ftp://localhost", "http://[::2]:80", "http://127.0.0:1",
        ]
    )
    func foreign(origin: String) {
        #expect(!OriginRules.isLoopbackOrigin(origin))
    }

    @Test("host names without port or brackets")
    func hostNames() {
        #expect(OriginRules.hostName(of: "[::1]:8080") == "::1")
        #expect(OriginRules.hostName(of: "localhost:80") == "localhost")
        #expect(OriginRules.hostName(of: "example.com") == "example.com")
        #expect(OriginRules.isAddressLiteral("192.0.2.7"))
        #expect(OriginRules.isAddressLiteral("fe80::1"))
        #expect(!OriginRules.isAddressLiteral("rebind.example"))
    }
}
