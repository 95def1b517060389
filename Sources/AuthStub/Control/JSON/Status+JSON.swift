import StubHTTP

extension ServerStatus: ControlModel {
    enum Field: String, ControlField {
        case version, services, fixtures, clock, journal, faults, tokens, tokenCounts, requestLog

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .version: .string("The server's version.").required
            case .services: .models(ServerStatus.Service.self, "The services the fixtures describe.")
            case .fixtures: .integer("How many endpoint fixtures are loaded.")
            case .clock: .model(ClockStatus.self, "The server clock.").required
            case .journal: .model(ServerStatus.JournalCounts.self, "What the journal holds and has dropped.")
            case .faults: .integer("How many faults are installed.")
            case .tokens: .integer("How many tokens the server keeps.")
            case .tokenCounts: .model(ServerStatus.TokenCounts.self, "Tokens by state, and the limits on them.")
            case .requestLog: .model(ServerStatus.RequestLogCounts.self, "The console request log's queue; null when the server logs no requests.")
            }
        }
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
        case name, title, basePaths, endpoints, rateLimitKeys

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .name: .string("The service's name (its folder).").required
            case .title: .string("The service's title.")
            case .basePaths: .strings("The path prefixes it answers under.")
            case .endpoints: .integer("How many endpoints it has.")
            case .rateLimitKeys: .integer("How many keys its rate limits count requests under now, at most 10,000.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            name: try fields.requiredString(.name),
            title: try fields.string(.title),
            basePaths: try fields.strings(.basePaths),
            endpoints: try fields.int(.endpoints) ?? 0,
            rateLimitKeys: try fields.int(.rateLimitKeys) ?? 0
        )
    }

    var object: ControlObject<Field> {
        [
            .name: .string(name), .title: ControlJSON.string(title), .basePaths: .array(basePaths.map(JSONValue.string)),
            .endpoints: .int(endpoints), .rateLimitKeys: .int(rateLimitKeys),
        ]
    }
}

extension ServerStatus.JournalCounts: ControlModel {
    enum Field: String, ControlField {
        case entries, dropped, capacity, bytes, byteLimit, entryByteLimit, truncated, lastID

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .entries: .integer("Entries held.")
            case .dropped: .integer("Entries dropped to stay within the limits.")
            case .capacity: .integer("The most entries it holds.")
            case .bytes: .integer("Bytes held.")
            case .byteLimit: .integer("The most bytes it holds.")
            case .entryByteLimit: .integer("The most bytes one entry keeps.")
            case .truncated: .integer("Entries cut to the entry limit.")
            case .lastID: .integer("The last entry's id.")
            }
        }
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

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .live: .integer("Tokens that still work.")
            case .ended: .integer("Tokens expired or revoked, kept for the journal.")
            case .evicted: .integer("Tokens dropped to stay within the limit.")
            case .limit: .integer("The most tokens kept.")
            case .perUserLimit: .integer("The most live tokens one user keeps.")
            }
        }
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

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .waiting: .integer("Lines waiting to be written.")
            case .dropped: .integer("Lines dropped because the queue was full.")
            }
        }
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

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .error: .string("What was wrong.").required
            case .field: .string("The field, query parameter or header at fault, when there is one.")
            case .problems: .models(FixtureProblem.self, "Every problem found in added or reloaded fixtures.")
            }
        }
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

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .file: .string("The fixture file.")
            case .path: .string("The JSON path in it.")
            case .reason: .string("What is wrong there.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(file: try fields.string(.file) ?? "", path: try fields.string(.path) ?? "", reason: try fields.string(.reason) ?? "")
    }

    var object: ControlObject<Field> {
        [.file: .string(file), .path: .string(path), .reason: .string(reason)]
    }
}
