/// `POST /__control/authorizations`: `{"service", "user", "deny"}`.
extension NextAuthorization: ControlModel {
    enum Field: String, ControlField {
        case service, user, deny

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service, by name.").required
            case .user: .string("The user the next authorization logs in; the service's first user when left out.")
            case .deny: .boolean("True denies the next authorization instead.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(service: try fields.requiredString(.service), user: try fields.string(.user), deny: try fields.bool(.deny) ?? false)
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [.service: .string(service)]
        object[.user] = user.map(JSONValue.string)
        object[.deny] = .bool(deny)
        return object
    }
}

/// `POST /__control/clients/redirect-uris`: `{"service", "client", "uri"}`.
extension RedirectURIRegistration: ControlModel {
    enum Field: String, ControlField {
        case service, client, uri

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service, by name.").required
            case .client: .string("The OAuth client id.").required
            case .uri: .string("The redirect URI to register.").required
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(service: try fields.requiredString(.service), client: try fields.requiredString(.client), uri: try fields.requiredString(.uri))
    }

    var object: ControlObject<Field> {
        [.service: .string(service), .client: .string(client), .uri: .string(uri)]
    }
}
