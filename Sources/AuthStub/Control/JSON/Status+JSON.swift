import StubHTTP

extension ServerStatus: ControlModel {
    enum Field: String, ControlField {
        case version, services, fixtures, clock, journal, faults, tokens, tokenCounts, requestLog
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        guard let clock = try fields.model(.clock, as: ClockStatus.self) else { throw fields.missing(.clock) }
        self.init(
            version: try fields.requiredString(.version),
            services: try fields.models(.services, as: Service.self),
            fixtures: try fields.int(.fixtures) ?? 0,
            clock: clock,
            journal: try fields.model(.journal, as: JournalCounts.self) ?? JournalCounts(entries: 0, dropped: 0, capacity: 0),
            faults: try fields.int(.faults) ?? 0,
            tokens: try fields.int(.tokens) ?? 0,
            tokenCounts: try fields.model(.tokenCounts, as: TokenCounts.self)
                ?? TokenCounts(live: 0, ended: 0, evicted: 0, limit: 0, perUserLimit: 0),
            requestLog: try fields.model(.requestLog, as: RequestLogCounts.self)
        )
    }

    var object: ControlObject<Field> {
        [
            .version: .string(version), .services: .array(services.map(\.json)), .fixtures: .int(fixtures), .clock: clock.json,
            .journal: journal.json, .faults: .int(faults), .tokens: .int(tokens), .tokenCounts: tokenCounts.json,
            .requestLog: requestLog?.json ?? .null,
        ]
    }
}

extension ServerStatus.Service: ControlModel {
    enum Field: String, ControlField {
        case name, title, basePaths, endpoints
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            name: try fields.requiredString(.name),
            title: try fields.string(.title),
            basePaths: try fields.strings(.basePaths),
            endpoints: try fields.int(.endpoints) ?? 0
        )
    }

    var object: ControlObject<Field> {
        [
            .name: .string(name), .title: ControlJSON.string(title), .basePaths: .array(basePaths.map(JSONValue.string)),
            .endpoints: .int(endpoints),
        ]
    }
}

extension ServerStatus.JournalCounts: ControlModel {
    enum Field: String, ControlField {
        case entries, dropped, capacity, bytes, byteLimit, entryByteLimit, truncated, lastID
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            entries: try fields.int(.entries) ?? 0,
            dropped: try fields.int(.dropped) ?? 0,
            capacity: try fields.int(.capacity) ?? 0,
            bytes: try fields.int(.bytes) ?? 0,
            byteLimit: try fields.int(.byteLimit) ?? 0,
            entryByteLimit: try fields.int(.entryByteLimit) ?? 0,
            truncated: try fields.int(.truncated) ?? 0,
            lastID: try fields.int(.lastID) ?? 0
        )
    }

    var object: ControlObject<Field> {
        [
            .entries: .int(entries), .dropped: .int(dropped), .capacity: .int(capacity), .bytes: .int(bytes),
            .byteLimit: .int(byteLimit), .entryByteLimit: .int(entryByteLimit), .truncated: .int(truncated), .lastID: .int(lastID),
        ]
    }
}

extension ServerStatus.TokenCounts: ControlModel {
    enum Field: String, ControlField {
        case live, ended, evicted, limit, perUserLimit
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            live: try fields.int(.live) ?? 0,
            ended: try fields.int(.ended) ?? 0,
            evicted: try fields.int(.evicted) ?? 0,
            limit: try fields.int(.limit) ?? 0,
            perUserLimit: try fields.int(.perUserLimit) ?? 0
        )
    }

    var object: ControlObject<Field> {
        [.live: .int(live), .ended: .int(ended), .evicted: .int(evicted), .limit: .int(limit), .perUserLimit: .int(perUserLimit)]
    }
}

extension ServerStatus.RequestLogCounts: ControlModel {
    enum Field: String, ControlField {
        case waiting, dropped
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(waiting: try fields.int(.waiting) ?? 0, dropped: try fields.int(.dropped) ?? 0)
    }

    var object: ControlObject<Field> {
        [.waiting: .int(waiting), .dropped: .int(dropped)]
    }
}

/// `{"error": message, "field": field}`, plus `problems` for fixtures.
extension ControlError {
    enum Field: String, ControlField {
        case error, field, problems
    }

    var json: JSONValue {
        var object: ControlObject<Field> = [.error: .string(message)]
        object[.field] = field.map(JSONValue.string)
        if !problems.isEmpty { object[.problems] = .array(problems.map(\.json)) }
        return object.json
    }

    /// The error a control answer with `status` describes; never fails, as it reports a failure.
    static func decode(_ value: JSONValue, status: HTTPStatus) -> ControlError {
        let problems = (value[Field.problems.rawValue]?.arrayValue ?? []).compactMap { try? FixtureProblem.decode($0, strict: false) }
        return ControlError(
            status: status,
            message: value[Field.error.rawValue]?.stringValue ?? "the control API answered \(status)",
            field: value[Field.field.rawValue]?.stringValue,
            problems: problems
        )
    }
}

extension FixtureProblem: ControlModel {
    enum Field: String, ControlField {
        case file, path, reason
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(file: try fields.string(.file) ?? "", path: try fields.string(.path) ?? "", reason: try fields.string(.reason) ?? "")
    }

    var object: ControlObject<Field> {
        [.file: .string(file), .path: .string(path), .reason: .string(reason)]
    }
}
