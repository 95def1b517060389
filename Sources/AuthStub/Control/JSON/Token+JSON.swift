extension TokenInfo: ControlModel {
    enum Field: String, ControlField {
        case token, service, user, issuedAt, lastUsedAt, expiresAt, state, enabled, note, kind, endReason, family

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .token: .string("The token.").required
            case .service: .string("The service that issued it.").required
            case .user: .string("The user it belongs to.").required
            case .issuedAt: .date("When it was issued, on the server clock.").required
            case .lastUsedAt: .date("When it was last presented.").required
            case .expiresAt: .date("When it expires; null when it does not.")
            case .state: .choice(TokenState.self, "Whether it still works.").required
            case .enabled: .boolean("False when a test disabled it.").required
            case .note: .string("A note on how it ended or was made.")
            case .kind: .choice(TokenKind.self, "What kind of token it is.")
            case .endReason: .choice(TokenEndReason.self, "Why it ended, once it has.")
            case .family: .integer("Its refresh family, when it has one.")
            }
        }
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
            note: try fields.string(.note),
            kind: try fields.choice(.kind, as: TokenKind.self) ?? .access,
            endReason: try fields.choice(.endReason, as: TokenEndReason.self),
            family: try fields.int(.family)
        )
    }

    var object: ControlObject<Field> {
        [
            .token: .string(token), .service: .string(service), .user: .string(user),
            .issuedAt: ControlJSON.date(issuedAt), .lastUsedAt: ControlJSON.date(lastUsedAt),
            .expiresAt: ControlJSON.date(expiresAt), .state: .string(state.rawValue),
            .enabled: .bool(enabled), .note: ControlJSON.string(note), .kind: .string(kind.rawValue),
            .endReason: ControlJSON.string(endReason?.rawValue), .family: ControlJSON.int(family),
        ]
    }
}

/// `POST /__control/tokens`: `{"service": "wice", "user": "user"}`; without `user`, the
/// service's first user.
struct TokenRequest: Equatable {
    var service: String
    var user: String?
}

extension TokenRequest: ControlModel {
    enum Field: String, ControlField {
        case service, user

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service, by name.").required
            case .user: .string("The user, by username; the service's first user when left out.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(service: try fields.requiredString(.service), user: try fields.string(.user))
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [.service: .string(service)]
        object[.user] = user.map(JSONValue.string)
        return object
    }
}

/// `PATCH /__control/tokens/{token}`: `{"enabled": false}` disables the token, `true` enables it.
struct TokenEnabling: Equatable {
    var enabled: Bool
}

extension TokenEnabling: ControlModel {
    enum Field: String, ControlField {
        case enabled

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .enabled: .boolean("False disables the token, true enables it again.").required
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(enabled: try fields.requiredBool(.enabled))
    }

    var object: ControlObject<Field> {
        [.enabled: .bool(enabled)]
    }
}

/// `POST /__control/tokens/{token}/expire` and `/revoke`: `{"family": true}` ends the token's
/// whole family; no body (or `false`) the token alone.
struct TokenEnding: Equatable {
    var family = false
}

extension TokenEnding: ControlModel {
    enum Field: String, ControlField {
        case family

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .family: .boolean("True ends the token's whole refresh family; false or left out, the token alone.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(family: try fields.bool(.family) ?? false)
    }

    var object: ControlObject<Field> {
        [.family: .bool(family)]
    }
}

/// `{"tokens": […], "next": "<token>"}` (`next` null on the last page).
extension TokenPage: ControlModel {
    enum Field: String, ControlField {
        case tokens, next

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .tokens: .models(TokenInfo.self, "This page's tokens.")
            case .next: .string("Where the next page starts (its `after`); null on the last page.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(tokens: try fields.models(.tokens, as: TokenInfo.self), next: try fields.string(.next))
    }

    var object: ControlObject<Field> {
        [.tokens: .array(tokens.map(\.json)), .next: ControlJSON.string(next)]
    }
}
