import AuthStub

/// The start-up lines that tell a person what is served and how to log in.
enum ServiceSummary {
    /// How the start-up line names a credential scheme.
    private static func name(of scheme: CredentialScheme) -> String {
        switch scheme {
        case .basic: "HTTP Basic"
        case .client: "OAuth 2.0 client"
        default: "request body"
        }
    }

    static func lines(_ fixtures: FixtureSet) -> [String] {
        fixtures.services.map { service in
            let paths = service.basePaths.map { $0.isEmpty ? "/" : $0 + "/" }.joined(separator: ", ")
            let scheme = service.credentials.map { Self.name(of: $0.scheme) }.joined(separator: " + ")
            let users = service.users.map { "\($0.username) / \($0.password)" }.joined(separator: ", ")
            let title = service.title.map { " (\($0))" } ?? ""
            return
                "\(service.name)\(title): \(service.endpoints.count) endpoints under \(paths); login \(scheme): \(users.isEmpty ? "no users" : users)"
        }
    }
}
