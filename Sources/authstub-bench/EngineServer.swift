import AuthStub
import Foundation
import StubHTTP

/// The real product for compare.sh: `AuthStubServer` with the bundled fixtures (so the login is
/// the `wice` fixture, with credentials checked, a token minted and journaled), plus a `bench`
/// service whose public `GET /health` fixture answers the harness's start-up probe.
enum EngineServer {
    static let healthService = """
        { "kind": "service", "name": "bench", "credentials": { "scheme": "jsonBody" }, "token": { "scheme": "bearer" },
          "errors": { "mediaType": "application/json", "body": { "error": "{{message}}" } } }
        """
    static let healthEndpoint = """
        { "kind": "endpoint", "name": "health", "method": "GET", "path": "/health", "role": "public",
          "responses": [ { "name": "ok", "when": "success", "status": 200,
                           "headers": { "Content-Type": "application/json" }, "body": { "status": "ok" } } ] }
        """

    /// A folder holding the `bench` service, written once per process.
    static func healthFixtures() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authstub-bench-\(getpid())/bench")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(healthService.utf8).write(to: folder.appendingPathComponent("service.json"))
        try Data(healthEndpoint.utf8).write(to: folder.appendingPathComponent("health.json"))
        return folder
    }

    static func options(port: Int) throws -> AuthStubServer.Options {
        AuthStubServer.Options(host: "127.0.0.1", port: port, fixtures: [.bundled, .directory(try healthFixtures())])
    }

    static func serve(port: Int) async {
        do {
            let server = try AuthStubServer(options: try options(port: port))
            try await server.start()
            FileHandle.standardOutput.write(Data("listening on \(server.baseURL.absoluteString)\n".utf8))
            await serveUntilTerminated(server)
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            exit(1)
        }
    }
}
