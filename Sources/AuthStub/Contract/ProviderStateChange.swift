/// A Pact verifier's state-change call: `{"state": …, "params": {…}, "action": "setup"}`, or the
/// v3 form with `"states": [...]`. An empty state (Pact sends one for interactions that have
/// none) sets nothing up.
struct ProviderStateChange: Sendable, Equatable {
    /// The states AuthStub can set up.
    typealias State = PactProviderState

    enum Action: String, Sendable, CaseIterable {
        case setup
        case teardown
    }

    var states: [State]
    var action: Action
    /// `service` (required when there is a state), `token` (the recorded one; made up when absent), `user`.
    var service: String?
    var token: String?
    var user: String?

    static func decode(_ body: JSONValue) throws(ControlError) -> ProviderStateChange {
        let fields = try ControlFields(body, allowed: ["state", "states", "params", "action"])
        var names: [String] = []
        if let state = try fields.string("state"), !state.isEmpty { names.append(state) }
        for value in try fields.array("states") ?? [] {
            guard let name = value.stringValue ?? value["name"]?.stringValue else {
                throw .badInput("states must be strings or {\"name\": …} objects", field: "states")
            }
            if !name.isEmpty { names.append(name) }
        }
        var states: [State] = []
        for name in names {
            guard let state = State(rawValue: name) else {
                let known = State.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                throw .badInput("unknown provider state \"\(name)\" (known: \(known))", field: "state")
            }
            states.append(state)
        }
        let params = try fields.object("params", allowed: ["service", "token", "user"])
        let action = try fields.choice("action", as: Action.self) ?? .setup
        let service = try params?.string("service")
        guard service != nil || states.isEmpty else {
            throw .badInput("params.service is required: the service whose token the state is about", field: "params.service")
        }
        return ProviderStateChange(
            states: states,
            action: action,
            service: service,
            token: try params?.string("token"),
            user: try params?.string("user")
        )
    }
}
