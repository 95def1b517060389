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
}

/// What a provider-state call did: for a setup, the service and user, and the token it is about
/// when a state concerns one; for a teardown (or a call without states), only the action.
struct ProviderStateAnswer: Sendable, Equatable {
    var action: ProviderStateChange.Action?
    var service: String?
    var user: String?
    var states: [ProviderStateChange.State]
    var token: String?
}
