import Foundation
import Testing

@testable import authstub

/// `authstub schema`.
@Suite("CLI: schema")
struct SchemaCLITests {
    @Test("schema prints fixtures/authstub-fixtures.schema.json byte for byte and exits 0; an argument exits 64")
    func schema() async throws {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // authstubTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // the package
            .appendingPathComponent("fixtures/authstub-fixtures.schema.json")
        let source = try String(contentsOf: file, encoding: .utf8)
        let result = try await CLIProcess.run(["schema"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == source, "the built-in schema differs from \(file.path): run .ci/embed-fixture-schema.sh")
        let schema = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(schema?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")

        let extra = try await CLIProcess.run(["schema", "--fixtures", "x"])
        #expect(extra.status == 64)
        #expect(extra.stderr == "Error: schema takes no arguments, not '--fixtures' (see 'authstub --help')\n")
        #expect(try await CLIProcess.run(["--help"]).stdout.contains("authstub schema"))
    }
}
