import AuthStub

/// `authstub openapi`: the loaded fixtures, or with `--control` the control API, as an OpenAPI
/// 3.1 document on standard output.
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

    /// The control API's URL for a server started with `authstub serve`'s defaults.
    static let defaultControlURL = "http://127.0.0.1:8080/__control"

    /// `authstub openapi --control`: the control API's document, as `GET /__control/openapi.json`
    /// serves it (compact JSON) but naming `defaultControlURL` as its server.
    static func runControl() -> Int32 {
        printLine(ControlOpenAPIDocument.make(serverURL: defaultControlURL).serialized())
        return ExitStatus.success
    }
}
