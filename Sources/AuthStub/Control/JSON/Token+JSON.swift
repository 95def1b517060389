extension TokenInfo {
    var json: JSONValue {
        .object([
            "token": .string(token), "service": .string(service), "user": .string(user),
            "issuedAt": ControlJSON.date(issuedAt), "lastUsedAt": ControlJSON.date(lastUsedAt),
            "expiresAt": ControlJSON.date(expiresAt), "state": .string(state.rawValue),
            "enabled": .bool(enabled), "note": ControlJSON.string(note),
        ])
    }

    static func decode(_ value: JSONValue) throws(ControlError) -> TokenInfo {
        let fields = try ControlFields(value, allowed: nil)
        guard let state = try fields.choice("state", as: TokenState.self) else { throw fields.missing("state") }
        return TokenInfo(
            token: try fields.requiredString("token"),
            service: try fields.requiredString("service"),
            user: try fields.requiredString("user"),
            issuedAt: try fields.requiredDate("issuedAt"),
            lastUsedAt: try fields.requiredDate("lastUsedAt"),
            expiresAt: try fields.date("expiresAt"),
            state: state,
            enabled: try fields.requiredBool("enabled"),
            note: try fields.string("note")
        )
    }
}
