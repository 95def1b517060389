import StubHTTP

/// What a route answers: its success status and the JSON body. `write` is the server's side,
/// `read` the client's.
struct ControlOutput<Value>: Sendable {
    let status: HTTPStatus
    /// The model the answer holds, by name; nil for a 204.
    let model: String?
    /// The schema of the JSON body; nil for a 204.
    let schema: JSONObject?
    /// The body; nil for a 204, which has none.
    let write: @Sendable (Value) -> [UInt8]?
    let read: @Sendable (JSONValue) throws(ControlError) -> Value
    /// For a page that is not the last: where the next one starts (the `after` of its
    /// `Link: <…>; rel="next"`).
    var next: @Sendable (Value) -> String? = { _ in nil }
}

extension ControlOutput {
    /// The same output for a paged listing, whose `next` page starts after `next(value)`.
    func paged(_ next: @escaping @Sendable (Value) -> String?) -> Self {
        Self(status: status, model: model, schema: schema, write: write, read: read, next: next)
    }
}

extension ControlOutput where Value == Void {
    /// 204, no body.
    static var empty: Self {
        Self(status: 204, model: nil, schema: nil, write: { _ in nil }, read: { _ in })
    }
}

extension ControlOutput where Value: ControlModel {
    /// One model.
    static func model(_ status: HTTPStatus = 200) -> Self {
        Self(
            status: status,
            model: "\(Value.self)",
            schema: Value.schema,
            write: { $0.json.serializedBytes() },
            read: { answer throws(ControlError) in try Value.decode(answer, strict: false) }
        )
    }
}

extension ControlOutput {
    /// A list of models under `key`: `{"faults": […]}`.
    static func list<Element: ControlModel>(_ key: String, _ status: HTTPStatus = 200) -> Self where Value == [Element] {
        Self(
            status: status,
            model: "[\(Element.self)]",
            schema: ControlSchema.object(title: "\(Element.self)List", key, .models(Element.self, "Every one, in order.")),
            write: { JSONValue.object([key: .array($0.map(\.json))]).serializedBytes() },
            read: { answer throws(ControlError) in
                guard let elements = answer[key]?.arrayValue else {
                    throw ControlError(status: 200, message: "the control API's answer has no \"\(key)\" array")
                }
                var decoded: [Element] = []
                for element in elements { decoded.append(try Element.decode(element, strict: false)) }
                return decoded
            }
        )
    }
}

extension ControlOutput where Value == Int {
    /// A number under `key`: `{"count": 3}`.
    static func number(_ key: String) -> Self {
        Self(
            status: 200,
            model: "Int",
            schema: ControlSchema.object(title: key.prefix(1).uppercased() + key.dropFirst() + "Count", key, .integer("How many.")),
            write: { JSONValue.object([key: .int($0)]).serializedBytes() },
            read: { answer throws(ControlError) in
                guard let number = answer[key]?.intValue else {
                    throw ControlError(status: 200, message: "the control API's answer has no \"\(key)\" number")
                }
                return number
            }
        )
    }
}

extension ControlOutput where Value == JSONValue {
    /// A JSON document of its own (a Pact file, an OpenAPI document), described by `schema`.
    static func document(_ schema: JSONObject) -> Self {
        Self(
            status: 200,
            model: "JSONValue",
            schema: schema,
            write: { $0.serializedBytes() },
            read: { $0 }
        )
    }
}

extension ControlOutput where Value == JournalPage {
    /// A page of the journal, written one entry at a time.
    static var journal: Self {
        Self(
            status: 200,
            model: "JournalPage",
            schema: ControlSchema.object(JournalPage.Field.self, title: "JournalPage"),
            write: { $0.bytes },
            read: { answer throws(ControlError) in try JournalPage(try ControlFields(answer, strict: false)) },
            next: { $0.next.map(String.init) }
        )
    }
}
