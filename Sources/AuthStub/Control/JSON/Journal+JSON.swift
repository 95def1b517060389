import StubHTTP

extension JournalEntry: ControlModel {
    enum Field: String, ControlField {
        case id, time, method, path, query, headers, body, status, service, fixture, fault, deprecated, durationMs, reason, user, token
        case tokenID, tokenKind, refusal, refusalReason, responseHeaders, truncated, proxiedTo

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .id: .integer("The entry's id, increasing.").required
            case .time: .date("When the request arrived, on the server clock.").required
            case .method: .string("The request method.").required
            case .path: .string("The request path.").required
            case .query: .string("The query, as sent.")
            case .headers: .models(HTTPHeaderField.self, "The request headers, secrets shortened.")
            case .body: .string("The request body, secrets redacted.")
            case .status: .integer("The status answered; null when none was.")
            case .service: .string("The service that matched.")
            case .fixture: .string("The endpoint fixture that matched.")
            case .fault: .string("The fault that answered, by id.")
            case .deprecated: .boolean("Whether the endpoint is deprecated.")
            case .durationMs: .number("How long the answer took, in milliseconds.")
            case .reason: .string("Why the answer was what it was.")
            case .user: .string("The user the request was for.")
            case .token: .string("The token presented, shortened.")
            case .tokenID: .string("The token's id.")
            case .tokenKind: .choice(TokenKind.self, "The kind of token presented.")
            case .refusal: .choice(ResponseCondition.self, "The condition that refused the request.")
            case .refusalReason: .string("The reason for the refusal, by name.")
            case .responseHeaders: .models(HTTPHeaderField.self, "The answer's headers, secrets shortened.")
            case .truncated: .boolean("Whether the entry was cut to the entry byte limit.")
            case .proxiedTo: .string("The upstream URL the request was forwarded to.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            id: try fields.requiredInt(.id),
            time: try fields.requiredDate(.time),
            method: try fields.requiredMethod(.method),
            path: try fields.requiredString(.path),
            query: try fields.string(.query),
            headers: try fields.models(.headers, as: HTTPHeaderField.self),
            body: try fields.string(.body) ?? "",
            status: try fields.status(.status),
            service: try fields.string(.service),
            fixture: try fields.string(.fixture),
            fault: try fields.string(.fault),
            deprecated: try fields.bool(.deprecated) ?? false,
            duration: try fields.fractionalMilliseconds(.durationMs) ?? .zero,
            reason: try fields.string(.reason),
            user: try fields.string(.user),
            token: try fields.string(.token),
            tokenID: try fields.string(.tokenID),
            tokenKind: try fields.choice(.tokenKind, as: TokenKind.self),
            refusal: try fields.choice(.refusal, as: ResponseCondition.self),
            refusalReason: try fields.string(.refusalReason).map(RefusalReason.init(rawValue:)),
            responseHeaders: try fields.models(.responseHeaders, as: HTTPHeaderField.self),
            truncated: try fields.bool(.truncated) ?? false,
            proxiedTo: try fields.string(.proxiedTo)
        )
    }

    var object: ControlObject<Field> {
        [
            .id: .int(id), .time: ControlJSON.date(time), .method: ControlJSON.method(method), .path: .string(path),
            .query: ControlJSON.string(query), .headers: .array(headers.map(\.json)),
            .body: .string(body), .status: ControlJSON.status(status), .service: ControlJSON.string(service),
            .fixture: ControlJSON.string(fixture), .fault: ControlJSON.string(fault), .deprecated: .bool(deprecated),
            .durationMs: ControlJSON.fractionalMilliseconds(duration), .reason: ControlJSON.string(reason), .user: ControlJSON.string(user),
            .token: ControlJSON.string(token),
            .tokenID: ControlJSON.string(tokenID), .tokenKind: ControlJSON.string(tokenKind?.rawValue),
            .refusal: ControlJSON.string(refusal?.rawValue), .refusalReason: ControlJSON.string(refusalReason?.rawValue),
            .responseHeaders: .array(responseHeaders.map(\.json)),
            .truncated: .bool(truncated), .proxiedTo: ControlJSON.string(proxiedTo),
        ]
    }
}

/// A journal entry's header: `{"name": "Accept", "value": "application/json"}`.
extension HTTPHeaderField: ControlModel {
    enum Field: String, ControlField {
        case name, value

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .name: .string("The header's name.").required
            case .value: .string("Its value.").required
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(try fields.requiredString(.name), try fields.requiredString(.value))
    }

    var object: ControlObject<Field> {
        [.name: .string(name), .value: .string(value)]
    }
}

/// Journal filters, as query parameters (`GET /__control/requests?deprecated=true`) or as the
/// JSON body of `POST /__control/requests/count`.
extension JournalFilter: ControlModel, ControlQueryModel {
    enum Field: String, ControlField {
        case method, path, service, status, deprecated, unmatched, fault, token, header

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .method: .string("Only requests with this method.")
            case .path: .string("Only requests to this path (`*` matches any run of characters).")
            case .service: .string("Only requests a service by this name answered.")
            case .status: .integer("Only requests answered with this status.")
            case .deprecated: .boolean("Only requests to deprecated endpoints (or only others).")
            case .unmatched: .boolean("Only requests no fixture matched (or only matched ones).")
            case .fault: .boolean("Only requests a fault answered (or only others).")
            case .token: .string("Only requests that presented this token.")
            case .header: .string("Only requests with this header: `Name` or `Name: value`.")
            }
        }
    }

    static let parameterKind = "filter"

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            method: try fields.method(.method),
            path: try fields.string(.path),
            service: try fields.string(.service),
            status: try fields.status(.status),
            deprecated: try fields.bool(.deprecated),
            unmatched: try fields.bool(.unmatched),
            fault: try fields.bool(.fault),
            token: try fields.string(.token),
            header: try fields.string(.header).map { text throws(ControlError) in try Header(text) }
        )
    }

    init(_ parameters: ControlQuery<Field>) throws(ControlError) {
        self.init()
        for (name, value) in parameters.values {
            let field = try parameters.field(name)
            switch field {
            case .method: method = HTTPMethod(value)
            case .path: path = value
            case .service: service = value
            case .status:
                guard let status = Int(value) else {
                    throw .badInput("\(field.rawValue) must be a number, not \"\(value)\"", field: field.rawValue)
                }
                self.status = HTTPStatus(code: status)
            case .deprecated: deprecated = try parameters.flag(field, value)
            case .unmatched: unmatched = try parameters.flag(field, value)
            case .fault: fault = try parameters.flag(field, value)
            case .token: token = value
            case .header: header = try Header(value)
            }
        }
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [:]
        object[.method] = method.map { .string($0.rawValue) }
        object[.path] = path.map(JSONValue.string)
        object[.service] = service.map(JSONValue.string)
        object[.status] = status.map { .int($0.code) }
        object[.deprecated] = deprecated.map(JSONValue.bool)
        object[.unmatched] = unmatched.map(JSONValue.bool)
        object[.fault] = fault.map(JSONValue.bool)
        object[.token] = token.map(JSONValue.string)
        object[.header] = header.map { .string($0.text) }
        return object
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
    init(_ text: String) throws(ControlError) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = (parts.first ?? "").trimmed(of: " ")
        guard !name.isEmpty else {
            let field = JournalFilter.Field.header.rawValue
            throw .badInput("\(field) must be \"Name\" or \"Name: value\", not \"\(text)\"", field: field)
        }
        self.init(name, parts.count == 2 ? parts[1].trimmed(of: " ") : nil)
    }
}

/// `{"requests":[…],"dropped":n,"truncated":n,"next":id}` (`next` null on the last page).
extension JournalPage {
    enum Field: String, ControlField {
        case requests, dropped, truncated, next

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .requests: .models(JournalEntry.self, "This page's entries, oldest first.").required
            case .dropped: .integer("Entries dropped to stay within the journal's limits.").required
            case .truncated: .integer("Entries cut to the entry byte limit.").required
            case .next: .integer("Where the next page starts (its `after`); null on the last page.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            entries: try fields.models(.requests, as: JournalEntry.self),
            dropped: try fields.int(.dropped) ?? 0,
            truncated: try fields.int(.truncated) ?? 0,
            next: try fields.int(.next)
        )
    }

    /// Written one entry at a time: a full journal never exists as one JSON tree, which would
    /// take several times the memory of its text. Each entry goes straight into one buffer,
    /// sized at the start by the entries' `storedBytes` (about their JSON's size), so a full
    /// journal's 6 MiB are not built by doubling.
    var bytes: [UInt8] {
        var out = Array(#"{"\#(Field.requests.rawValue)":["#.utf8)
        out.reserveCapacity(entries.reduce(256) { $0 + $1.storedBytes })
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONSerializer.write(entry.json, to: &out, indent: nil)
        }
        out += #"],"\#(Field.dropped.rawValue)":\#(dropped),"\#(Field.truncated.rawValue)":\#(truncated),"#.utf8
        out += #""\#(Field.next.rawValue)":\#(next.map(String.init) ?? "null")}"#.utf8
        return out
    }
}
