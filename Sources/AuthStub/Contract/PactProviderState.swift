/// The Pact provider states AuthStub can set up, named as its exported Pact files name them.
public enum PactProviderState: String, Sendable, CaseIterable {
    /// A token for the service is valid.
    case validToken = "a valid token exists"
    /// A token for the service has expired.
    case expiredToken = "the token has expired"
    /// The user (the service's first when none is named) logs in with the password the
    /// Pact's requests show in place of the real one (`[redacted]`), so a recorded login
    /// succeeds without its password ever being written down.
    case knownUser = "the user exists"
    /// No user of the service has the password the Pact's requests show: a recorded refused
    /// login stays refused after `knownUser` was set up for another interaction.
    case unknownCredentials = "no user has the credentials shown"

    /// Whether setting the state up makes a token valid or expired.
    var concernsToken: Bool { self == .validToken || self == .expiredToken }
}
