public import AuthStub

/// Runs `body` with a started server and always stops it afterwards, even when `body` throws.
///
/// ```swift
/// try await withAuthStub { stub in
///     let (_, response) = try await URLSession.shared.data(from: stub.controlURL.appendingPathComponent("status"))
/// }
/// ```
public func withAuthStub<Result: Sendable>(
    options: AuthStubServer.Options = AuthStubServer.Options(),
    _ body: (AuthStubServer) async throws -> Result
) async throws -> Result {
    let server = try AuthStubServer(options: options)
    try await server.start()
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
