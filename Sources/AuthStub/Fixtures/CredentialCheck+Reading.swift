extension FixtureReader {
    /// `"credentials"`: one check or a non-empty array of them, names unique; with `lists`, each
    /// check's `accounts` must name one of them (or `users`). nil after a problem.
    mutating func credentialChecks(_ value: JSONValue?, at path: String, lists: [String: [FixtureUser]]?) -> [CredentialCheck]? {
        guard case .array(let elements)? = value else { return credentialCheck(value, at: path, lists: lists).map { [$0] } }
        if elements.isEmpty { report(path, "list at least one credential check") }
        var checks: [CredentialCheck] = []
        for (index, element) in elements.enumerated() {
            let checkPath = Self.path(path, index)
            guard let check = credentialCheck(element, at: checkPath, lists: lists) else { continue }
            if let name = check.name, checks.contains(where: { $0.name == name }) {
                report(Self.path(checkPath, "name"), "check name \"\(name)\" is used twice")
            }
            checks.append(check)
        }
        return checks.count == elements.count && !elements.isEmpty ? checks : nil
    }

    /// One check: `{"scheme": "body" | "jsonBody" | "basic" | "client", "usernameField", "passwordField",
    /// "challenge", "accounts", "name"}`.
    private mutating func credentialCheck(_ value: JSONValue?, at path: String, lists: [String: [FixtureUser]]?) -> CredentialCheck? {
        guard
            let object = object(
                value,
                at: path,
                allowed: ["scheme", "usernameField", "passwordField", "challenge", "accounts", "name"],
                required: ["scheme"]
            )
        else { return nil }
        let scheme: CredentialScheme
        switch string(object, "scheme", at: path) {
        case "body"?, "jsonBody"?: scheme = .body
        case "basic"?: scheme = .basic
        case "client"?: scheme = .client
        case let other?:
            report(Self.path(path, "scheme"), "\"\(other)\" is not one of \"body\", \"jsonBody\", \"basic\", \"client\"")
            return nil
        case nil:
            return nil
        }
        var check = CredentialCheck(scheme: scheme)
        for key in ["usernameField", "passwordField"] where scheme != .body && object[key] != nil {
            report(Self.path(path, key), "only a \"body\" check reads fields")
        }
        check.usernameField = nonEmptyString(object, "usernameField", at: path) ?? check.usernameField
        check.passwordField = nonEmptyString(object, "passwordField", at: path) ?? check.passwordField
        check.challenge = string(object, "challenge", at: path)
        check.accounts = nonEmptyString(object, "accounts", at: path) ?? check.accounts
        check.name = nonEmptyString(object, "name", at: path)
        if let lists, check.accounts != CredentialCheck.userList, lists[check.accounts] == nil {
            report(Self.path(path, "accounts"), "no account list \"\(check.accounts)\" under the service's \"accounts\"")
        }
        return check
    }

    /// `"accounts": {"clients": [{"username", "password"}]}`: named lists beside `users`.
    mutating func accountLists(_ root: JSONObject, at path: String) -> [String: [FixtureUser]] {
        let listsPath = Self.path(path, "accounts")
        guard let value = root["accounts"] else { return [:] }
        guard case .object(let members) = value else {
            report(listsPath, "expected an object of account lists by name, found \(describe(value))")
            return [:]
        }
        var lists: [String: [FixtureUser]] = [:]
        for member in members {
            let name = member.key
            if name == CredentialCheck.userList || name.isEmpty {
                report(Self.path(listsPath, name), "\"\(name)\" cannot name a list (\"users\" is the service's own key)")
                continue
            }
            lists[name] = users(members, key: name, at: listsPath)
        }
        return lists
    }
}
