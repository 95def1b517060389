public import AuthStub
public import Testing

extension AuthStubServer {
    /// The server the `.authStub` trait started for the running test, or nil outside one.
    /// Each test (and each case of a parameterized test) gets its own, so tests that run in
    /// parallel never share tokens, faults, clock or journal.
    @TaskLocal public static var current: AuthStubServer?
}

/// Gives each test its own started server, reachable as `AuthStubServer.current`, and stops
/// it when the test ends, whether it passed, failed or threw.
///
/// ```swift
/// @Test(.authStub) func login() async throws {
///     let stub = try #require(AuthStubServer.current)
///     …
/// }
///
/// @Suite(.authStub(AuthStubServer.Options(fixtures: [.bundled, .directory(myFixtures)])))
/// struct MyAuthTests { … }   // every test in the suite gets a server of its own
/// ```
public struct AuthStubTrait: TestTrait, SuiteTrait, TestScoping {
    /// How each test's server is set up.
    public let options: AuthStubServer.Options

    /// Applied to a suite, the trait reaches every test in it.
    public var isRecursive: Bool { true }

    /// A trait whose servers are set up with `options` (default: the bundled fixtures on `127.0.0.1` and a free port).
    public init(options: AuthStubServer.Options = AuthStubServer.Options()) {
        self.options = options
    }

    /// A scope per test case; none for a suite as a whole, so no server is shared.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> AuthStubTrait? {
        testCase == nil ? nil : self
    }

    /// Runs one test case with a started server of its own as `AuthStubServer.current`, and stops it afterwards.
    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withAuthStub(options: options) { server in
            try await AuthStubServer.$current.withValue(server) {
                try await function()
            }
        }
    }
}

extension Trait where Self == AuthStubTrait {
    /// A server with the bundled fixtures on `127.0.0.1` and a free port, for each test.
    public static var authStub: AuthStubTrait { AuthStubTrait() }

    /// A server set up with `options`, for each test.
    public static func authStub(_ options: AuthStubServer.Options) -> AuthStubTrait {
        AuthStubTrait(options: options)
    }
}
