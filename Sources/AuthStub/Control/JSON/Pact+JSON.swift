/// `GET /__control/pact?consumer=web&provider=auth`: the names the Pact file gives the two
/// sides, `consumer` and `authstub` when not given.
struct PactNames {
    var consumer: String
    var provider: String
}

extension PactNames: ControlQueryModel {
    enum Field: String, ControlField {
        case consumer, provider

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .consumer: .string("The consumer's name in the Pact file; `consumer` when left out.")
            case .provider: .string("The provider's name in the Pact file; `authstub` when left out.")
            }
        }
    }

    static let parameterKind = "parameter"

    init(_ query: ControlQuery<Field>) throws(ControlError) {
        self.init(consumer: "consumer", provider: "authstub")
        for (name, value) in query.values {
            switch try query.field(name) {
            case .consumer: consumer = value
            case .provider: provider = value
            }
        }
        guard !consumer.isEmpty, !provider.isEmpty else {
            let field = consumer.isEmpty ? Field.consumer : .provider
            throw .badInput("\(Field.consumer.rawValue) and \(Field.provider.rawValue) need names", field: field.rawValue)
        }
    }

    var queryItems: [(name: String, value: String)] {
        [(Field.consumer.rawValue, consumer), (Field.provider.rawValue, provider)]
    }
}

/// A Pact verifier's state-change call: `{"state": …, "params": {…}, "action": "setup"}`, or the
/// v3 form with `"states": [...]`.
extension ProviderStateChange: ControlModel {
    enum Field: String, ControlField {
        case state, states, params, action

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .state: .names(PactProviderState.allCases.map(\.rawValue), "One provider state.")
            case .states: .strings("Several provider states (Pact v3); each may also be a `{\"name\": …}` object.")
            case .params: .model(ProviderStateChange.Parameters.self, "The service and the token or user the states are about.")
            case .action: .choice(ProviderStateChange.Action.self, "setup (when left out) or teardown.")
            }
        }
    }

    /// `params`: the service, the recorded token and the user.
    struct Parameters {
        var service: String?
        var token: String?
        var user: String?
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        var names: [String] = []
        if let state = try fields.string(.state), !state.isEmpty { names.append(state) }
        for value in try fields.array(.states) ?? [] {
            guard let name = value.stringValue ?? value["name"]?.stringValue else {
                throw .badInput("states must be strings or {\"name\": …} objects", field: fields.name(.states))
            }
            if !name.isEmpty { names.append(name) }
        }
        var states: [State] = []
        for name in names {
            guard let state = State(rawValue: name) else {
                let known = State.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                throw .badInput("unknown provider state \"\(name)\" (known: \(known))", field: fields.name(.state))
            }
            states.append(state)
        }
        let params = try fields.model(.params, as: Parameters.self)
        let action = try fields.choice(.action, as: Action.self) ?? .setup
        guard params?.service != nil || states.isEmpty else {
            let field = fields.name(.params) + "." + Parameters.Field.service.rawValue
            throw .badInput("\(field) is required: the service whose token the state is about", field: field)
        }
        self.init(states: states, action: action, service: params?.service, token: params?.token, user: params?.user)
    }

    /// One state as `state`, as Pact verifiers send it; several as `states`.
    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [:]
        if states.count == 1, let state = states.first {
            object[.state] = .string(state.rawValue)
        } else {
            object[.states] = .array(states.map { .string($0.rawValue) })
        }
        object[.params] = Parameters(service: service, token: token, user: user).json
        object[.action] = .string(action.rawValue)
        return object
    }
}

/// `{"service": …, "user": …, "states": […], "token": …}` for a setup (`token` when a state
/// concerns one), `{"action": "teardown", "states": []}` otherwise.
extension ProviderStateAnswer: ControlModel {
    enum Field: String, ControlField {
        case action, service, user, states, token

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .action: .choice(ProviderStateChange.Action.self, "What was done.")
            case .service: .string("The service.")
            case .user: .string("The user.")
            case .states: .strings("The states set up.")
            case .token: .string("The token a state concerns.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            action: try fields.choice(.action, as: ProviderStateChange.Action.self),
            service: try fields.string(.service),
            user: try fields.string(.user),
            states: try fields.strings(.states).compactMap(ProviderStateChange.State.init(rawValue:)),
            token: try fields.string(.token)
        )
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [:]
        object[.action] = action.map { .string($0.rawValue) }
        object[.service] = service.map(JSONValue.string)
        object[.user] = user.map(JSONValue.string)
        object[.states] = .array(states.map { .string($0.rawValue) })
        object[.token] = token.map(JSONValue.string)
        return object
    }
}

extension ProviderStateChange.Parameters: ControlModel {
    enum Field: String, ControlField {
        case service, token, user

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .service: .string("The service, by name; required when a state is given.")
            case .token: .string("The token the Pact recorded.")
            case .user: .string("The user, by username.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(service: try fields.string(.service), token: try fields.string(.token), user: try fields.string(.user))
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [:]
        object[.service] = service.map(JSONValue.string)
        object[.token] = token.map(JSONValue.string)
        object[.user] = user.map(JSONValue.string)
        return object
    }
}
