/// Whether a route's requests carry a JSON body.
enum ControlBody: Sendable {
    /// Any body is ignored.
    case none
    /// A JSON body is needed; no body, or one that is not JSON, is a 400.
    case required
    /// No body reads as `{}`.
    case optional
}

/// How a route's input travels in a request: in the path's parameters, the query or a JSON
/// body. `read` is the server's side, `write` the client's.
struct ControlInput<Value>: Sendable {
    let body: ControlBody
    /// The model the body or the query holds, by name; nil when there is none.
    let model: String?
    /// The schema of the JSON body; nil when `body` is `.none`.
    let bodySchema: JSONObject?
    /// The query parameters it reads, by name, with their schemas.
    let query: [ControlParameter]
    let read: @Sendable (ControlMessage) throws(ControlError) -> Value
    let write: @Sendable (Value) -> ControlMessage
}

/// One query parameter a route reads: its name and its schema.
struct ControlParameter: Sendable {
    let name: String
    let schema: ControlSchema

    /// The parameters named by `Field`'s cases, in order.
    static func all<Field: ControlField>(_: Field.Type) -> [ControlParameter] {
        Field.allCases.map { ControlParameter(name: $0.rawValue, schema: $0.schema) }
    }
}

extension ControlInput where Value == Void {
    /// Nothing beyond the method and path.
    static var none: Self {
        Self(body: .none, model: nil, bodySchema: nil, query: [], read: { _ in }, write: { _ in ControlMessage() })
    }
}

extension ControlInput where Value == String {
    /// The path's one parameter: `{id}`, `{token}`.
    static var parameter: Self {
        Self(
            body: .none,
            model: nil,
            bodySchema: nil,
            query: [],
            read: { $0.parameters.first ?? "" },
            write: { ControlMessage(parameters: [$0]) }
        )
    }

    /// The URL the request reached the control API at (`ControlMessage.controlURL`).
    static var controlURL: Self {
        Self(body: .none, model: nil, bodySchema: nil, query: [], read: { $0.controlURL }, write: { _ in ControlMessage() })
    }
}

extension ControlInput where Value: ControlModel {
    /// A JSON body, read strictly.
    static var body: Self { json(.required) }

    /// A JSON body that may be left out.
    static var optionalBody: Self { json(.optional) }

    private static func json(_ body: ControlBody) -> Self {
        Self(
            body: body,
            model: "\(Value.self)",
            bodySchema: Value.schema,
            query: [],
            read: { message throws(ControlError) in try Value.decode(message.body ?? .object([:]), strict: true) },
            write: { ControlMessage(body: $0.json) }
        )
    }
}

extension ControlInput where Value: ControlQueryModel {
    /// Query parameters.
    static var query: Self {
        Self(
            body: .none,
            model: "\(Value.self)",
            bodySchema: nil,
            query: ControlParameter.all(Value.Field.self),
            read: { message throws(ControlError) in try Value(ControlQuery(message.query, kind: Value.parameterKind)) },
            write: { ControlMessage(query: $0.queryItems) }
        )
    }
}

extension ControlInput {
    /// A page of a listing filtered by `Query`: its query parameters plus `limit` and `after`.
    static func paged<Query: ControlQueryModel>(_: Query.Type) -> Self where Value == (Query, PageRequest) {
        Self(
            body: .none,
            model: "\(Query.self)",
            bodySchema: nil,
            query: ControlParameter.all(Query.Field.self) + PageRequest.parameters,
            read: { message throws(ControlError) in
                var rest = message.query
                let page = try PageRequest(taking: &rest)
                return (try Query(ControlQuery(rest, kind: Query.parameterKind)), page)
            },
            write: { ControlMessage(query: $0.0.queryItems + $0.1.queryItems) }
        )
    }
}

extension ControlInput where Value == PageRequest {
    /// A page of a listing: `limit` and `after`, and no other parameter.
    static var paged: Self {
        Self(
            body: .none,
            model: nil,
            bodySchema: nil,
            query: PageRequest.parameters,
            read: { message throws(ControlError) in
                var rest = message.query
                let page = try PageRequest(taking: &rest)
                if let unknown = rest.first {
                    throw .badInput("unknown parameter \"\(unknown.name)\" (known: after, limit)", field: unknown.name)
                }
                return page
            },
            write: { ControlMessage(query: $0.queryItems) }
        )
    }
}

extension ControlInput {
    /// The path's one parameter and a JSON body: `PATCH /tokens/{token}` with `{"enabled": false}`;
    /// with `body` `.optional`, no body reads as `{}`.
    static func parameter<Model: ControlModel>(and _: Model.Type, body: ControlBody = .required) -> Self where Value == (String, Model) {
        Self(
            body: body,
            model: "\(Model.self)",
            bodySchema: Model.schema,
            query: [],
            read: { message throws(ControlError) in
                (message.parameters.first ?? "", try Model.decode(message.body ?? .object([:]), strict: true))
            },
            write: { ControlMessage(parameters: [$0.0], body: $0.1.json) }
        )
    }
}

extension ControlInput {
    /// The same input, with a body that takes no fields, for a `POST` that changes state: no
    /// body or `{}`; any field is a 400 naming it, as on routes that take fields.
    var withoutFields: Self {
        let read = read
        return Self(
            body: .optional,
            model: model,
            bodySchema: bodySchema ?? ControlSchema.object(NoField.self, title: "NoFields"),
            query: query,
            read: { message throws(ControlError) in
                _ = try ControlFields<NoField>(message.body ?? .object([:]), strict: true)
                return try read(message)
            },
            write: write
        )
    }
}
