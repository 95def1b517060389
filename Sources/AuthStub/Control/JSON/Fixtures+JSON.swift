extension FixtureSummary {
    var json: JSONValue {
        .object([
            "service": .string(service), "endpoint": .string(endpoint), "method": .string(method),
            "paths": .array(paths.map(JSONValue.string)), "role": .string(role.rawValue), "summary": ControlJSON.string(summary),
            "seed": ControlJSON.string(seed),
            "examples": .array(
                examples.map { .object(["name": .string($0.name), "when": .string($0.condition.rawValue), "status": .int($0.status)]) }
            ),
            "deprecation": ControlJSON.string(deprecation?.rawValue), "addedAtRunTime": .bool(addedAtRunTime),
        ])
    }

    static func decode(_ value: JSONValue) throws(ControlError) -> FixtureSummary {
        let fields = try ControlFields(value, allowed: nil)
        guard let role = try fields.choice("role", as: EndpointRole.self) else { throw fields.missing("role") }
        var examples: [Example] = []
        for element in try fields.array("examples") ?? [] {
            let example = try ControlFields(element, allowed: nil, field: "examples")
            guard let condition = try example.choice("when", as: ResponseCondition.self) else { throw example.missing("when") }
            examples.append(Example(name: try example.requiredString("name"), condition: condition, status: try example.requiredInt("status")))
        }
        return FixtureSummary(
            service: try fields.requiredString("service"),
            endpoint: try fields.requiredString("endpoint"),
            method: try fields.requiredString("method"),
            paths: (try fields.array("paths") ?? []).compactMap(\.stringValue),
            role: role,
            summary: try fields.string("summary"),
            seed: try fields.string("seed"),
            examples: examples,
            deprecation: try fields.choice("deprecation", as: DeprecationPhase.self),
            addedAtRunTime: try fields.bool("addedAtRunTime") ?? false
        )
    }
}

/// `{"service": "wice", "endpoint": {…endpoint file…}}` or
/// `{"service": {…service.json…}, "endpoints": [{…}, …]}`.
extension FixtureAddition {
    static func decode(_ value: JSONValue) throws(ControlError) -> FixtureAddition {
        let fields = try ControlFields(value, allowed: ["service", "endpoint", "endpoints"])
        guard let service = fields.value("service") else { throw fields.missing("service") }
        if let name = service.stringValue {
            guard let endpoint = fields.value("endpoint") else { throw fields.missing("endpoint") }
            if fields.has("endpoints") {
                throw .badInput("endpoints belongs with a whole service; to add one endpoint use endpoint", field: "endpoints")
            }
            return .endpoint(service: name, endpoint)
        }
        guard case .object = service else { throw fields.mismatch("service", "a service name or a service.json object", service) }
        if fields.has("endpoint") { throw .badInput("a new service takes endpoints (an array), not endpoint", field: "endpoint") }
        guard let endpoints = try fields.array("endpoints") else { throw fields.missing("endpoints") }
        return .service(service, endpoints: endpoints)
    }

    var json: JSONValue {
        switch self {
        case .endpoint(let service, let document): .object(["service": .string(service), "endpoint": document])
        case .service(let document, let endpoints): .object(["service": document, "endpoints": .array(endpoints)])
        }
    }
}

extension DeprecationInfo {
    var json: JSONValue {
        .object([
            "service": .string(service), "endpoint": .string(endpoint), "method": .string(method),
            "paths": .array(paths.map(JSONValue.string)), "phase": .string(phase.rawValue),
            "deprecatedAt": ControlJSON.date(deprecatedAt), "sunsetAt": ControlJSON.date(sunsetAt), "successor": ControlJSON.string(successor),
        ])
    }

    static func decode(_ value: JSONValue) throws(ControlError) -> DeprecationInfo {
        let fields = try ControlFields(value, allowed: nil)
        guard let phase = try fields.choice("phase", as: DeprecationPhase.self) else { throw fields.missing("phase") }
        return DeprecationInfo(
            service: try fields.requiredString("service"),
            endpoint: try fields.requiredString("endpoint"),
            method: try fields.requiredString("method"),
            paths: (try fields.array("paths") ?? []).compactMap(\.stringValue),
            phase: phase,
            deprecatedAt: try fields.date("deprecatedAt"),
            sunsetAt: try fields.date("sunsetAt"),
            successor: try fields.string("successor")
        )
    }
}

/// `{"method": "POST", "path": "/m2m/v1/auth/logout", "phase": "sunset", "sunsetAt": "2026-12-01T00:00:00Z"}`.
extension DeprecationChange {
    static func decode(_ value: JSONValue) throws(ControlError) -> DeprecationChange {
        let fields = try ControlFields(value, allowed: ["method", "path", "phase", "sunsetAt"])
        guard let phase = try fields.choice("phase", as: DeprecationPhase.self) else { throw fields.missing("phase") }
        return DeprecationChange(
            method: try fields.requiredString("method"),
            path: try fields.requiredString("path"),
            phase: phase,
            sunsetAt: try fields.date("sunsetAt")
        )
    }

    var json: JSONValue {
        var object: JSONObject = ["method": .string(method), "path": .string(path), "phase": .string(phase.rawValue)]
        if let sunsetAt { object["sunsetAt"] = ControlJSON.date(sunsetAt) }
        return .object(object)
    }
}

extension ServiceUser {
    static func decode(_ value: JSONValue, strict: Bool = true) throws(ControlError) -> ServiceUser {
        let fields = try ControlFields(value, allowed: strict ? ["service", "username", "password"] : nil)
        return ServiceUser(
            service: try fields.requiredString("service"),
            username: try fields.requiredString("username"),
            password: try fields.requiredString("password")
        )
    }

    var json: JSONValue {
        .object(["service": .string(service), "username": .string(username), "password": .string(password)])
    }
}
