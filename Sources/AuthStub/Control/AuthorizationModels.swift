/// What the next OAuth 2.0 authorization (`authorize` endpoint) of a service does, as a test
/// chooses it through the control API: it logs in `user` (nil: the service's first user), or
/// it is denied (`access_denied`). One-shot: the next authorization that reaches this step
/// uses it up.
public struct NextAuthorization: Sendable, Equatable {
    /// The service whose next authorization it is.
    public var service: String
    /// The user it logs in; nil: the service's first user.
    public var user: String?
    /// It is denied (`access_denied`).
    public var deny: Bool

    /// The next authorization of `service` logs in `user` (nil: the service's first), or is denied.
    public init(service: String, user: String? = nil, deny: Bool = false) {
        self.service = service
        self.user = user
        self.deny = deny
    }
}

/// A redirect URI a test registers for an OAuth 2.0 client, beside the client's fixture
/// `data.redirect_uris`.
public struct RedirectURIRegistration: Sendable, Equatable {
    /// The service the client belongs to.
    public var service: String
    /// The client id.
    public var client: String
    /// The redirect URI: absolute, without a fragment (RFC 6749 §3.1.2).
    public var uri: String

    /// Registers `uri` for `client` of `service`.
    public init(service: String, client: String, uri: String) {
        self.service = service
        self.client = client
        self.uri = uri
    }
}
