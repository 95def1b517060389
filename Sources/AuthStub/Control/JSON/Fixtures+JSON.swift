import StubHTTP

extension FixtureSummary: ControlModel {
    enum Field: String, ControlField {
        case service, endpoint, method, paths, role, summary, seed, examples, deprecation, addedAtRunTime

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service.").required
            case .endpoint: .string("The endpoint fixture's name.").required
            case .method: .string("The method it answers.").required
            case .paths: .strings("The paths it answers.")
            case .role: .choice(EndpointRole.self, "What it does.").required
            case .summary: .string("Its summary.")
            case .seed: .string("The seed of its generated values.")
            case .examples: .models(FixtureSummary.Example.self, "Its responses.")
            case .deprecation: .choice(DeprecationPhase.self, "Its deprecation phase, when deprecated.")
            case .addedAtRunTime: .boolean("Whether it was added through the control API.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        guard let role = try fields.choice(.role, as: EndpointRole.self) else { throw fields.missing(.role) }
        self.init(
            service: try fields.requiredString(.service),
            endpoint: try fields.requiredString(.endpoint),
            method: try fields.requiredMethod(.method),
            paths: try fields.strings(.paths),
            role: role,
            summary: try fields.string(.summary),
            seed: try fields.string(.seed),
            examples: try fields.models(.examples, as: Example.self),
            deprecation: try fields.choice(.deprecation, as: DeprecationPhase.self),
            addedAtRunTime: try fields.bool(.addedAtRunTime) ?? false
        )
    }

    var object: ControlObject<Field> {
        [
            .service: .string(service), .endpoint: .string(endpoint), .method: .string(method.rawValue),
            .paths: .array(paths.map(JSONValue.string)), .role: .string(role.rawValue), .summary: ControlJSON.string(summary),
            .seed: ControlJSON.string(seed), .examples: .array(examples.map(\.json)),
            .deprecation: ControlJSON.string(deprecation?.rawValue), .addedAtRunTime: .bool(addedAtRunTime),
        ]
    }
}

extension FixtureSummary.Example: ControlModel {
    enum Field: String, ControlField {
        case name, when, status

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .name: .string("The response's name.").required
            case .when: .choice(ResponseCondition.self, "When it is given.").required
            case .status: .integer("Its status.").required
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        guard let condition = try fields.choice(.when, as: ResponseCondition.self) else { throw fields.missing(.when) }
        self.init(name: try fields.requiredString(.name), condition: condition, status: try fields.requiredStatus(.status))
    }

    var object: ControlObject<Field> {
        [.name: .string(name), .when: .string(condition.rawValue), .status: .int(status.code)]
    }
}

/// `{"service": "wice", "endpoint": {…endpoint file…}}` or
/// `{"service": {…service.json…}, "endpoints": [{…}, …]}`.
extension FixtureAddition: ControlModel {
    /// The members, in one of two forms: a service's name with `endpoint`, or a whole service
    /// with `endpoints`.
    static var schema: JSONObject {
        func form(_ service: String, _ with: Field) -> JSONValue {
            .object([
                "properties": .object([Field.service.rawValue: .object(["type": .string(service)])]),
                "required": .array([.string(Field.service.rawValue), .string(with.rawValue)]),
            ])
        }
        var schema = ControlSchema.object(Field.self, title: "FixtureAddition")
        schema["oneOf"] = .array([form("string", .endpoint), form("object", .endpoints)])
        return schema
    }

    enum Field: String, ControlField {
        case service, endpoint, endpoints

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .anyValue("A loaded service's name (with endpoint), or a whole service.json object (with endpoints).").required
            case .endpoint: .object("An endpoint fixture file, added to the named service.")
            case .endpoints: .objects("The endpoint fixture files of a new service.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        guard let service = fields.value(.service) else { throw fields.missing(.service) }
        if let name = service.stringValue {
            guard let endpoint = fields.value(.endpoint) else { throw fields.missing(.endpoint) }
            if fields.has(.endpoints) {
                throw .badInput("endpoints belongs with a whole service; to add one endpoint use endpoint", field: fields.name(.endpoints))
            }
            self = .endpoint(service: name, endpoint)
            return
        }
        guard case .object = service else { throw fields.mismatch(.service, "a service name or a service.json object", service) }
        if fields.has(.endpoint) { throw .badInput("a new service takes endpoints (an array), not endpoint", field: fields.name(.endpoint)) }
        guard let endpoints = try fields.array(.endpoints) else { throw fields.missing(.endpoints) }
        self = .service(service, endpoints: endpoints)
    }

    var object: ControlObject<Field> {
        switch self {
        case .endpoint(let service, let document): [.service: .string(service), .endpoint: document]
        case .service(let document, let endpoints): [.service: document, .endpoints: .array(endpoints)]
        }
    }
}

extension DeprecationInfo: ControlModel {
    enum Field: String, ControlField {
        case service, endpoint, method, paths, phase, deprecatedAt, sunsetAt, successor

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service.").required
            case .endpoint: .string("The endpoint fixture's name.").required
            case .method: .string("The method.").required
            case .paths: .strings("The paths.")
            case .phase: .choice(DeprecationPhase.self, "The deprecation phase.").required
            case .deprecatedAt: .date("When it was deprecated.")
            case .sunsetAt: .date("When it goes away.")
            case .successor: .string("What replaces it.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        guard let phase = try fields.choice(.phase, as: DeprecationPhase.self) else { throw fields.missing(.phase) }
        self.init(
            service: try fields.requiredString(.service),
            endpoint: try fields.requiredString(.endpoint),
            method: try fields.requiredMethod(.method),
            paths: try fields.strings(.paths),
            phase: phase,
            deprecatedAt: try fields.date(.deprecatedAt),
            sunsetAt: try fields.date(.sunsetAt),
            successor: try fields.string(.successor)
        )
    }

    var object: ControlObject<Field> {
        [
            .service: .string(service), .endpoint: .string(endpoint), .method: .string(method.rawValue),
            .paths: .array(paths.map(JSONValue.string)), .phase: .string(phase.rawValue),
            .deprecatedAt: ControlJSON.date(deprecatedAt), .sunsetAt: ControlJSON.date(sunsetAt), .successor: ControlJSON.string(successor),
        ]
    }
}

/// `{"method": "POST", "path": "/m2m/v1/auth/logout", "phase": "sunset", "sunsetAt": "2026-12-01T00:00:00Z"}`.
extension DeprecationChange: ControlModel {
    enum Field: String, ControlField {
        case method, path, phase, sunsetAt

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .method: .string("The endpoint's method.").required
            case .path: .string("The endpoint's path.").required
            case .phase: .choice(DeprecationPhase.self, "The phase to put it in.").required
            case .sunsetAt: .date("When it goes away.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        guard let phase = try fields.choice(.phase, as: DeprecationPhase.self) else { throw fields.missing(.phase) }
        self.init(
            method: try fields.requiredMethod(.method),
            path: try fields.requiredString(.path),
            phase: phase,
            sunsetAt: try fields.date(.sunsetAt)
        )
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [.method: .string(method.rawValue), .path: .string(path), .phase: .string(phase.rawValue)]
        object[.sunsetAt] = sunsetAt.map(ControlJSON.date)
        return object
    }
}

extension ServiceUser: ControlModel {
    enum Field: String, ControlField {
        case service, username, password, data, state, lockedUntil, failedLogins

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service, by name.").required
            case .username: .string("The username; an existing one is replaced.").required
            case .password: .string("The password; `[redacted]` in listings unless passwords are asked for.").required
            case .data: .object("The user's own values for templates.")
            case .state: .choice(AccountState.self, "Where the account stands; `active` when left out.")
            case .lockedUntil: .date("When a `locked` account unlocks by itself; left out, a lock holds until unlocked.")
            case .failedLogins:
                .integer("Wrong passwords in a row, counted by the service's `lockout`; 0 when left out.", in: 0...LockoutRule.attempts.upperBound)
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        var data: JSONObject = [:]
        switch fields.value(.data) {
        case .object(let members)?: data = members
        case let other?: throw fields.mismatch(.data, "an object", other)
        case nil: break
        }
        self.init(
            service: try fields.requiredString(.service),
            username: try fields.requiredString(.username),
            password: try fields.requiredString(.password),
            data: data,
            state: try fields.choice(.state, as: AccountState.self) ?? .active,
            lockedUntil: try fields.date(.lockedUntil),
            failedLogins: try fields.int(.failedLogins) ?? 0
        )
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [.service: .string(service), .username: .string(username), .password: .string(password)]
        if !data.isEmpty { object[.data] = .object(data) }
        object[.state] = .string(state.rawValue)
        object[.lockedUntil] = lockedUntil.map(ControlJSON.date)
        object[.failedLogins] = .int(failedLogins)
        return object
    }
}

/// `GET /__control/users?passwords=true` shows the passwords; without it they read `[redacted]`.
struct UserListing {
    var showingPasswords: Bool
}

extension UserListing: ControlQueryModel {
    enum Field: String, ControlField {
        case passwords

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .passwords: .boolean("True shows the passwords; otherwise they read `[redacted]`.")
            }
        }
    }

    static let parameterKind = "parameter"

    init(_ query: ControlQuery<Field>) throws(ControlError) {
        self.init(showingPasswords: false)
        for (name, value) in query.values {
            let field = try query.field(name)
            switch field {
            case .passwords: showingPasswords = try query.flag(field, value)
            }
        }
    }

    var queryItems: [(name: String, value: String)] {
        showingPasswords ? [(Field.passwords.rawValue, "true")] : []
    }
}
