extension ServerStatus {
    var json: JSONValue {
        let services: [JSONValue] = services.map { service in
            .object([
                "name": .string(service.name), "title": ControlJSON.string(service.title),
                "basePaths": .array(service.basePaths.map(JSONValue.string)), "endpoints": .int(service.endpoints),
            ])
        }
        return .object([
            "version": .string(version), "services": .array(services), "fixtures": .int(fixtures), "clock": clock.json,
            "journal": .object(["entries": .int(journal.entries), "dropped": .int(journal.dropped), "capacity": .int(journal.capacity)]),
            "faults": .int(faults), "tokens": .int(tokens),
            "requestLog": requestLog.map { .object(["waiting": .int($0.waiting), "dropped": .int($0.dropped)]) } ?? .null,
        ])
    }

    static func decode(_ value: JSONValue) throws(ControlError) -> ServerStatus {
        let fields = try ControlFields(value, allowed: nil)
        var services: [Service] = []
        for element in try fields.array("services") ?? [] {
            let service = try ControlFields(element, allowed: nil, field: "services")
            var basePaths: [String] = []
            for path in try service.array("basePaths") ?? [] { basePaths.append(path.stringValue ?? "") }
            services.append(
                Service(
                    name: try service.requiredString("name"),
                    title: try service.string("title"),
                    basePaths: basePaths,
                    endpoints: try service.int("endpoints") ?? 0
                )
            )
        }
        guard let clock = fields.value("clock") else { throw fields.missing("clock") }
        let journal = try fields.object("journal", allowed: nil)
        let requestLog = try fields.object("requestLog", allowed: nil)
        return ServerStatus(
            version: try fields.requiredString("version"),
            services: services,
            fixtures: try fields.int("fixtures") ?? 0,
            clock: try ClockStatus.decode(clock),
            journal: JournalCounts(
                entries: try journal?.int("entries") ?? 0,
                dropped: try journal?.int("dropped") ?? 0,
                capacity: try journal?.int("capacity") ?? 0
            ),
            faults: try fields.int("faults") ?? 0,
            tokens: try fields.int("tokens") ?? 0,
            requestLog: try requestLog.map { log throws(ControlError) in
                RequestLogCounts(waiting: try log.int("waiting") ?? 0, dropped: try log.int("dropped") ?? 0)
            }
        )
    }
}

extension ControlError {
    /// `{"error": message, "field": field}`, plus `problems` for fixtures.
    var json: JSONValue {
        var object: JSONObject = ["error": .string(message)]
        if let field { object["field"] = .string(field) }
        if !problems.isEmpty {
            object["problems"] = .array(problems.map { .object(["file": .string($0.file), "path": .string($0.path), "reason": .string($0.reason)]) })
        }
        return .object(object)
    }

    /// The error a control answer with `status` describes.
    static func decode(_ value: JSONValue, status: Int) -> ControlError {
        let message = value["error"]?.stringValue ?? "the control API answered \(status)"
        let problems: [FixtureProblem] = (value["problems"]?.arrayValue ?? []).map { problem in
            FixtureProblem(
                file: problem["file"]?.stringValue ?? "",
                path: problem["path"]?.stringValue ?? "",
                reason: problem["reason"]?.stringValue ?? ""
            )
        }
        return ControlError(status: status, message: message, field: value["field"]?.stringValue, problems: problems)
    }
}
