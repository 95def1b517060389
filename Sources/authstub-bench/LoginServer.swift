import Foundation
import StubHTTP

/// The two routes compare.sh needs, as a stand-in until the fixture engine serves them:
/// `GET /health` and `POST /m2m/v1/auth/login` checking the body's credentials.
enum LoginServer {
    private struct Credentials: Decodable {
        let username: String
        let password: String
    }

    static let health = HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], text: "{\"status\":\"ok\"}")
    static let loggedIn = Array("{\"code\":12345,\"message\":\"...\"}".utf8)
    static let refused = HTTPResponse(
        status: 401,
        headers: ["Content-Type": "application/json"],
        text: "{\"code\":401,\"message\":\"The username and password do not match any credentials.\"}"
    )

    static func handle(_ request: HTTPRequest) -> HTTPAction {
        switch (request.method, request.path) {
        case ("GET", "/health"):
            return .respond(health)
        case ("POST", "/m2m/v1/auth/login"):
            guard let credentials = try? JSONDecoder().decode(Credentials.self, from: Data(request.body)),
                credentials.username == "user", credentials.password == "secret"
            else {
                return .respond(refused)
            }
            let token = UUID().uuidString.lowercased()
            return .respond(HTTPResponse(status: 201, headers: ["Content-Type": "application/json", "auth-token": token], body: loggedIn))
        default:
            return .respond(.error(status: 404, message: "not found"))
        }
    }

    static func serve(port: Int) async {
        let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: port), answering: { .finished(handle($0)) })
        do {
            try await server.start()
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            exit(1)
        }
        FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(server.port ?? port)\n".utf8))
        await serveUntilTerminated(server)
    }
}
