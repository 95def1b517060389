import Foundation
import Testing

@testable import AuthStub

/// Which services `verify` checks: those named, else all but the ones whose fixture says
/// `"verifyByDefault": false`.
@Suite("Contract: the services verify checks")
struct ContractServiceSelectionTests {
    static let files: [String: String] = [
        "api/service.json": TokenFixture.service(token: #"{ "scheme": "bearer" }"#),
        "api/login.json": TokenFixture.login(body: #"{ "token": "{{token}}" }"#),
        "extra/service.json": TokenFixture.service(
            name: "extra",
            token: #"{ "scheme": "bearer" }"#,
            extra: #", "basePaths": ["/extra"], "verifyByDefault": false"#
        ),
        "extra/login.json": TokenFixture.login(body: #"{ "token": "{{token}}" }"#),
    ]

    @Test("by default a service with verifyByDefault: false is left out; named, it alone is checked")
    func selection() async throws {
        try await TokenFixture.serve(Self.files) { stub in
            #expect(stub.fixtures.services.map(\.verifiedByDefault) == [true, false])
            let transport = try ContractVerifier.transport(for: stub.baseURL)
            let byDefault = ContractVerifier(fixtures: stub.fixtures, transport: transport)
            #expect(byDefault.services.map(\.name) == ["api"])
            #expect(Set(await byDefault.run().checks.map(\.service)) == ["api"])
            let named = ContractVerifier(fixtures: stub.fixtures, transport: transport, services: ["extra"])
            #expect(named.services.map(\.name) == ["extra"])
            #expect(Set(await named.run().checks.map(\.service)) == ["extra"])
        }
    }

    @Test("verifyByDefault must be a boolean: the loader names the file and the key")
    func notBoolean() async throws {
        try await withTemporaryFolder { folder in
            try write(
                TokenFixture.service(token: #"{ "scheme": "bearer" }"#, extra: #", "verifyByDefault": "no""#),
                to: "api/service.json",
                in: folder
            )
            try write(TokenFixture.login(body: #"{ "token": "{{token}}" }"#), to: "api/login.json", in: folder)
            let error = #expect(throws: FixtureLoadError.self) {
                try AuthStubServer.loadFixtures([.directory(folder.appendingPathComponent("api"))])
            }
            #expect(error?.problems.map(\.path) == ["$.verifyByDefault"])
            #expect(error?.problems.first?.reason == "expected true or false, found the string \"no\"")
            #expect(error?.problems.first?.file.hasSuffix("api/service.json") == true)
        }
    }
}
