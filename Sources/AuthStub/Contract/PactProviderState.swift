/// The Pact provider states AuthStub can set up, named as its exported Pact files name them.
public enum PactProviderState: String, Sendable, CaseIterable {
    /// A token for the service is valid.
    case validToken = "a valid token exists"
    /// A token for the service has expired.
    case expiredToken = "the token has expired"
}
