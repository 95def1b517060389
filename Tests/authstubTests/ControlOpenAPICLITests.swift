import AuthStub
import Foundation
import Testing

@testable import authstub

/// `authstub openapi --control`, through the real binary.
@Suite("CLI: openapi --control")
struct ControlOpenAPICLITests {
    @Test("openapi --control prints the control API's document, as GET /__control/openapi.json serves it, naming the default server")
    func printed() async throws {
        let result = try await CLIProcess.run(["openapi", "--control"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = ControlOpenAPIDocument.make(serverURL: "http://127.0.0.1:8080/__control").serialized()
        #expect(result.stdout == expected + "\n")
        #expect(try CommandLineParser.parse(["openapi", "--control"]) == .controlOpenAPI)
    }

    @Test("openapi --control with --fixtures is a usage error (exit 64): the control API does not depend on fixtures")
    func withFixtures() async throws {
        let result = try await CLIProcess.run(["openapi", "--control", "--fixtures", "fixtures"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("leave out --fixtures"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
