import Foundation

/// The one home of how recorded exchanges become fixture documents: it takes the exchanges
/// apart, finds the routes (`RouteShapes`), the token trail (`TokenTrail`), the roles
/// (`RouteRoles`), the users and the secrets, and writes `service.json` and one endpoint file
/// per route, each inference in `interpretations`. It writes nothing to disk (`RecordingWriter`
/// does).
struct FixtureSynthesis {
    /// One file to write: its name and content.
    struct Document {
        /// The file name, e.g. `post-auth-login.json`.
        var file: String
        /// The JSON it holds.
        var json: JSONValue
    }

    /// `service.json`.
    private(set) var service: Document
    /// The endpoint files, in the order their routes were first seen.
    private(set) var endpoints: [Document] = []
    /// The users the folder lets log in.
    private(set) var users: [RecordingReport.User] = []
    /// What was replaced where.
    private(set) var scrubbed: [String] = []
    /// The service's inferences and what was left out, in sentences (`service.json` lists them).
    private(set) var interpretations: [String] = []
    /// What each endpoint file says beside its role, prefixed with the file's name.
    private(set) var endpointNotes: [String] = []
    /// The secrets and tokens replaced, for the writer's last check.
    let scrubber: SecretScrubber

    /// The context every endpoint's synthesis shares.
    struct Context {
        /// Where the recording's requests went (scheme, host, port, base path).
        let upstream: URL
        /// `recorded from <upstream>`: every `source.seed`.
        let seed: String
        /// The token trail.
        let trail: TokenTrail
        /// The secrets to replace.
        let scrubber: SecretScrubber
        /// The user's credentials the service's logins took, as first recorded.
        let credentials: LoginCredentials?
        /// The OAuth client the service's logins took, as first recorded.
        let client: ClientCredentials?
        /// Access tokens logged out, by value, with the exchange that did it.
        let loggedOut: [String: Int]
    }

    /// The documents for `exchanges` (not empty), as `options` ask.
    init(_ exchanges: [ProxiedExchange], options: RecordingOptions) {
        let recorded = exchanges.enumerated().map { RecordedExchange($1, index: $0) }
        let routes = RouteShapes.routes(of: recorded)
        let trail = TokenTrail(routes: routes)
        let roles = RouteRoles.roles(of: routes, trail: trail)
        let upstream = exchanges.first?.upstream ?? URL(fileURLWithPath: "/")
        let seed = "recorded from \(upstream.absoluteString)"

        var logins: [(user: LoginCredentials?, client: ClientCredentials?)] = []
        for (route, inferred) in zip(routes, roles) where inferred.role == .login {
            for exchange in route.exchanges.sorted(by: { $0.index < $1.index }) where exchange.succeeded && exchange.carriesCredentials {
                logins.append((LoginCredentials(exchange), ClientCredentials(exchange)))
            }
        }
        let credentials =
            logins.lazy.compactMap(\.user).first
            ?? zip(routes, roles).lazy.filter { $0.1.role == .login }.flatMap(\.0.exchanges).compactMap(LoginCredentials.init).first
        let client = logins.lazy.compactMap(\.client).first
        var seenUsers: Set<String> = []
        let accounts = logins.flatMap { login in
            [login.client.map { (Self.clientList, $0.id, $0.secret) }, login.user.map { (CredentialCheck.userList, $0.username, $0.password) }]
                .compactMap { $0 }
        }
        for (list, username, password) in accounts where seenUsers.insert(list + "/" + username).inserted {
            let kept = options.keepCredentials || password.isEmpty
            // A client's key is told apart from a user of the same name.
            let name = list == CredentialCheck.userList ? username : list + "/" + username
            let replacement = kept ? password : Self.newPassword(for: name, key: options.passwordKey)
            users.append(RecordingReport.User(list: list, username: username, password: replacement, kept: kept))
        }
        scrubber = SecretScrubber(
            tokens: trail.access?.values ?? [],
            refreshTokens: trail.refresh?.values ?? [],
            secrets: Self.secrets(in: recorded, trail: trail, scrubFields: options.scrubFields),
            scrubFields: options.scrubFields
        )
        var loggedOut: [String: Int] = [:]
        if let access = trail.access {
            for (route, inferred) in zip(routes, roles) where inferred.role == .logout {
                for exchange in route.exchanges where exchange.succeeded {
                    if let token = TokenTrail.value(sentBy: exchange, in: access.carrier), loggedOut[token] == nil {
                        loggedOut[token] = exchange.index
                    }
                }
            }
        }
        let context = Context(
            upstream: upstream,
            seed: seed,
            trail: trail,
            scrubber: scrubber,
            credentials: credentials,
            client: client,
            loggedOut: loggedOut
        )

        var lifetimes: [Int64] = []
        var files: Set<String> = ["service.json"]
        for (route, inferred) in zip(routes, roles) {
            let braces = route.exchanges.first?.original.path.utf8.contains { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") } ?? false
            guard route.method.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }), !braces else {
                interpretations.append(
                    "\(route.method) \(route.path.prefix(200)) left out: a fixture's method is upper-case letters, and braces in its path make parameters"
                )
                continue
            }
            guard scrubber.text(route.path) == route.path else {
                interpretations.append("\(route.method) \(scrubber.text(route.path).prefix(200)) left out: its path holds a token or a secret")
                continue
            }
            let file = Self.fileName(for: route, taken: files)
            var endpoint = EndpointSynthesis(route: route, role: inferred.role, file: file, context: context)
            guard let json = endpoint.document(evidence: inferred.evidence) else {
                interpretations.append(
                    "\(route.method) \(route.path) left out: none of its \(route.exchanges.count) answers is one a \(inferred.role) endpoint gives on success"
                )
                continue
            }
            files.insert(file)
            let sent = route.exchanges.filter(\.carriesCredentials)
            if let first = sent.first.flatMap({ LoginCredentials($0)?.description ?? ClientCredentials($0)?.description }) {
                let secrets = client == nil ? "passwords" : "passwords and client secrets"
                let accounts = client == nil ? "users" : "users and clients"
                let kept = options.keepCredentials ? "service.json keeps the recorded ones" : "service.json's \(accounts) have new passwords"
                scrubbed.append("\(file): the \(secrets) in \(first) of \(sent.count) requests → not written (\(kept))")
            }
            endpoints.append(Document(file: file, json: json))
            lifetimes += endpoint.lifetimes
            endpointNotes += endpoint.notes.map { "\(file): \($0)" }
            scrubbed += endpoint.scrubbed.map { "\(file): \($0)" }
        }
        interpretations += roles.map(\.evidence)
        var serviceJSON = Self.serviceDocument(
            name: options.service,
            exchanges: recorded,
            routes: routes,
            roles: roles,
            context: context,
            users: users,
            lifetimes: lifetimes,
            interpretations: &interpretations
        )
        // Paths and targets in sentences may hold a secret too.
        interpretations = interpretations.map(scrubber.text)
        endpointNotes = endpointNotes.map(scrubber.text)
        serviceJSON["interpretations"] = .array(interpretations.map(JSONValue.string))
        service = Document(file: "service.json", json: .object(serviceJSON))
    }

    /// The account list recorded OAuth clients go in (`accounts.clients`).
    static let clientList = "clients"

    /// A replacement password for `username`: 16 base62 characters of the HMAC-SHA-256 of the
    /// name under `key`, so one recording's saves agree and nobody can guess it without the key.
    static func newPassword(for username: String, key: [UInt8]) -> String {
        let alphabet = TokenFormat.Characters.base62.alphabet
        let mac = HMACSHA256.authenticate(Array(username.utf8), key: key)
        return String(decoding: mac.prefix(16).map { alphabet[Int($0) % alphabet.count] }, as: UTF8.self)
    }

    /// `post-auth-login.json` for `POST /auth/login`: method and path words (and the grant of a
    /// route split by grant), lower-case, made unique against `taken` with `-2`, `-3`….
    static func fileName(for route: RecordedRoute, taken: Set<String>) -> String {
        let words = route.segments.map { segment in
            switch segment {
            case .literal(let text): PercentDecoding.decode(Substring(text))
            case .parameter(let name): name
            }
        }.joined(separator: "-")
        var stem = route.method.lowercased() + "-" + (words.isEmpty ? "root" : words.lowercased()) + (route.grantType.map { "-" + $0 } ?? "")
        stem = String(stem.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }.prefix(100))
        while stem.contains("--") { stem = stem.replacingOccurrences(of: "--", with: "-") }
        if stem.hasSuffix("-") { stem = String(stem.dropLast()) }
        var name = stem + ".json"
        var suffix = 2
        while taken.contains(name) {
            name = "\(stem)-\(suffix).json"
            suffix += 1
        }
        return name
    }

    /// Every secret value the exchanges hold that is not a token: passwords and Basic
    /// credentials, other `Authorization` credentials, cookie values (sent and set), and the
    /// values of fields, query parameters and headers named like secrets or in `scrubFields`.
    private static func secrets(in exchanges: [RecordedExchange], trail: TokenTrail, scrubFields: [String]) -> Set<String> {
        let names = SecretScrubber(tokens: [], refreshTokens: [], secrets: [], scrubFields: scrubFields)
        var secrets: Set<String> = []
        for exchange in exchanges {
            if let credentials = LoginCredentials(exchange) { secrets.insert(credentials.password) }
            if let client = ClientCredentials(exchange) { secrets.insert(client.secret) }
            if let authorization = exchange.authorization { secrets.insert(authorization.credentials) }
            secrets.formUnion(exchange.cookies.values)
            for cookie in exchange.responseHeaders("Set-Cookie").compactMap(SetCookie.init) { secrets.insert(cookie.value) }
            if let fields = exchange.requestFields { collectSecretMembers(.object(fields), names: names, into: &secrets) }
            for parameter in exchange.query where names.isSecretField(parameter.name) { secrets.insert(parameter.value) }
            for field in exchange.original.requestHeaders + exchange.original.responseHeaders where names.isSecretField(field.name) {
                secrets.insert(field.value)
            }
            if let body = exchange.responseJSON { collectSecretMembers(body, names: names, into: &secrets) }
        }
        return secrets.filter { !$0.isEmpty }
    }

    /// The string values of members named like secrets, at any depth.
    private static func collectSecretMembers(_ value: JSONValue, names: SecretScrubber, into secrets: inout Set<String>) {
        switch value {
        case .object(let object):
            for member in object {
                if names.isSecretField(member.key), let text = member.value.stringValue {
                    secrets.insert(text)
                } else {
                    collectSecretMembers(member.value, names: names, into: &secrets)
                }
            }
        case .array(let elements):
            for element in elements { collectSecretMembers(element, names: names, into: &secrets) }
        default:
            break
        }
    }
}
