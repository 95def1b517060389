extension TokenInfo: ControlModel {
    enum Field: String, ControlField {
        case token, service, user, issuedAt, lastUsedAt, expiresAt, state, enabled, note
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        guard let state = try fields.choice(.state, as: TokenState.self) else { throw fields.missing(.state) }
        self.init(
            token: try fields.requiredString(.token),
            service: try fields.requiredString(.service),
            user: try fields.requiredString(.user),
            issuedAt: try fields.requiredDate(.issuedAt),
            lastUsedAt: try fields.requiredDate(.lastUsedAt),
            expiresAt: try fields.date(.expiresAt),
            state: state,
            enabled: try fields.requiredBool(.enabled),
            note: try fields.string(.note)
        )
    }

    var json: JSONValue {
        let object: ControlObject<Field> = [
            .token: .string(token), .service: .string(service), .user: .string(user),
            .issuedAt: ControlJSON.date(issuedAt), .lastUsedAt: ControlJSON.date(lastUsedAt),
            .expiresAt: ControlJSON.date(expiresAt), .state: .string(state.rawValue),
            .enabled: .bool(enabled), .note: ControlJSON.string(note),
        ]
        return object.json
    }
}

/// `POST /__control/tokens`: `{"service": "wice", "user": "user"}`; without `user`, the
/// service's first user.
struct TokenRequest: ControlModel, Equatable {
    enum Field: String, ControlField {
        case service, user
    }

    var service: String
    var user: String?

    init(service: String, user: String?) {
        self.service = service
        self.user = user
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(service: try fields.requiredString(.service), user: try fields.string(.user))
    }

    var json: JSONValue {
        var object: ControlObject<Field> = [.service: .string(service)]
        object[.user] = user.map(JSONValue.string)
        return object.json
    }
}

/// `PATCH /__control/tokens/{token}`: `{"enabled": false}` disables the token, `true` enables it.
struct TokenEnabling: ControlModel, Equatable {
    enum Field: String, ControlField {
        case enabled
    }

    var enabled: Bool

    init(enabled: Bool) {
        self.enabled = enabled
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(enabled: try fields.requiredBool(.enabled))
    }

    var json: JSONValue {
        let object: ControlObject<Field> = [.enabled: .bool(enabled)]
        return object.json
    }
}
