import AuthStub
import Foundation
import StubHTTP

/// `authstub serve`: listen, print where, serve until SIGINT or SIGTERM, stop cleanly.
enum Serve {
    static func run(_ options: ServeOptions) async -> Int32 {
        let server = AuthStubServer(options: AuthStubServer.Options(host: options.host, port: options.port))
        let signal = Task { await TerminationSignal.wait() }
        do {
            try await server.start()
        } catch {
            printError("\(error)")
            return ExitStatus.failure
        }
        printLine("AuthStub \(AuthStubVersion.current) listening on \(server.baseURL.absoluteString)")
        printLine("  control: \(server.controlURL.absoluteString)")
        let name = await signal.value
        await server.stop()
        printLine("Stopped (\(name)).")
        return ExitStatus.success
    }
}
