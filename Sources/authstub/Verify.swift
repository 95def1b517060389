import AuthStub
import Foundation

/// `authstub verify`: replay the fixtures against a real server, print the table, write JUnit
/// XML if asked, exit 0 only when every example matches.
enum Verify {
    static func run(_ options: VerifyOptions) async -> Int32 {
        do {
            guard let baseURL = URL(string: options.baseURL) else { throw ContractTransportError("not a URL: \(options.baseURL)") }
            let fixtures = try AuthStubServer.loadFixtures(Serve.fixtureLocations(options.fixtures))
            let transport = try ContractVerifier.transport(for: baseURL)
            let credentials = options.username.flatMap { username in
                options.password.map { ContractVerifier.Credentials(username: username, password: $0) }
            }
            let loaded = fixtures.services.map(\.name)
            if let unknown = options.services.first(where: { !loaded.contains($0) }) {
                throw ContractTransportError("--service \(unknown): no such service is loaded (loaded: \(loaded.joined(separator: ", ")))")
            }
            let verifier = ContractVerifier(fixtures: fixtures, transport: transport, credentials: credentials, services: options.services)
            let report = await verifier.run()
            printLine("Verifying \(baseURL.absoluteString) against \(verifier.services.map(\.name).joined(separator: ", "))")
            printLine(report.table())
            if let file = options.junitFile {
                try Data(report.junitXML().utf8).write(to: URL(fileURLWithPath: file))
            }
            return report.passed ? ExitStatus.success : ExitStatus.failure
        } catch let error as FixtureLoadError {
            printError("\(error.problems.count) problem(s) in the fixtures; first: \(error.problems.first.map { "\($0)" } ?? "")")
        } catch {
            printError("\(error)")
        }
        return ExitStatus.failure
    }
}
