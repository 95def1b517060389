import StubHTTP

/// Faults in the control API's JSON:
/// `{"kind": "status", "status": 503, "headers": {"Retry-After": "2"}, "match": {"path": "/auth/bump"}, "times": 2}`.
extension Fault: ControlModel {
    enum Field: String, ControlField {
        case kind, match, times, status, headers, body, delayMs

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .kind: .names(KindName.allCases.map(\.rawValue), "What the fault does.").required
            case .match: .model(FaultMatch.self, "Which requests it hits; all when left out.")
            case .times: .integer("How many requests it hits; every one when left out.")
            case .status: .integer("The status to answer (kind `status` only).")
            case .headers: .stringMembers("Headers to answer with (kind `status` only).")
            case .body: .anyValue("The body to answer with, a string or JSON (kind `status` only).")
            case .delayMs: .integer("How long to wait, in milliseconds (kind `delay` only).")
            }
        }
    }

    private enum KindName: String, CaseIterable, KnownValues {
        case unauthorized, tokenExpired, deprecatedRemoved, status, delay, drop, reset, malformed
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        guard let kindName = try fields.choice(.kind, as: KindName.self) else { throw fields.missing(.kind) }
        if kindName != .status {
            for key in [Field.status, .headers, .body] where fields.has(key) {
                throw .badInput("\(key.rawValue) belongs to kind \"status\", not \"\(kindName.rawValue)\"", field: fields.name(key))
            }
        }
        if kindName != .delay, fields.has(.delayMs) {
            throw .badInput("delayMs belongs to kind \"delay\", not \"\(kindName.rawValue)\"", field: fields.name(.delayMs))
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
            guard let milliseconds = try fields.int64(.delayMs) else { throw fields.missing(.delayMs) }
            kind = .delay(.milliseconds(milliseconds))
        case .status:
            let headers = (try fields.stringMembers(.headers) ?? []).map { HTTPHeaderField($0.name, $0.value) }
            kind = .status(try fields.requiredStatus(.status), headers: headers, body: Self.body(fields))
        }
        self.init(kind, match: try fields.model(.match, as: FaultMatch.self) ?? FaultMatch(), times: try fields.int(.times))
    }

    private static func body(_ fields: ControlFields<Field>) -> FaultBody? {
        guard let value = fields.value(.body) else { return nil }
        if let text = value.stringValue { return .text(text) }
        return .json(value)
    }

    /// The members that describe the fault (without `id`, `remaining`, `applied`).
    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [.kind: .string(kind.name)]
        switch kind {
        case .status(let status, let headers, let body):
            object[.status] = .int(status.code)
            if !headers.isEmpty {
                object[.headers] = .object(JSONObject(headers.map { JSONObject.Member(key: $0.name, value: .string($0.value)) }))
            }
            switch body {
            case .text(let text)?: object[.body] = .string(text)
            case .json(let value)?: object[.body] = value
            case nil: break
            }
        case .delay(let duration):
            object[.delayMs] = ControlJSON.milliseconds(duration)
        case .unauthorized, .tokenExpired, .deprecatedRemoved, .drop, .reset, .malformed:
            break
        }
        if !match.isEmpty { object[.match] = match.json }
        object[.times] = ControlJSON.int(times)
        return object
    }

}

/// `{"method": "GET", "path": "/m2m/*", "token": "…", "grant": "refresh_token", "body.scope": "admin"}`,
/// each member only when set; any other key must be a selector (its values sorted by key).
extension FaultMatch: ControlModel {
    /// The named members, or a selector.
    struct Field: ControlField {
        static let method = Field(known: "method")
        static let path = Field(known: "path")
        static let token = Field(known: "token")
        static let grant = Field(known: "grant")
        /// The named members (a selector is any other key that parses as one).
        static let allCases: [Field] = [.method, .path, .token, .grant]

        let rawValue: String

        private init(known: String) { rawValue = known }

        init?(rawValue: String) {
            guard Self.allCases.contains(where: { $0.rawValue == rawValue }) || ValueSelector(rawValue) != nil else { return nil }
            self.rawValue = rawValue
        }

        /// See `ControlSchema`; a selector is described by `FaultMatch.schema`.
        var schema: ControlSchema {
            switch rawValue {
            case Self.method.rawValue: .string("Only requests with this method.")
            case Self.path.rawValue: .string("Only requests to this path (`*` matches any run of characters).")
            case Self.token.rawValue: .string("Only requests that present this token.")
            case Self.grant.rawValue: .string("Only token requests with this grant type.")
            default: FaultMatch.selector
            }
        }
    }

    /// Any member besides the named ones: a value selector such as `body.scope`, `query.page`,
    /// `header.X-Api-Key`, `cookie.session` or `path.id`, and the value it must have.
    static let selector = ControlSchema.anyValue(
        "A value selector (`body.scope`, `query.page`, `header.X-Api-Key`, `cookie.session`, `path.id`): only requests with this value there."
    )

    static var schema: JSONObject { ControlSchema.object(Field.self, title: "FaultMatch", others: selector) }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        var values: [String: JSONValue] = [:]
        for member in fields.object where !Field.allCases.contains(where: { $0.rawValue == member.key }) {
            values[member.key] = member.value
        }
        self.init(
            method: try fields.method(.method),
            path: try fields.string(.path),
            token: try fields.string(.token),
            values: values,
            grant: try fields.string(.grant)
        )
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [:]
        object[.method] = method.map { .string($0.rawValue) }
        object[.path] = path.map(JSONValue.string)
        object[.token] = token.map(JSONValue.string)
        object[.grant] = grant.map(JSONValue.string)
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            if let field = Field(rawValue: key) { object[field] = value }
        }
        return object
    }
}

/// A fault's members with its `id` first and its counts last.
extension InstalledFault: ControlModel {
    /// `id`, then the fault's own members, then `remaining` and `applied`.
    static var schema: JSONObject {
        let own = ControlSchema.members(Field.self)
        return ControlSchema.object(title: "InstalledFault", members: own.prefix(1) + ControlSchema.members(Fault.Field.self) + own.dropFirst())
    }

    enum Field: String, ControlField {
        case id, remaining, applied

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .id: .string("The fault's id.").required
            case .remaining: .integer("How many more requests it hits; null: every one.")
            case .applied: .integer("How many requests it has hit.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            id: try fields.requiredString(.id),
            fault: try Fault(fields.reading(as: Fault.Field.self)),
            remaining: try fields.int(.remaining),
            applied: try fields.int(.applied) ?? 0
        )
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [.id: .string(id)]
        object.append(fault.object.members)
        object[.remaining] = ControlJSON.int(remaining)
        object[.applied] = .int(applied)
        return object
    }
}

/// `{"faults": […], "next": "f17"}` (`next` null on the last page).
extension FaultPage: ControlModel {
    enum Field: String, ControlField {
        case faults, next

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .faults: .models(InstalledFault.self, "This page's faults.")
            case .next: .string("Where the next page starts (its `after`); null on the last page.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(faults: try fields.models(.faults, as: InstalledFault.self), next: try fields.string(.next))
    }

    var object: ControlObject<Field> {
        [.faults: .array(faults.map(\.json)), .next: ControlJSON.string(next)]
    }
}
