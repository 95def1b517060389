import Foundation

extension FixtureReader {
    static let serviceKeys: Set<String> = [
        "$schema", "kind", "name", "title", "source", "basePaths", "credentials",
        "token", "users", "accounts", "errors", "interpretations", "notes", "requiredHeaders", "oneTimeCode", "csrf",
        "unknownRoutes", "acceptsTokensFrom", "verifyByDefault", "signingKeys", "scopes", "proxy",
        "rateLimits",
        "lockout",
    ]

    /// Reads a `service.json`. The endpoints are added by the loader.
    mutating func service(_ document: JSONValue, directory: String) -> ServiceFixture? {
        guard
            let root = object(
                document,
                at: "$",
                allowed: Self.serviceKeys,
                required: ["kind", "name", "credentials", "token", "errors"]
            )
        else { return nil }
        if let kind = string(root, "kind", at: "$"), kind != "service" {
            report("$.kind", "a service.json must have \"kind\": \"service\", not \"\(kind)\"")
        }
        let name = nonEmptyString(root, "name", at: "$")
        if let name, !isToken(name) || name.contains("/") {
            report("$.name", "\"\(name)\" must be a single word (letters, digits, - or _)")
        }
        _ = stringArray(root, "interpretations", at: "$")
        _ = stringArray(root, "notes", at: "$")
        let basePaths = stringArray(root, "basePaths", at: "$") ?? [""]
        for (index, base) in basePaths.enumerated() where !base.isEmpty && (!Self.isPath(base) || base.utf8.last == UInt8(ascii: "/")) {
            report(Self.path("$.basePaths", index), "a base path is \"\" or starts with / and does not end with /, not \"\(base)\"")
        }
        let users = users(root, at: "$")
        let accounts = accountLists(root, at: "$")
        let credentials = credentialChecks(root["credentials"], at: "$.credentials", lists: accounts)
        let token = tokenScheme(root["token"], at: "$.token")
        let signingKeys = signingKeys(root["signingKeys"], at: "$.signingKeys")
        if let token { checkSigningKeys(for: token, keys: signingKeys) }
        let requiredHeaders = requiredHeaders(root, at: "$") ?? []
        let oneTimeCode = oneTimeCode(root["oneTimeCode"], at: "$.oneTimeCode")
        let csrf = csrfRule(root["csrf"], at: "$.csrf")
        let lockout = lockout(root["lockout"], at: "$.lockout")
        let acceptsTokensFrom = stringArray(root, "acceptsTokensFrom", at: "$") ?? []
        let scopes = scopes(root, at: "$")
        let errors = errorTemplate(root["errors"], at: "$.errors")
        let source = source(root["source"], at: "$.source", extraKeys: ["quote"])
        _ = string(root, "title", at: "$")
        var answersUnknownRoutes = false
        switch string(root, "unknownRoutes", at: "$") {
        case "serviceErrors"?: answersUnknownRoutes = true
        case "nearMiss"?, nil: break
        case let other?: report("$.unknownRoutes", "\"\(other)\" is not one of \"nearMiss\", \"serviceErrors\"")
        }
        let proxy = proxy(root, at: "$")
        let rateLimits = rateLimits(root, at: "$")
        var verifiedByDefault = true
        switch root["verifyByDefault"] {
        case .bool(let flag)?: verifiedByDefault = flag
        case let other?: report("$.verifyByDefault", "expected true or false, found \(describe(other))")
        case nil: break
        }
        guard let name, let credentials, let token, let errors, problems.isEmpty else { return nil }
        return ServiceFixture(
            name: name,
            title: root["title"]?.stringValue,
            source: source,
            basePaths: basePaths,
            credentials: credentials,
            token: token,
            users: users,
            accounts: accounts,
            scopes: scopes,
            requiredHeaders: requiredHeaders,
            oneTimeCode: oneTimeCode,
            csrf: csrf,
            lockout: lockout,
            acceptsTokensFrom: acceptsTokensFrom,
            answersUnknownRoutes: answersUnknownRoutes,
            proxy: proxy,
            verifiedByDefault: verifiedByDefault,
            errors: errors,
            endpoints: [],
            directory: directory,
            signingKeys: signingKeys,
            rateLimits: rateLimits
        )
    }

    /// `"proxy"`: the upstream URL unmatched requests under the service's base paths go to.
    private mutating func proxy(_ root: JSONObject, at path: String) -> URL? {
        guard let text = string(root, "proxy", at: path) else { return nil }
        guard let url = URL(string: text) else {
            report(Self.path(path, "proxy"), "\"\(text)\" is not a URL (write it as e.g. https://staging.example.com/api)")
            return nil
        }
        do throws(UpstreamTarget.Problem) {
            _ = try UpstreamTarget(url)
        } catch {
            report(Self.path(path, "proxy"), error.reason)
            return nil
        }
        return url
    }

    /// `"scopes"`: the scope tokens a service offers (RFC 6749 §3.3), none twice.
    private mutating func scopes(_ root: JSONObject, at path: String) -> [String]? {
        guard let scopes = stringArray(root, "scopes", at: path) else { return nil }
        for (index, scope) in scopes.enumerated() {
            if !ScopeRequest.isScopeToken(Substring(scope)) {
                report(
                    Self.path(Self.path(path, "scopes"), index),
                    "\"\(scope)\" is not a scope token (RFC 6749 §3.3: printable ASCII but space, \" and \\)"
                )
            } else if scopes[..<index].contains(scope) {
                report(Self.path(Self.path(path, "scopes"), index), "\"\(scope)\" is listed twice")
            }
        }
        return scopes
    }

    mutating func source(_ value: JSONValue?, at path: String, extraKeys: Set<String> = []) -> FixtureSource? {
        guard
            let object = object(
                value,
                at: path,
                allowed: Set(["seed", "section", "example", "quote"]).union(extraKeys),
                required: ["seed"]
            )
        else { return nil }
        guard let seed = nonEmptyString(object, "seed", at: path) else { return nil }
        let reference = string(object, "example", at: path) ?? string(object, "section", at: path) ?? string(object, "quote", at: path)
        return FixtureSource(seed: seed, reference: reference)
    }

    private mutating func tokenScheme(_ value: JSONValue?, at path: String) -> TokenScheme? {
        guard
            let object = object(
                value,
                at: path,
                allowed: [
                    "scheme", "header", "authScheme", "cookie", "idleTimeout", "lifetime", "challenge", "expiresAtField", "noteField", "format",
                    "refresh", "idToken",
                ],
                required: ["scheme"]
            )
        else { return nil }
        let idle = duration(object, "idleTimeout", at: path)
        let lifetime = duration(object, "lifetime", at: path)
        guard let carrier = tokenCarrier(object, at: path) else { return nil }
        return TokenScheme(
            carrier: carrier,
            idleTimeoutMilliseconds: idle,
            lifetimeMilliseconds: lifetime,
            challenge: string(object, "challenge", at: path),
            expiresAtField: string(object, "expiresAtField", at: path),
            noteField: string(object, "noteField", at: path),
            format: tokenFormat(object["format"], at: Self.path(path, "format")) ?? .uuid,
            refresh: refreshScheme(object["refresh"], at: Self.path(path, "refresh")),
            idToken: idTokenRule(object["idToken"], at: Self.path(path, "idToken"))
        )
    }

    /// A duration like `"8h"`, `"30m"` or `"1h30m"`, in milliseconds.
    mutating func duration(_ object: JSONObject, _ key: String, at path: String) -> Int64? {
        guard let text = string(object, key, at: path) else { return nil }
        guard let milliseconds = DurationText.milliseconds(text) else {
            report(Self.path(path, key), "\"\(text)\" is not a duration like \"8h\", \"30m\" or \"1h30m\"")
            return nil
        }
        return milliseconds
    }

    /// The account list under `key` (`users`, or a list of `accounts`), names unique.
    mutating func users(_ root: JSONObject, key: String = CredentialCheck.userList, at path: String) -> [FixtureUser] {
        let usersPath = Self.path(path, key)
        var users: [FixtureUser] = []
        for (index, element) in (array(root, key, at: path) ?? []).enumerated() {
            let userPath = Self.path(usersPath, index)
            guard let user = object(element, at: userPath, allowed: ["username", "password", "data"], required: ["username", "password"]),
                let username = nonEmptyString(user, "username", at: userPath),
                let password = string(user, "password", at: userPath)
            else { continue }
            var data: JSONObject = [:]
            switch user["data"] {
            case .object(let members)?: data = members
            case let other?: report(Self.path(userPath, "data"), "expected an object of the user's values, found \(describe(other))")
            case nil: break
            }
            if users.contains(where: { $0.username == username }) {
                report(Self.path(userPath, "username"), "user \"\(username)\" is listed twice")
            }
            users.append(FixtureUser(username: username, password: password, data: data))
        }
        return users
    }

    private mutating func errorTemplate(_ value: JSONValue?, at path: String) -> ErrorTemplate? {
        guard let object = object(value, at: path, allowed: ["mediaType", "headers", "body"], required: ["mediaType", "body"]),
            let mediaType = nonEmptyString(object, "mediaType", at: path), let body = object["body"]
        else { return nil }
        checkTemplates(in: body, at: Self.path(path, "body"))
        return ErrorTemplate(mediaType: mediaType, headers: headers(object, "headers", at: path), body: body)
    }
}
