/// What tests set for a server's OAuth 2.0 authorizations through the control API: who the next
/// authorization of a service logs in (or that it is denied), one-shot, and the redirect URIs
/// they register for clients beyond the fixture's. Kept in `EngineState`, cleared by `reset`.
struct AuthorizationControls: Sendable {
    /// At most this many redirect URIs registered through the control API, over all clients.
    static let redirectURILimit = 1_000

    /// Service → its next authorization (one a service: a later call replaces it).
    var next: [String: NextAuthorization] = [:]
    /// Service → client id → the redirect URIs registered for it.
    private(set) var redirectURIs: [String: [String: [String]]] = [:]
    /// How many redirect URIs are registered, over all clients.
    private(set) var redirectURICount = 0

    /// The redirect URIs registered for `client` of `service`.
    func redirectURIs(service: String, client: String) -> [String] {
        redirectURIs[service]?[client] ?? []
    }

    /// Registers `uri` for `client` of `service`; false when the limit is reached. Registering one
    /// twice changes nothing.
    mutating func register(_ uri: String, service: String, client: String) -> Bool {
        if redirectURIs(service: service, client: client).contains(uri) { return true }
        guard redirectURICount < Self.redirectURILimit else { return false }
        redirectURIs[service, default: [:]][client, default: []].append(uri)
        redirectURICount += 1
        return true
    }
}
