public import AuthStub
public import XCTest

extension XCTestCase {
    /// Starts a server for this test and stops it in the test's teardown, whether the test
    /// passed, failed or threw.
    ///
    /// ```swift
    /// final class LoginTests: XCTestCase {
    ///     func testLogin() async throws {
    ///         let stub = try await startAuthStub()
    ///         …
    ///     }
    /// }
    /// ```
    public func startAuthStub(_ options: AuthStubServer.Options = AuthStubServer.Options()) async throws -> AuthStubServer {
        let server = try await AuthStubServer.start(options)
        addTeardownBlock { await server.stop() }
        return server
    }
}
