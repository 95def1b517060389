extension Engine {
    /// The longest redirect URI the control API registers, in bytes.
    static let redirectURILimit = 2_048

    /// Chooses what the next authorization of the service does; 404 for an unknown service or
    /// user, 400 for a user and a denial at once.
    func setNextAuthorization(_ next: NextAuthorization) throws(ControlError) -> NextAuthorization {
        guard fixtures.services.contains(where: { $0.name == next.service }) else {
            throw .notFound("no service \"\(next.service)\"", field: "service")
        }
        if next.deny, next.user != nil { throw .badInput("a denied authorization logs in no user", field: "user") }
        return try state.withLock { (state: inout EngineState) throws(ControlError) -> NextAuthorization in
            if let user = next.user, state.users[next.service]?[user] == nil {
                throw .notFound("no user \"\(user)\" in service \"\(next.service)\"", field: "user")
            }
            state.authorizations.next[next.service] = next
            return next
        }
    }

    /// Registers a redirect URI for a client of an `authorize` endpoint of the service: 404 for
    /// an unknown service or client, 400 for a URI that is not absolute, has a fragment (RFC 6749
    /// §3.1.2), holds spaces or control bytes or is longer than 2,048 bytes, 409 past
    /// `AuthorizationControls.redirectURILimit`.
    func registerRedirectURI(_ registration: RedirectURIRegistration) throws(ControlError) -> RedirectURIRegistration {
        guard let service = fixtures.services.first(where: { $0.name == registration.service }) else {
            throw .notFound("no service \"\(registration.service)\"", field: "service")
        }
        let lists = Set(service.endpoints.compactMap(\.clients))
        guard lists.contains(where: { service.account(registration.client, in: $0) != nil }) else {
            throw .notFound("no client \"\(registration.client)\" of an authorize endpoint of \"\(service.name)\"", field: "client")
        }
        let uri = registration.uri
        guard Self.hasScheme(uri), uri.utf8.count <= Self.redirectURILimit,
            !uri.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "#") })
        else {
            throw .badInput("a redirect URI is absolute (scheme:…), at most 2,048 bytes, without a fragment, spaces or control bytes", field: "uri")
        }
        let registered = state.withLock { $0.authorizations.register(uri, service: service.name, client: registration.client) }
        guard registered else {
            throw ControlError(
                status: 409,
                message: "at most \(AuthorizationControls.redirectURILimit) redirect URIs can be registered",
                field: "uri"
            )
        }
        return registration
    }

    /// Whether `uri` starts with a scheme and a colon (RFC 3986 §3.1: a letter, then letters,
    /// digits, `+`, `-` or `.`).
    private static func hasScheme(_ uri: String) -> Bool {
        let bytes = Array(uri.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return false }
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        return isLetter(bytes[0]) && bytes[1..<colon].allSatisfy { isLetter($0) || (0x30...0x39).contains($0) || "+-.".utf8.contains($0) }
    }
}
