extension JournalEntry {
    /// `{"requests":[…],"dropped":n}`, written one entry at a time: a full journal never
    /// exists as one JSON tree, which would take several times the memory of its text.
    static func listing(_ entries: [JournalEntry], dropped: Int) -> [UInt8] {
        var out = Array(#"{"requests":["#.utf8)
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += entry.json.serialized().utf8
        }
        out += #"],"dropped":\#(dropped)}"#.utf8
        return out
    }

    var json: JSONValue {
        .object([
            "id": .int(id), "time": .string(time), "method": .string(method), "path": .string(path),
            "query": ControlJSON.string(query),
            "headers": .array(headers.map { .object(["name": .string($0.name), "value": .string($0.value)]) }),
            "body": .string(body), "status": ControlJSON.int(status), "service": ControlJSON.string(service),
            "fixture": ControlJSON.string(fixture), "fault": ControlJSON.string(fault), "deprecated": .bool(deprecated),
            "durationMs": .double(durationMs), "reason": ControlJSON.string(reason), "user": ControlJSON.string(user),
            "token": ControlJSON.string(token),
        ])
    }

    static func decode(_ value: JSONValue) throws(ControlError) -> JournalEntry {
        let fields = try ControlFields(value, allowed: nil)
        var headers: [HTTPHeaderField] = []
        for element in try fields.array("headers") ?? [] {
            let header = try ControlFields(element, allowed: nil, field: "headers")
            headers.append(HTTPHeaderField(try header.requiredString("name"), try header.requiredString("value")))
        }
        return JournalEntry(
            id: try fields.requiredInt("id"),
            time: try fields.requiredString("time"),
            method: try fields.requiredString("method"),
            path: try fields.requiredString("path"),
            query: try fields.string("query"),
            headers: headers,
            body: try fields.string("body") ?? "",
            status: try fields.int("status"),
            service: try fields.string("service"),
            fixture: try fields.string("fixture"),
            fault: try fields.string("fault"),
            deprecated: try fields.bool("deprecated") ?? false,
            durationMs: try fields.double("durationMs") ?? 0,
            reason: try fields.string("reason"),
            user: try fields.string("user"),
            token: try fields.string("token")
        )
    }
}

/// Journal filters, as query parameters (`GET /__control/requests?deprecated=true`) or as the
/// JSON body of `POST /__control/requests/count`.
extension JournalFilter {
    static let fieldNames: Set<String> = ["method", "path", "service", "status", "deprecated", "unmatched", "fault", "token", "header"]

    static func decode(_ value: JSONValue) throws(ControlError) -> JournalFilter {
        let fields = try ControlFields(value, allowed: fieldNames)
        var header: Header?
        if let text = try fields.string("header") { header = try Header.decode(text) }
        return JournalFilter(
            method: try fields.string("method"),
            path: try fields.string("path"),
            service: try fields.string("service"),
            status: try fields.int("status"),
            deprecated: try fields.bool("deprecated"),
            unmatched: try fields.bool("unmatched"),
            fault: try fields.bool("fault"),
            token: try fields.string("token"),
            header: header
        )
    }

    /// Reads `name=value` query parameters (already percent-decoded).
    static func decode(query parameters: [(name: String, value: String)]) throws(ControlError) -> JournalFilter {
        var filter = JournalFilter()
        for (name, value) in parameters {
            func flag() throws(ControlError) -> Bool { try ControlFields.queryFlag(name, value) }
            switch name {
            case "method": filter.method = value
            case "path": filter.path = value
            case "service": filter.service = value
            case "status":
                guard let status = Int(value) else { throw .badInput("status must be a number, not \"\(value)\"", field: name) }
                filter.status = status
            case "deprecated": filter.deprecated = try flag()
            case "unmatched": filter.unmatched = try flag()
            case "fault": filter.fault = try flag()
            case "token": filter.token = value
            case "header": filter.header = try Header.decode(value)
            default:
                throw .badInput("unknown filter \"\(name)\" (known: \(fieldNames.sorted().joined(separator: ", ")))", field: name)
            }
        }
        return filter
    }

    var json: JSONValue {
        var object: JSONObject = [:]
        if let method { object["method"] = .string(method) }
        if let path { object["path"] = .string(path) }
        if let service { object["service"] = .string(service) }
        if let status { object["status"] = .int(status) }
        if let deprecated { object["deprecated"] = .bool(deprecated) }
        if let unmatched { object["unmatched"] = .bool(unmatched) }
        if let fault { object["fault"] = .bool(fault) }
        if let token { object["token"] = .string(token) }
        if let header { object["header"] = .string(header.text) }
        return .object(object)
    }

    /// The filter as query parameters, for `GET /__control/requests`.
    var queryItems: [(name: String, value: String)] {
        guard case .object(let object) = json else { return [] }
        return object.map { member in
            (member.key, member.value.stringValue ?? member.value.serialized())
        }
    }
}

extension JournalFilter.Header {
    /// `Name: value`, or `Name` for any value: the form of the `header` filter in JSON and queries.
    var text: String {
        value.map { "\(name): \($0)" } ?? name
    }

    /// Reads `Name: value` or `Name`.
    static func decode(_ text: String) throws(ControlError) -> JournalFilter.Header {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = (parts.first ?? "").trimmed(of: " ")
        guard !name.isEmpty else { throw .badInput("header must be \"Name\" or \"Name: value\", not \"\(text)\"", field: "header") }
        return JournalFilter.Header(name, parts.count == 2 ? parts[1].trimmed(of: " ") : nil)
    }
}
