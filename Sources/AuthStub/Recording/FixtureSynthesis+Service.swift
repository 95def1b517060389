import Foundation

extension FixtureSynthesis {
    /// `service.json`'s members (its `interpretations` are set last, by the caller): credentials
    /// and token scheme as recorded, the users, the error shape of the first recorded refusal.
    static func serviceDocument(
        name: String,
        exchanges: [RecordedExchange],
        routes: [RecordedRoute],
        roles: [RouteRoles.Inferred],
        context: Context,
        users: [RecordingReport.User],
        lifetimes: [Int64],
        interpretations: inout [String]
    ) -> JSONObject {
        var service: JSONObject = [
            "kind": .string("service"), "name": .string(name), "title": .string("Recorded from \(context.upstream.absoluteString)"),
        ]
        let first = exchanges.first.map { ServerTime.text($0.original.time) } ?? ""
        let last = exchanges.last.map { ServerTime.text($0.original.time) } ?? ""
        service["source"] = .object(["seed": .string(context.seed), "quote": .string("\(exchanges.count) exchanges from \(first) to \(last)")])
        service["basePaths"] = .array([.string("")])

        let loginRoutes = zip(routes, roles).filter { $0.1.role == .login }.map(\.0)
        var checks = credentialChecks(user: context.credentials, client: context.client)
        if let client = context.client { interpretations.append("credentials client: logins named an OAuth client in \(client.description)") }
        if let seen = context.credentials { interpretations.append("credentials \(seen.scheme): logins sent them in \(seen.description)") }
        if checks.isEmpty {
            checks = [.object(["scheme": .string("body")])]
            interpretations.append("credentials: no login request carried any, so the default (body fields username/password)")
        }
        let loginExchanges = loginRoutes.flatMap(\.exchanges)
        if let challenge = loginExchanges.first(where: { $0.original.status == 401 })?.responseHeaders("WWW-Authenticate").first,
            case .object(var first)? = checks.first
        {
            first["challenge"] = .string(context.scrubber.text(challenge))
            checks[0] = .object(first)
        }
        service["credentials"] = checks.count == 1 ? checks[0] : .array(checks)
        service["token"] = .object(
            tokenScheme(routes: routes, roles: roles, context: context, lifetimes: lifetimes, interpretations: &interpretations)
        )
        let account = { (user: RecordingReport.User) in JSONValue.object(["username": .string(user.username), "password": .string(user.password)]) }
        service["users"] = .array(users.filter { $0.list == CredentialCheck.userList }.map(account))
        let clients = users.filter { $0.list == clientList }
        if !clients.isEmpty { service["accounts"] = .object([clientList: .array(clients.map(account))]) }
        service["errors"] = .object(errorTemplate(exchanges, interpretations: &interpretations))
        return service
    }

    /// The credential checks of a login that took `user` and `client`: the client's first
    /// (`accounts.clients`, named `client`), then the user's (named `user` beside a client);
    /// empty when it took neither.
    static func credentialChecks(user: LoginCredentials?, client: ClientCredentials?) -> [JSONValue] {
        var checks: [JSONValue] = []
        if client != nil {
            checks.append(.object(["scheme": .string("client"), "accounts": .string(clientList), "name": .string("client")]))
        }
        if let user {
            var check: JSONObject = ["scheme": .string(user.scheme.rawValue)]
            if client != nil { check["name"] = .string("user") }
            if let field = user.usernameField { check["usernameField"] = .string(field) }
            if let field = user.passwordField { check["passwordField"] = .string(field) }
            checks.append(.object(check))
        }
        return checks
    }

    /// `token`: where it travels (as the trail found), its challenge, lifetime, format and
    /// refresh tokens.
    private static func tokenScheme(
        routes: [RecordedRoute],
        roles: [RouteRoles.Inferred],
        context: Context,
        lifetimes: [Int64],
        interpretations: inout [String]
    ) -> JSONObject {
        guard let access = context.trail.access else {
            interpretations.append("token scheme bearer: no token handed out came back in a later request, so the default")
            return ["scheme": .string("bearer")]
        }
        var token: JSONObject
        switch access.carrier {
        case .authorization(let scheme) where scheme.lowercased() == "bearer": token = ["scheme": .string("bearer")]
        case .authorization(let scheme): token = ["scheme": .string("authorization"), "authScheme": .string(scheme)]
        case .header(let name): token = ["scheme": .string("header"), "header": .string(name)]
        case .cookie(let name): token = ["scheme": .string("cookie"), "cookie": .string(name)]
        case .body, .query: token = ["scheme": .string("bearer")]
        }
        let handed = Set(access.spots.values.map(\.description)).sorted().joined(separator: ", ")
        let scheme = token["scheme"]?.stringValue ?? ""
        interpretations.append(
            access.uses > 0
                ? "token scheme \(scheme): the token handed out in \(handed) came back in \(access.carrier.description) on \(access.uses) requests"
                : "token scheme \(scheme): the token handed out in \(handed) was never sent back in the recording, so it is assumed to travel in \(access.carrier.description)"
        )
        let tokenRoutes = zip(routes, roles).filter { [.requiresToken, .logout].contains($0.1.role) }.flatMap(\.0.exchanges)
        if let challenge = tokenRoutes.first(where: { $0.original.status == 401 })?.responseHeaders("WWW-Authenticate").first {
            token["challenge"] = .string(context.scrubber.text(challenge))
        }
        if let lifetime = lifetimes.first, lifetime > 0 {
            token["lifetime"] = .string(DurationText.compact(seconds: lifetime))
            interpretations.append("token lifetime \(DurationText.compact(seconds: lifetime)): from the expiry the login answered with")
        }
        let format = RecordedTokenFormat.infer(from: access.values)
        if let value = format.format { token["format"] = value }
        interpretations.append(format.evidence)
        if let refresh = context.trail.refresh, let route = context.trail.refreshRoute, routes.indices.contains(route) {
            let rotates = routes[route].exchanges.contains { exchange in
                exchange.succeeded && TokenTrail.handedOut(by: exchange).contains { refresh.values.contains($0.value) }
            }
            token["refresh"] = .object(["rotate": .bool(rotates)])
            interpretations.append(
                "refresh tokens: handed out in \(Set(refresh.spots.values.map(\.description)).sorted().joined(separator: ", ")), "
                    + "sent back in \(refresh.carrier.description) to \(routes[route].method) \(routes[route].path)"
                    + (rotates ? ", which handed out a new one (rotate)" : ", which kept it (no rotation)")
            )
        }
        return token
    }

    /// `errors`: the shape of the first refusal answered with a JSON object holding one string
    /// member named like a message (`{"error": "{{message}}"}`), else `{"error": …}` in JSON.
    private static func errorTemplate(_ exchanges: [RecordedExchange], interpretations: inout [String]) -> JSONObject {
        let names = ["message", "error", "detail", "error_description", "msg", "title"]
        for exchange in exchanges where exchange.original.status >= 400 {
            guard let object = exchange.responseJSON?.objectValue, let mediaType = exchange.responseMediaType,
                let key = object.keys.first(where: { names.contains($0.lowercased()) && object[$0]?.stringValue != nil })
            else { continue }
            interpretations.append(
                "errors: shaped like the \(exchange.original.status) answer to \(exchange.original.method) \(exchange.original.path) (its \"\(key)\" member)"
            )
            return ["mediaType": .string(mediaType), "body": .object(JSONObject([JSONObject.Member(key: key, value: .string("{{message}}"))]))]
        }
        interpretations.append("errors: no JSON refusal with a message was recorded, so {\"error\": message} in JSON")
        return ["mediaType": .string("application/json"), "body": .object(["error": .string("{{message}}")])]
    }
}
