/// Faults in the control API's JSON:
/// `{"kind": "status", "status": 503, "headers": {"Retry-After": "2"}, "match": {"path": "/auth/bump"}, "times": 2}`.
extension Fault {
    private enum KindName: String, CaseIterable {
        case unauthorized, tokenExpired, deprecatedRemoved, status, delay, drop, reset, malformed
    }

    static let jsonFields: Set<String> = ["kind", "match", "times", "status", "headers", "body", "delayMs"]
    private static let matchFields: Set<String> = ["method", "path", "token"]

    /// Reads a fault; `strict` refuses unknown fields (requests) and allows them (answers).
    static func decode(_ fields: ControlFields, strict: Bool = true) throws(ControlError) -> Fault {
        guard let kindName = try fields.choice("kind", as: KindName.self) else { throw fields.missing("kind") }
        if kindName != .status {
            for key in ["status", "headers", "body"] where fields.has(key) {
                throw .badInput("\(key) belongs to kind \"status\", not \"\(kindName.rawValue)\"", field: fields.name(key))
            }
        }
        if kindName != .delay, fields.has("delayMs") {
            throw .badInput("delayMs belongs to kind \"delay\", not \"\(kindName.rawValue)\"", field: fields.name("delayMs"))
        }
        let kind: FaultKind
        switch kindName {
        case .unauthorized: kind = .unauthorized
        case .tokenExpired: kind = .tokenExpired
        case .deprecatedRemoved: kind = .deprecatedRemoved
        case .drop: kind = .drop
        case .reset: kind = .reset
        case .malformed: kind = .malformed
        case .delay:
            guard let milliseconds = try fields.int64("delayMs") else { throw fields.missing("delayMs") }
            kind = .delay(.milliseconds(milliseconds))
        case .status:
            kind = .status(try fields.requiredInt("status"), headers: try headers(fields), body: body(fields))
        }
        var match = FaultMatch()
        if let matchFields = try fields.object("match", allowed: strict ? Self.matchFields : nil) {
            match = FaultMatch(
                method: try matchFields.string("method"),
                path: try matchFields.string("path"),
                token: try matchFields.string("token")
            )
        }
        return Fault(kind, match: match, times: try fields.int("times"))
    }

    private static func headers(_ fields: ControlFields) throws(ControlError) -> [HTTPHeaderField] {
        guard let object = try fields.object("headers", allowed: nil) else { return [] }
        var headers: [HTTPHeaderField] = []
        for member in object.object {
            guard let value = member.value.stringValue else {
                throw object.mismatch(member.key, "a string", member.value)
            }
            headers.append(HTTPHeaderField(member.key, value))
        }
        return headers
    }

    private static func body(_ fields: ControlFields) -> FaultBody? {
        guard let value = fields.value("body") else { return nil }
        if let text = value.stringValue { return .text(text) }
        return .json(value)
    }

    /// The members that describe the fault (without `id`, `remaining`, `applied`).
    var jsonMembers: JSONObject {
        var object: JSONObject = ["kind": .string(kind.name)]
        switch kind {
        case .status(let status, let headers, let body):
            object["status"] = .int(status)
            if !headers.isEmpty {
                object["headers"] = .object(JSONObject(headers.map { JSONObject.Member(key: $0.name, value: .string($0.value)) }))
            }
            switch body {
            case .text(let text)?: object["body"] = .string(text)
            case .json(let value)?: object["body"] = value
            case nil: break
            }
        case .delay(let duration):
            object["delayMs"] = ControlJSON.milliseconds(duration)
        case .unauthorized, .tokenExpired, .deprecatedRemoved, .drop, .reset, .malformed:
            break
        }
        var matchObject: JSONObject = [:]
        if let method = match.method { matchObject["method"] = .string(method) }
        if let path = match.path { matchObject["path"] = .string(path) }
        if let token = match.token { matchObject["token"] = .string(token) }
        if !matchObject.isEmpty { object["match"] = .object(matchObject) }
        object["times"] = ControlJSON.int(times)
        return object
    }

    var json: JSONValue { .object(jsonMembers) }
}

extension InstalledFault {
    var json: JSONValue {
        var object: JSONObject = ["id": .string(id)]
        for member in fault.jsonMembers { object[member.key] = member.value }
        object["remaining"] = ControlJSON.int(remaining)
        object["applied"] = .int(applied)
        return .object(object)
    }

    static func decode(_ value: JSONValue) throws(ControlError) -> InstalledFault {
        let fields = try ControlFields(value, allowed: nil)
        return InstalledFault(
            id: try fields.requiredString("id"),
            fault: try Fault.decode(fields, strict: false),
            remaining: try fields.int("remaining"),
            applied: try fields.int("applied") ?? 0
        )
    }
}
