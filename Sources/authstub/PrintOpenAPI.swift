import AuthStub

/// `authstub openapi`: the loaded fixtures as an OpenAPI 3.1 document on standard output.
enum PrintOpenAPI {
    static func run(_ folders: [String]) -> Int32 {
        do {
            let fixtures = try AuthStubServer.loadFixtures(Serve.fixtureLocations(folders))
            printLine(OpenAPIDocument.make(fixtures).prettyPrinted())
            return ExitStatus.success
        } catch {
            let count = error.problems.count
            printError("\(count == 1 ? "1 problem" : "\(count) problems") in the fixtures (run 'authstub validate' for the list)")
            return ExitStatus.failure
        }
    }
}
