extension OneTimeCodeInfo: ControlModel {
    enum Field: String, ControlField {
        case service, user, code, expiresAt

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service.").required
            case .user: .string("The user.").required
            case .code: .string("The code the user's login must send.").required
            case .expiresAt: .date("When the code expires.").required
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            service: try fields.requiredString(.service),
            user: try fields.requiredString(.user),
            code: try fields.requiredString(.code),
            expiresAt: try fields.requiredDate(.expiresAt)
        )
    }

    var object: ControlObject<Field> {
        [.service: .string(service), .user: .string(user), .code: .string(code), .expiresAt: ControlJSON.date(expiresAt)]
    }
}

/// `GET /__control/codes?service=api&user=ada`: the code waiting for that user's login.
struct CodeLookup: Equatable {
    var service: String
    var user: String
}

extension CodeLookup: ControlQueryModel {
    enum Field: String, ControlField {
        case service, user

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service, by name.").required
            case .user: .string("The user, by username.").required
            }
        }
    }

    static let parameterKind = "parameter"

    init(_ query: ControlQuery<Field>) throws(ControlError) {
        var service: String?
        var user: String?
        for (name, value) in query.values {
            switch try query.field(name) {
            case .service: service = value
            case .user: user = value
            }
        }
        guard let service else { throw .badInput("service is required", field: Field.service.rawValue) }
        guard let user else { throw .badInput("user is required", field: Field.user.rawValue) }
        self.init(service: service, user: user)
    }

    var queryItems: [(name: String, value: String)] {
        [(Field.service.rawValue, service), (Field.user.rawValue, user)]
    }
}

/// `POST /__control/codes`: `{"service", "user", "code"}` sets the code a user's login must
/// send; without `code`, the server makes one as a login would.
struct CodeSetting: Equatable {
    var service: String
    var user: String
    var code: String?
}

extension CodeSetting: ControlModel {
    enum Field: String, ControlField {
        case service, user, code

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service, by name.").required
            case .user: .string("The user, by username.").required
            case .code: .string("The code; the server makes one when left out.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(service: try fields.requiredString(.service), user: try fields.requiredString(.user), code: try fields.string(.code))
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [.service: .string(service), .user: .string(user)]
        object[.code] = code.map(JSONValue.string)
        return object
    }
}
